import { isNetrunError, NetrunError, toErrorInfo } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { Logger } from '../logger.js';
import { formatDuration } from './format-summary.js';
import { abortedResult, type DeviceClock, type HostTask, settledResult, type TaskOutcome } from './result.js';
import type { HostResult } from './types.js';

export interface RunHostOptions {
  host: Host;
  jobId: string;
  task: HostTask;
  /** Whole-device limit; Infinity for none. */
  timeoutMs: number;
  /** After an abort, how long the task may take to hand back what it has before it is abandoned. */
  graceMs: number;
  /** Owned by the job, which aborts it on cancellation with a CANCELLED NetrunError as reason. */
  controller: AbortController;
  jobStartedAt: number;
  startedAt: number;
  now: () => number;
  /** Bound to `{ jobId, host }` by the job: every line about this device says which one it is. */
  log: Logger;
}

/**
 * Runs one device's task and always returns a HostResult: never throws, never hangs. The task's
 * signal aborts on the host timeout or a cancellation; the result then says `timeout` or
 * `cancelled` whether or not the task listens, because the abort is raced against the task.
 */
export async function runHost(options: RunHostOptions): Promise<HostResult> {
  const { host, controller } = options;
  const timer = Number.isFinite(options.timeoutMs)
    ? setTimeout(() => controller.abort(hostTimeoutError(host, options.timeoutMs)), options.timeoutMs)
    : undefined;
  try {
    const settled = settle(() => options.task(host, { signal: controller.signal, jobId: options.jobId }));
    const first = await Promise.race([settled, whenAborted(controller.signal)]);
    if (first !== 'aborted') return settledResult(host, first, clock(options));
    const late = await withinGrace(settled, options.graceMs);
    if (!late) {
      options.log.warn(
        { graceMs: options.graceMs },
        'device task ignored its abort signal; its slot is released anyway',
      );
    }
    const reason: unknown = controller.signal.reason;
    const timedOut = isNetrunError(reason, 'HOST_TIMEOUT');
    const error = isNetrunError(reason)
      ? toErrorInfo(reason)
      : toErrorInfo(cancelledError('the job was cancelled'));
    return abortedResult(host, timedOut ? 'timeout' : 'cancelled', error, late, clock(options));
  } finally {
    clearTimeout(timer);
  }
}

export function hostTimeoutError(host: Host, timeoutMs: number): NetrunError {
  return new NetrunError(
    'HOST_TIMEOUT',
    `${host.name} did not finish within its host timeout of ${formatDuration(timeoutMs)}`,
  );
}

export function cancelledError(why: string): NetrunError {
  return new NetrunError('CANCELLED', `cancelled while running: ${why}`);
}

function clock(options: RunHostOptions): DeviceClock {
  return { jobStartedAt: options.jobStartedAt, startedAt: options.startedAt, finishedAt: options.now() };
}

/** A task that throws synchronously, rejects or resolves all end up as an outcome value. */
function settle(start: () => Promise<unknown>): Promise<TaskOutcome> {
  try {
    return Promise.resolve(start()).then(
      (value): TaskOutcome => ({ kind: 'value', value }),
      (error: unknown): TaskOutcome => ({ kind: 'error', error }),
    );
  } catch (error) {
    return Promise.resolve({ kind: 'error', error });
  }
}

function whenAborted(signal: AbortSignal): Promise<'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
}

async function withinGrace(settled: Promise<TaskOutcome>, graceMs: number): Promise<TaskOutcome | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), graceMs);
  });
  try {
    return await Promise.race([settled, expired]);
  } finally {
    clearTimeout(timer);
  }
}
