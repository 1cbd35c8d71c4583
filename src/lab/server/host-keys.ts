/**
 * Host keys, made when the lab starts and kept in memory only. Every device presents the lab's
 * usual key; `hostkey-change` devices present another one; legacy-only devices use RSA.
 */
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { LabHostKey } from '../types.js';

export interface HostKey {
  privateKey: string;
  type: string;
  /** The public key blob, base64, as in authorized_keys / known_hosts. */
  blob: string;
  fingerprint: string;
}

export type KeyKind = 'modern' | 'legacy';
export type KeyRole = 'usual' | 'changed';

/**
 * ssh2 1.17's generateKeyPairSync('ed25519') now and then (about 1 in 250) writes a key its own
 * parser rejects (a leading zero byte dropped; mscdex/ssh2#1390): a lab with such a key would fail
 * every connection. Check each key the way the server will read it, and make another if needed.
 */
export function generateHostKeyPair(kind: KeyKind): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pair =
      kind === 'legacy'
        ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 })
        : ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error(`ssh2 made 20 unusable ${kind} host keys in a row`);
}

function makeKey(kind: KeyKind): HostKey {
  const pair = generateHostKeyPair(kind);
  const [type = '', blob = ''] = pair.public.split(' ');
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return { privateKey: pair.private, type, blob, fingerprint: `SHA256:${digest.replace(/=+$/, '')}` };
}

export class LabHostKeys {
  private readonly keys = new Map<string, HostKey>();

  /** Made on first use: an RSA key takes ~0.1 s, and most labs need no legacy or changed keys. */
  get(kind: KeyKind, role: KeyRole): HostKey {
    const id = `${kind}/${role}`;
    let key = this.keys.get(id);
    if (!key) {
      key = makeKey(kind);
      this.keys.set(id, key);
    }
    return key;
  }

  describe(kind: KeyKind, port: number): LabHostKey {
    const key = this.get(kind, 'usual');
    return {
      type: key.type,
      fingerprint: key.fingerprint,
      knownHostsLine: `[127.0.0.1]:${port} ${key.type} ${key.blob}`,
    };
  }
}
