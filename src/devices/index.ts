export { assertSingleLine } from './base-session.js';
export { DeviceCommandError } from './command-error.js';
export {
  loadPlatformRegistry,
  type Platform,
  type PlatformRegistry,
  parsePlatformFile,
} from './platforms/index.js';
export {
  type DeviceSession,
  type OpenOptions,
  openSession,
  type PushOptions,
  type RunOptions,
  type SessionDeps,
} from './session.js';
export {
  acceptAnyHostKey,
  appendKnownHostsLine,
  createKnownHostsVerifier,
  fingerprintOf,
  formatKnownHostsLine,
  type HostKeyRequest,
  type HostKeyVerdict,
  type HostKeyVerifier,
  knownHostsName,
  readKnownHostsFile,
  type ScannedHostKey,
  scanHostKey,
} from './transport/index.js';
