import type { Algorithms } from 'ssh2';

/**
 * Algorithm offers. The default is ssh2's modern list minus `ssh-rsa` (SHA-1 signatures), like OpenSSH
 * 8.8+. Old IOS and other legacy gear only speak diffie-hellman-group1/14-sha1, CBC ciphers and ssh-rsa:
 * `legacy_algorithms: true` appends those (after the modern ones, so a capable peer still picks modern).
 * Names are ssh2 1.17's supported names (lib/protocol/constants.js).
 */

export const LEGACY_ALGORITHMS = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  serverHostKey: ['ssh-rsa', 'ssh-dss'],
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'],
  hmac: ['hmac-sha1', 'hmac-sha1-96', 'hmac-md5'],
} as const;

export function algorithmsFor(legacy: boolean): Algorithms {
  if (!legacy) return { serverHostKey: { remove: ['ssh-rsa'] } } as Algorithms;
  return {
    kex: { append: [...LEGACY_ALGORITHMS.kex] },
    serverHostKey: { append: [...LEGACY_ALGORITHMS.serverHostKey] },
    cipher: { append: [...LEGACY_ALGORITHMS.cipher] },
    hmac: { append: [...LEGACY_ALGORITHMS.hmac] },
  } as Algorithms;
}
