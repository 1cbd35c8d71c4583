import { describe, expect, it } from 'vitest';
import {
  classifySshError,
  closedDuring,
  type SshErrorContext,
  timedOutDuring,
} from '../../../../src/devices/transport/ssh-errors.js';
import { NetrunError } from '../../../../src/errors.js';

const target = { host: 'r1', address: '127.0.0.1', port: 2201 };
const ctx = (phase: SshErrorContext['phase'], extra: Partial<SshErrorContext> = {}): SshErrorContext => ({
  phase,
  target,
  legacyAlgorithms: false,
  ...extra,
});
const sshError = (message: string, level?: string, code?: unknown) =>
  Object.assign(new Error(message), { level, code });

describe('SSH failures in the catalogue', () => {
  it('silence before any banner is CONNECT_TIMEOUT that says TCP was accepted', () => {
    const error = timedOutDuring(ctx('banner'), 500);
    expect(error.code).toBe('CONNECT_TIMEOUT');
    expect(error.message).toContain('accepted the TCP connection but sent no SSH banner within 500 ms');
  });

  it('silence after the key exchange is AUTH_TIMEOUT and mentions wrong passwords', () => {
    const error = timedOutDuring(ctx('auth'), 800);
    expect(error.code).toBe('AUTH_TIMEOUT');
    expect(error.message).toContain('wrong password');
  });

  it('no common algorithm is HANDSHAKE_FAILED suggesting legacy_algorithms, unless already on', () => {
    const off = classifySshError(
      sshError('Handshake failed: no matching key exchange algorithm', 'handshake'),
      ctx('kex'),
    );
    expect(off.code).toBe('HANDSHAKE_FAILED');
    expect(off.message).toContain('no matching key exchange algorithm');
    expect(off.hint).toContain('legacy_algorithms');
    const on = classifySshError(
      sshError('Handshake failed: no matching C->S cipher', 'handshake'),
      ctx('kex', { legacyAlgorithms: true }),
    );
    expect(on.hint).toContain('already on');
  });

  it('a refused key check wins over ssh2 "verification failed"', () => {
    const hostKeyError = new NetrunError('HOSTKEY_MISMATCH', 'changed');
    const error = classifySshError(
      sshError('Host denied (verification failed)', 'handshake'),
      ctx('kex', { hostKeyError }),
    );
    expect(error).toBe(hostKeyError);
    expect(closedDuring(ctx('kex', { hostKeyError }))).toBe(hostKeyError);
  });

  it('refused credentials are AUTH_FAILED; a drop during login too', () => {
    expect(
      classifySshError(
        sshError('All configured authentication methods failed', 'client-authentication'),
        ctx('auth'),
      ).code,
    ).toBe('AUTH_FAILED');
    expect(closedDuring(ctx('auth')).code).toBe('AUTH_FAILED');
    expect(
      classifySshError(sshError('Too many authentication failures', undefined, 2), ctx('auth')).code,
    ).toBe('AUTH_FAILED');
  });

  it('a connection closed before the banner or during kex is HANDSHAKE_FAILED', () => {
    expect(closedDuring(ctx('banner')).message).toContain('before sending its SSH banner');
    expect(closedDuring(ctx('kex')).code).toBe('HANDSHAKE_FAILED');
    expect(
      classifySshError(sshError('read ECONNRESET', 'client-socket', 'ECONNRESET'), ctx('kex')).code,
    ).toBe('HANDSHAKE_FAILED');
  });
});
