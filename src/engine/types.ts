import type { ErrorInfo } from '../errors.js';

export type HostStatus = 'ok' | 'failed' | 'timeout' | 'cancelled';

export interface HostTimings {
  /** Time spent waiting for a slot (job, group and global caps). */
  queuedMs: number;
  /** Transport connect + authentication + reaching the first prompt. */
  connectMs: number;
  /** Running the commands or config lines. */
  commandMs: number;
  /** From the moment the device got a slot until its session closed. */
  totalMs: number;
}

export interface CommandOutput {
  command: string;
  output: string;
}

export interface PushOutcome {
  /** Config lines the device accepted, in order. */
  applied: string[];
  /** The first line the device rejected, and what it said. */
  rejected?: { line: string; message: string };
  saved: boolean;
}

export interface HostResult {
  host: string;
  platform: string;
  status: HostStatus;
  error?: ErrorInfo;
  /** One entry per command that ran (a failed command carries what the device printed). */
  outputs: CommandOutput[];
  push?: PushOutcome;
  timings: HostTimings;
  /** When the device got its slot (epoch ms); equals finishedAt when it never got one. */
  startedAt: number;
  finishedAt: number;
  /**
   * False when the device never got a slot (cancelled while queued, or not run after a failure
   * threshold or a failed canary): such results carry no device time and stay out of percentiles.
   * The engine always sets it; absent means true for results built elsewhere.
   */
  started?: boolean;
}
