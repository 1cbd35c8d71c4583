import type { HostTask, HostTaskResult } from '../../../src/engine/index.js';
import type { Host } from '../../../src/inventory/types.js';

/** Counts devices in flight, overall, per job and per capped group, and remembers the peaks. */
export class Gauge {
  current = 0;
  peak = 0;
  readonly #counters = new Map<string, { current: number; peak: number }>();

  enter(jobId: string, host: Host): void {
    this.current += 1;
    this.peak = Math.max(this.peak, this.current);
    for (const key of keys(jobId, host)) {
      const counter = this.#counters.get(key) ?? { current: 0, peak: 0 };
      counter.current += 1;
      counter.peak = Math.max(counter.peak, counter.current);
      this.#counters.set(key, counter);
    }
  }

  leave(jobId: string, host: Host): void {
    this.current -= 1;
    for (const key of keys(jobId, host)) this.#counters.get(key)!.current -= 1;
  }

  peakOf(key: `job:${string}` | `group:${string}`): number {
    return this.#counters.get(key)?.peak ?? 0;
  }
}

function keys(jobId: string, host: Host): string[] {
  return [`job:${jobId}`, ...host.concurrencyCaps.map((cap) => `group:${cap.group}`)];
}

export interface FakeTaskOptions {
  delayMs?: number | ((host: Host) => number);
  gauge?: Gauge;
  /** Keep running after an abort, like a buggy device layer. */
  ignoreSignal?: boolean;
  /** What the device "returns"; default ok with one output naming the host. */
  result?: (host: Host) => HostTaskResult;
  /** Called with each host as its task starts. */
  onStart?: (host: Host, signal: AbortSignal) => void;
}

/**
 * A device task that sleeps instead of talking SSH. When it honours the signal it rejects with
 * the abort reason as soon as it aborts, the way the device layer closes its session.
 */
export function fakeTask(options: FakeTaskOptions = {}): HostTask {
  return async (host, { signal, jobId }) => {
    options.onStart?.(host, signal);
    options.gauge?.enter(jobId, host);
    try {
      const delay = typeof options.delayMs === 'function' ? options.delayMs(host) : (options.delayMs ?? 5);
      await sleep(delay, options.ignoreSignal ? undefined : signal);
      return (
        options.result?.(host) ?? {
          status: 'ok',
          outputs: [{ command: 'show clock', output: `${host.name}#12:00` }],
        }
      );
    } finally {
      options.gauge?.leave(jobId, host);
    }
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wraps a task so a test can see which devices it was called for, in order. */
export function recording(task: HostTask, started: string[]): HostTask {
  return (host, context) => {
    started.push(host.name);
    return task(host, context);
  };
}
