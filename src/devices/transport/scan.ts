import { NetrunError } from '../../errors.js';
import type { HostKeyVerifier } from './host-keys.js';
import { fingerprintOf, formatKnownHostsLine, keyTypeOf, knownHostsName } from './known-hosts.js';
import { sshLogin } from './ssh.js';
import { connectTcp, type TcpTarget } from './tcp.js';

/**
 * Fetch a server's host key without logging in (what `ssh-keyscan` does), for `netrun hostkeys scan`:
 * the key exchange runs, the key is captured, and the connection is dropped before authentication.
 */

export interface ScannedHostKey {
  keyType: string;
  fingerprint: string;
  key: Buffer;
  /** The line to append to known_hosts after verifying the fingerprint out of band. */
  knownHostsLine: string;
}

export interface ScanTarget extends TcpTarget {
  connectTimeoutMs: number;
  legacyAlgorithms: boolean;
}

class Captured extends NetrunError {
  constructor(readonly key: Buffer) {
    super('CANCELLED', 'host key captured');
  }
}

export async function scanHostKey(target: ScanTarget, signal?: AbortSignal): Promise<ScannedHostKey> {
  const capture: HostKeyVerifier = {
    verify: async ({ key }) => {
      throw new Captured(Buffer.from(key));
    },
  };
  const socket = await connectTcp(target, target.connectTimeoutMs, signal);
  const endpoint = { ...target, credentials: {}, keepaliveIntervalMs: 0 };
  try {
    await sshLogin(endpoint, socket, { hostKeys: capture }, signal);
  } catch (error) {
    if (error instanceof Captured) {
      const key = error.key;
      const name = knownHostsName(target.address, target.port);
      return {
        keyType: keyTypeOf(key),
        fingerprint: fingerprintOf(key),
        key,
        knownHostsLine: formatKnownHostsLine(name, key),
      };
    }
    throw error;
  }
  throw new NetrunError('INTERNAL', `${target.host}: the SSH login went ahead without a host key check`);
}
