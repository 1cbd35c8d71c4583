import type { HostResult, Job, JobSummary } from '../../engine/index.js';
import type { JobHeader } from '../blocks/index.js';
import type { ThreadReporter } from '../thread-reporter.js';

/** A job started from Slack, as the listeners need it: who, where, and its thread. */
export interface JobRecord {
  id: string;
  /** A config push (never retried from its summary); absent for a run of commands. */
  kind?: 'run' | 'push';
  channel: string;
  header: JobHeader;
  job: Job;
  reporter: ThreadReporter;
  startedAt: number;
  finished?: { summary: JobSummary; results: readonly HostResult[]; at: number };
  /** The job that re-ran this one's failed devices. */
  retriedAs?: string;
}

export interface JobDirectoryOptions {
  /** Finished jobs kept for Retry failed (default 500); the oldest are forgotten first. */
  keepFinished?: number;
}

/**
 * Running and recently finished jobs, in memory. Buttons and `/netrun cancel` look jobs up here. The
 * store (a later issue) will keep them across restarts behind the same methods.
 */
export class JobDirectory {
  readonly #records = new Map<string, JobRecord>();
  readonly #finishedOrder: string[] = [];
  readonly #keepFinished: number;

  constructor(options: JobDirectoryOptions = {}) {
    this.#keepFinished = options.keepFinished ?? 500;
  }

  add(record: JobRecord): void {
    this.#records.set(record.id, record);
  }

  get(id: string): JobRecord | undefined {
    return this.#records.get(id);
  }

  /** Every job still known, oldest first. */
  list(): JobRecord[] {
    return [...this.#records.values()];
  }

  running(): JobRecord[] {
    return [...this.#records.values()].filter((record) => !record.finished);
  }

  finish(id: string, summary: JobSummary, results: readonly HostResult[], at: number): void {
    const record = this.#records.get(id);
    if (!record || record.finished) return;
    record.finished = { summary, results, at };
    this.#finishedOrder.push(id);
    while (this.#finishedOrder.length > this.#keepFinished) {
      this.#records.delete(this.#finishedOrder.shift() as string);
    }
  }

  /**
   * Marks a finished job as retried; false if it already was. Synchronous on purpose: two clicks
   * racing through `await`s both reach here, and only the first may start a job.
   */
  claimRetry(id: string, retryId: string): boolean {
    const record = this.#records.get(id);
    if (!record || record.retriedAs !== undefined) return false;
    record.retriedAs = retryId;
    return true;
  }

  /** Every job thread still being written. */
  async settled(): Promise<void> {
    await Promise.all(this.list().map((record) => record.reporter.done));
  }
}
