import type { CommandOutput, PushOutcome } from '../engine/types.js';
import type { Host } from '../inventory/types.js';
import type { Logger } from '../logger.js';
import type { Platform } from './platforms/platform.js';
import type { PlatformRegistry } from './platforms/registry.js';
import type { HostKeyVerifier } from './transport/host-keys.js';

export interface SessionDeps {
  platforms: PlatformRegistry;
  hostKeys: HostKeyVerifier;
  logger?: Logger;
}

export interface OpenOptions {
  /** Cancels the open, and later closes the session at once (the job's or the host's signal). */
  signal?: AbortSignal;
}

export interface RunOptions {
  /** Overrides the host's command timeout for this command. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PushOptions extends RunOptions {
  /** Persist the change (`copy running-config startup-config`); commit platforms persist on commit anyway. */
  save?: boolean;
}

/**
 * One logged-in device. Calls are serialised (one command at a time); after a timeout, a closed
 * connection or a cancel the session is closed and further calls fail with SESSION_CLOSED.
 */
export interface DeviceSession {
  readonly host: Host;
  readonly platform: Platform;
  /** Transport connect + authentication + first prompt + on-open commands, in ms. */
  readonly connectMs: number;
  readonly closed: boolean;
  /** Output cleaned of echo, prompt and terminal codes. Rejections throw DeviceCommandError(COMMAND_REJECTED). */
  run(command: string, options?: RunOptions): Promise<CommandOutput>;
  /** Enter config mode, send lines until the first rejection, commit/abort, leave, save if asked. */
  pushConfig(lines: readonly string[], options?: PushOptions): Promise<PushOutcome>;
  /** The platform's show-config command (read-only). */
  runningConfig(options?: RunOptions): Promise<string>;
  close(): Promise<void>;
}
