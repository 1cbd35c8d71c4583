import {
  type HostResult,
  type Job,
  type JobEvent,
  type JobEventListener,
  type JobSummary,
  summarise,
} from '../../../src/engine/index.js';

/** A job whose events a test emits by hand. */
export class FakeJob implements Job {
  readonly id: string;
  readonly hosts: string[];
  readonly done: Promise<JobSummary>;
  cancelledWith: string | undefined;
  readonly #listeners = new Set<JobEventListener>();
  readonly #results: HostResult[] = [];
  #resolve: (summary: JobSummary) => void = () => undefined;

  constructor(id: string, hosts: string[]) {
    this.id = id;
    this.hosts = hosts;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  on(listener: JobEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  events(): AsyncGenerator<JobEvent, void, undefined> {
    throw new Error('FakeJob.events is not used by the reporter');
  }

  cancel(reason = 'cancelled'): void {
    this.cancelledWith ??= reason;
  }

  results(): readonly HostResult[] {
    return this.#results;
  }

  hostDone(result: HostResult): void {
    this.#results.push(result);
    this.#emit({
      type: 'host:done',
      jobId: this.id,
      result,
      done: this.#results.length,
      total: this.hosts.length,
    });
  }

  finish(wallMs = 1_000): JobSummary {
    const summary = summarise(this.#results, { wallMs, concurrency: 20 });
    this.#emit({ type: 'job:done', jobId: this.id, summary, results: [...this.#results] });
    this.#resolve(summary);
    return summary;
  }

  #emit(event: JobEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
