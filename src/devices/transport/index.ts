export { deviceEndpoint, openTransport, TERMINAL, type Transport } from './connect.js';
export {
  acceptAnyHostKey,
  appendKnownHostsLine,
  createKnownHostsVerifier,
  type HostKeyRequest,
  type HostKeyVerdict,
  type HostKeyVerifier,
  type KnownHostsOptions,
  readKnownHostsFile,
} from './host-keys.js';
export { connectJump, forwardThrough, jumpEndpoint } from './jump.js';
export {
  fingerprintOf,
  formatKnownHostsLine,
  hostsFieldMatches,
  indexKnownHosts,
  type KnownHostEntry,
  type KnownHostsIndex,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
} from './known-hosts.js';
export { type ScannedHostKey, type ScanTarget, scanHostKey } from './scan.js';
export { connectSsh, type SshConnection, type SshDeps, type SshEndpoint, sshLogin } from './ssh.js';
export { algorithmsFor, LEGACY_ALGORITHMS } from './ssh-algorithms.js';
export { connectTcp, type TcpTarget } from './tcp.js';
export { telnetOver } from './telnet.js';
