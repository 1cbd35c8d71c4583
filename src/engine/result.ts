import { type ErrorInfo, NetrunError, toErrorInfo } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { CommandOutput, HostResult, HostStatus, HostTimings, PushOutcome } from './types.js';

export interface HostTaskContext {
  /** Aborted on the host timeout and on job cancellation: close the session now. */
  signal: AbortSignal;
  jobId: string;
}

/**
 * What the device layer returns for one device. The runner adds the host name, platform, the
 * queued and total times and the timestamps; `status` and `error` are used as given.
 */
export interface HostTaskResult {
  status: HostStatus;
  error?: ErrorInfo;
  outputs?: CommandOutput[];
  push?: PushOutcome;
  /** connectMs and commandMs are used; the runner measures queuedMs and totalMs itself. */
  timings?: Partial<HostTimings>;
  /** Ignored if present: the runner fills both from the Host. */
  host?: string;
  platform?: string;
}

export type HostTask = (host: Host, context: HostTaskContext) => Promise<HostTaskResult>;

/** How a task settled, if it did. */
export type TaskOutcome = { kind: 'value'; value: unknown } | { kind: 'error'; error: unknown };

export interface DeviceClock {
  jobStartedAt: number;
  startedAt: number;
  finishedAt: number;
}

/** A device that never got a slot: cancelled while queued, or left out after a stop or a canary. */
export function notStartedResult(host: Host, error: ErrorInfo, jobStartedAt: number, at: number): HostResult {
  return {
    host: host.name,
    platform: host.platform,
    status: 'cancelled',
    error,
    outputs: [],
    timings: { queuedMs: Math.max(0, at - jobStartedAt), connectMs: 0, commandMs: 0, totalMs: 0 },
    startedAt: at,
    finishedAt: at,
    started: false,
  };
}

/** The task finished on its own: its result as given, or `failed` with the error it threw. */
export function settledResult(host: Host, outcome: TaskOutcome, clock: DeviceClock): HostResult {
  if (outcome.kind === 'error') return build(host, 'failed', toErrorInfo(outcome.error), undefined, clock);
  const value = outcome.value;
  if (!isTaskResult(value)) {
    const error = toErrorInfo(
      new Error(`the device task for ${host.name} returned no result (got ${kind(value)})`),
    );
    return build(host, 'failed', error, undefined, clock);
  }
  return build(host, value.status, value.error ?? missingError(value.status, host), value, clock);
}

/**
 * The runner stopped the device (host timeout or cancellation). Whatever the task managed to
 * return before the grace period ran out is kept — which lines of a push were applied matters
 * most when a push is cut short — but the status and error are the runner's.
 */
export function abortedResult(
  host: Host,
  status: 'timeout' | 'cancelled',
  error: ErrorInfo,
  outcome: TaskOutcome | undefined,
  clock: DeviceClock,
): HostResult {
  const partial = outcome?.kind === 'value' && isTaskResult(outcome.value) ? outcome.value : undefined;
  return build(host, status, error, partial, clock);
}

function build(
  host: Host,
  status: HostStatus,
  error: ErrorInfo | undefined,
  value: HostTaskResult | undefined,
  clock: DeviceClock,
): HostResult {
  const result: HostResult = {
    host: host.name,
    platform: host.platform,
    status,
    outputs: Array.isArray(value?.outputs) ? value.outputs : [],
    timings: {
      queuedMs: Math.max(0, clock.startedAt - clock.jobStartedAt),
      connectMs: finiteOrZero(value?.timings?.connectMs),
      commandMs: finiteOrZero(value?.timings?.commandMs),
      totalMs: Math.max(0, clock.finishedAt - clock.startedAt),
    },
    startedAt: clock.startedAt,
    finishedAt: clock.finishedAt,
    started: true,
  };
  if (error) result.error = error;
  if (value?.push) result.push = value.push;
  return result;
}

const STATUSES: readonly HostStatus[] = ['ok', 'failed', 'timeout', 'cancelled'];

function isTaskResult(value: unknown): value is HostTaskResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    STATUSES.includes((value as { status?: unknown }).status as HostStatus)
  );
}

/** Summaries count failures by code, so a non-ok result without one still gets a code. */
function missingError(status: HostStatus, host: Host): ErrorInfo | undefined {
  if (status === 'ok') return undefined;
  const message = `the device task for ${host.name} reported "${status}" without an error`;
  if (status === 'timeout') return toErrorInfo(new NetrunError('HOST_TIMEOUT', message));
  if (status === 'cancelled') return toErrorInfo(new NetrunError('CANCELLED', message));
  return toErrorInfo(new Error(message));
}

function finiteOrZero(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object without a valid status';
  return typeof value;
}
