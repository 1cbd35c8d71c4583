import { NetrunError } from '../../errors.js';
import { mapSocketError, type TcpTarget } from './tcp.js';

/**
 * What went wrong while an SSH session was being set up, in the catalogue's words. ssh2 reports errors
 * with a `level`; netrun also tracks the phase it had reached, because the same symptom means different
 * things at different times: silence before the banner is an unreachable service, silence after the
 * key exchange is a device ignoring the password.
 */

/** `banner`: TCP is up, waiting for the server's SSH identification; `kex`: negotiating; `auth`: logging in. */
export type SshPhase = 'banner' | 'kex' | 'auth';

export interface SshErrorContext {
  phase: SshPhase;
  target: TcpTarget;
  legacyAlgorithms: boolean;
  /** Set when the host key check refused the key (ssh2 only says "verification failed"). */
  hostKeyError?: NetrunError;
}

type Ssh2Error = Error & { level?: string; code?: unknown };

const where = (t: TcpTarget) => `${t.host} (${t.address}:${t.port})`;

function handshakeFailed(ctx: SshErrorContext, detail: string, cause?: unknown): NetrunError {
  const hint = ctx.legacyAlgorithms
    ? 'legacy algorithms are already on: check the SSH server version and its crypto settings'
    : 'old devices may need `legacy_algorithms: true` (connection.legacy_algorithms) for their host or group';
  return new NetrunError('HANDSHAKE_FAILED', `SSH handshake with ${where(ctx.target)} failed: ${detail}`, {
    cause,
    hint,
  });
}

export function classifySshError(error: Ssh2Error, ctx: SshErrorContext): NetrunError {
  if (ctx.hostKeyError) return ctx.hostKeyError;
  if (error.level === 'client-authentication') {
    return new NetrunError('AUTH_FAILED', `${where(ctx.target)} refused the credentials (${error.message})`, {
      cause: error,
    });
  }
  if (error.level === 'client-socket' && typeof error.code === 'string' && error.code !== 'ECONNRESET') {
    return mapSocketError(error as NodeJS.ErrnoException, ctx.target);
  }
  if (ctx.phase === 'auth') {
    return new NetrunError(
      'AUTH_FAILED',
      `${where(ctx.target)} ended the session during authentication (${error.message})`,
      { cause: error },
    );
  }
  return handshakeFailed(ctx, error.message, error);
}

export function closedDuring(ctx: SshErrorContext): NetrunError {
  if (ctx.hostKeyError) return ctx.hostKeyError;
  if (ctx.phase === 'auth') {
    return new NetrunError('AUTH_FAILED', `${where(ctx.target)} closed the connection during authentication`);
  }
  const when = ctx.phase === 'banner' ? 'before sending its SSH banner' : 'during the key exchange';
  return handshakeFailed(ctx, `the device closed the connection ${when}`);
}

/**
 * The connect budget ran out. No banner at all is reported as CONNECT_TIMEOUT with its own sentence:
 * something accepted TCP (a firewall, a proxy, a wedged sshd) but no SSH server spoke.
 */
export function timedOutDuring(ctx: SshErrorContext, timeoutMs: number): NetrunError {
  const t = where(ctx.target);
  if (ctx.phase === 'banner') {
    return new NetrunError(
      'CONNECT_TIMEOUT',
      `${t} accepted the TCP connection but sent no SSH banner within ${timeoutMs} ms`,
      {
        hint: 'check that SSH runs on this port (not telnet or another service) and that no proxy holds the connection',
      },
    );
  }
  if (ctx.phase === 'kex') {
    return new NetrunError(
      'CONNECT_TIMEOUT',
      `${t} did not finish the SSH key exchange within ${timeoutMs} ms`,
    );
  }
  return new NetrunError(
    'AUTH_TIMEOUT',
    `${t} did not answer the login within ${timeoutMs} ms; some platforms answer a wrong password with silence`,
  );
}
