import { NetrunError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { HostTask } from './result.js';

export interface JobOptions {
  /** Defaults to a random id. */
  id?: string;
  /** The devices, in the order they should start (caps permitting). */
  hosts: readonly Host[];
  /** The per-device work (the device layer's session, or a fake in tests). */
  task: HostTask;
  /** This job's cap; the runner's defaultJobConcurrency when absent. */
  concurrency?: number;
  /** Overrides every host's connection.hostTimeoutMs for this job. */
  hostTimeoutMs?: number;
  /** Aborting it cancels the job, like job.cancel(). */
  signal?: AbortSignal;
  /**
   * Once this many devices have failed or timed out, start no more; the rest end `cancelled`
   * with NOT_RUN. Devices already running finish normally (cutting a push short is worse).
   */
  stopAfterFailures?: number;
  /**
   * Run the first `canary` devices first; only when all of them end `ok` do the others start.
   * Otherwise the others end `cancelled` with NOT_RUN.
   */
  canary?: number;
  /** Passed through to job:start for reporters (who asked, the command, the Slack thread...). */
  meta?: Record<string, unknown>;
}

export interface ResolvedJobOptions {
  id: string;
  hosts: readonly Host[];
  task: HostTask;
  concurrency: number;
  hostTimeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  stopAfterFailures: number | undefined;
  canary: number;
  meta: Record<string, unknown>;
}

export function resolveJobOptions(
  options: JobOptions,
  defaults: { concurrency: number; newId: () => string },
): ResolvedJobOptions {
  if (!Array.isArray(options.hosts)) throw usage('hosts', 'an array of hosts', options.hosts);
  if (typeof options.task !== 'function') throw usage('task', 'a function', options.task);
  return {
    id: options.id ?? defaults.newId(),
    hosts: options.hosts,
    task: options.task,
    concurrency: checkInteger('concurrency', options.concurrency ?? defaults.concurrency, 1),
    hostTimeoutMs: options.hostTimeoutMs === undefined ? undefined : checkTimeout(options.hostTimeoutMs),
    signal: options.signal,
    stopAfterFailures:
      options.stopAfterFailures === undefined
        ? undefined
        : checkInteger('stopAfterFailures', options.stopAfterFailures, 1),
    canary: checkInteger('canary', options.canary ?? 0, 0),
    meta: options.meta ?? {},
  };
}

/** Caps are whole numbers from `min` up; Infinity is allowed where it means "no cap". */
export function checkInteger(name: string, value: unknown, min: number): number {
  const ok = typeof value === 'number' && value >= min && (Number.isInteger(value) || value === Infinity);
  if (!ok) throw usage(name, `a whole number from ${min} up`, value);
  return value;
}

export function checkTimeout(value: unknown): number {
  if (typeof value !== 'number' || !(value > 0))
    throw usage('hostTimeoutMs', 'a number of ms above 0', value);
  return value;
}

/** A host's own timeout; a missing or unusable one means no whole-device limit. */
export function hostTimeoutOf(host: Host, override: number | undefined): number {
  const value = override ?? host.connection?.hostTimeoutMs;
  return typeof value === 'number' && value > 0 ? value : Infinity;
}

function usage(name: string, expected: string, got: unknown): NetrunError {
  return new NetrunError('USAGE', `Expected \`${name}\` to be ${expected}, got ${describe(got)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${String(value)} (${typeof value})`;
}
