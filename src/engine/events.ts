import type { Logger } from '../logger.js';
import type { JobSummary } from './summary.js';
import type { HostResult } from './types.js';

export interface JobStartEvent {
  type: 'job:start';
  jobId: string;
  /** Number of devices in the job. */
  hostCount: number;
  /** Device names in the order they were given (the inventory order). */
  hosts: string[];
  /** The job's own cap (the bot-wide and group caps may hold it lower). */
  concurrency: number;
  startedAt: number;
  meta: Record<string, unknown>;
}

export interface HostStartEvent {
  type: 'host:start';
  jobId: string;
  host: string;
  startedAt: number;
}

export interface HostDoneEvent {
  type: 'host:done';
  jobId: string;
  result: HostResult;
  /** Results so far, this one included, and the job's device count: enough for a progress bar. */
  done: number;
  total: number;
}

export interface JobDoneEvent {
  type: 'job:done';
  jobId: string;
  summary: JobSummary;
  /** Every device's result, in the order they finished. */
  results: HostResult[];
}

export type JobEvent = JobStartEvent | HostStartEvent | HostDoneEvent | JobDoneEvent;
export type JobEventListener = (event: JobEvent) => void;

/**
 * Delivers a job's events to every listener in one order. An event emitted from inside a
 * listener (a reporter cancelling the job on a host:done) is queued behind the one being
 * delivered, so no listener ever sees events out of order. A listener that throws is logged and
 * skipped; the job goes on. Every event is kept, so an iterator started late still sees the
 * whole stream from job:start.
 */
export class JobEventStream {
  readonly #listeners = new Set<JobEventListener>();
  readonly #history: JobEvent[] = [];
  readonly #pending: JobEvent[] = [];
  readonly #wakers = new Set<() => void>();
  readonly #log: Logger;
  #delivering = false;
  #closed = false;

  /** `log` is the job's own logger (bound to its jobId). */
  constructor(log: Logger) {
    this.#log = log;
  }

  on(listener: JobEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: JobEvent): void {
    this.#pending.push(event);
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      // By index, not shift(): cancelling 10,000 queued devices from a listener queues 10,000 events.
      for (let index = 0; index < this.#pending.length; index += 1) this.#deliver(this.#pending[index]!);
    } finally {
      this.#pending.length = 0;
      this.#delivering = false;
    }
  }

  /** Ends iterators once they have read everything; called after job:done. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** Every event from job:start to job:done, buffered: safe to start iterating at any time. */
  async *iterate(): AsyncGenerator<JobEvent, void, undefined> {
    let index = 0;
    while (true) {
      const event = this.#history[index];
      if (event) {
        index += 1;
        yield event;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => this.#wakers.add(resolve));
    }
  }

  #deliver(event: JobEvent): void {
    this.#history.push(event);
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error({ err: error, event: event.type }, 'job event listener threw');
      }
    }
    this.#wake();
  }

  #wake(): void {
    const wakers = [...this.#wakers];
    this.#wakers.clear();
    for (const wake of wakers) wake();
  }
}
