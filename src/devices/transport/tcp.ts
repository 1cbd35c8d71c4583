import { connect, type Socket } from 'node:net';
import { NetrunError } from '../../errors.js';

/**
 * A TCP connection with its own timeout and error wording. netrun opens the socket itself (instead of
 * letting ssh2 do it) to know when TCP is up — so "no SSH banner" can be told apart from "no answer" —
 * and to set TCP_NODELAY before the first byte (a device flow measured 210 ms without, 44 ms with).
 */

export interface TcpTarget {
  /** Inventory name, for messages. */
  host: string;
  address: string;
  port: number;
}

export function mapSocketError(error: NodeJS.ErrnoException, target: TcpTarget): NetrunError {
  const where = `${target.host} (${target.address}:${target.port})`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return new NetrunError('CONNECT_REFUSED', `${where} refused the connection`, { cause: error });
    case 'ETIMEDOUT':
      return new NetrunError('CONNECT_TIMEOUT', `${where} did not answer (${error.code})`, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetrunError(
        'CONNECT_FAILED',
        `cannot resolve ${target.address} for ${target.host} (${error.code})`,
        {
          cause: error,
        },
      );
    default:
      return new NetrunError('CONNECT_FAILED', `cannot connect to ${where}: ${error.message}`, {
        cause: error,
      });
  }
}

export function cancelled(what: string, reason?: unknown): NetrunError {
  return new NetrunError('CANCELLED', `${what}: cancelled`, { cause: reason });
}

export function connectTcp(target: TcpTarget, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(`connecting to ${target.host}`, signal.reason));
      return;
    }
    const socket = connect({ host: target.address, port: target.port, noDelay: true });
    const done = (error?: NetrunError) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onConnect = () => {
      socket.setNoDelay(true);
      // Until ssh2 or the telnet layer attaches its own handler (after an await or two), a reset must not
      // become an uncaught 'error': they see the closed socket instead.
      socket.on('error', () => undefined);
      done();
    };
    const onError = (error: NodeJS.ErrnoException) => done(mapSocketError(error, target));
    const onAbort = () => done(cancelled(`connecting to ${target.host}`, signal?.reason));
    const timer = setTimeout(
      () =>
        done(
          new NetrunError(
            'CONNECT_TIMEOUT',
            `${target.host} (${target.address}:${target.port}) did not accept a TCP connection within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
