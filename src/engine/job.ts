import { type ErrorInfo, NetrunError, toErrorInfo } from '../errors.js';
import type { GroupCap } from '../inventory/types.js';
import type { Logger } from '../logger.js';
import { type JobEvent, type JobEventListener, JobEventStream } from './events.js';
import { type Candidate, HostQueue, type QueuedHost } from './host-queue.js';
import { cancelledError, runHost } from './host-run.js';
import { hostTimeoutOf, type ResolvedJobOptions } from './job-options.js';
import { notStartedResult, settledResult } from './result.js';
import type { SlotScheduler, SlotUser } from './scheduler.js';
import { type JobSummary, summarise } from './summary.js';
import type { HostResult } from './types.js';

/** A running job as its reporters see it. */
export interface Job {
  readonly id: string;
  /** Device names in the order given. */
  readonly hosts: readonly string[];
  /** Resolves with the summary after job:done; never rejects. */
  readonly done: Promise<JobSummary>;
  /** Live events from now on. Events start on a microtask, so listeners added right after start() see all of them. */
  on(listener: JobEventListener): () => void;
  /** Every event from job:start to job:done, buffered: safe to start at any time. */
  events(): AsyncGenerator<JobEvent, void, undefined>;
  /** Queued devices end `cancelled` at once; running ones are aborted and follow shortly. */
  cancel(reason?: string): void;
  /** Results so far, in the order they finished. */
  results(): readonly HostResult[];
}

export interface JobDeps {
  scheduler: SlotScheduler;
  now: () => number;
  log: Logger;
  graceMs: number;
  /** Asks the runner to hand out free slots (after a release or a new job). */
  pump: () => void;
  onFinished: (job: JobRun) => void;
}

type Phase = 'created' | 'running' | 'finished';

export class JobRun implements Job, SlotUser {
  readonly id: string;
  readonly hosts: readonly string[];
  readonly cap: number;
  readonly done: Promise<JobSummary>;
  readonly #options: ResolvedJobOptions;
  readonly #deps: JobDeps;
  /** Every line about this job carries its id; device lines add the host (runHost, the device task). */
  readonly #log: Logger;
  readonly #stream: JobEventStream;
  readonly #canaries: HostQueue;
  readonly #rest: HostQueue;
  readonly #running = new Map<number, AbortController>();
  readonly #results: HostResult[] = [];
  #resolveDone: (summary: JobSummary) => void = () => undefined;
  #phase: Phase = 'created';
  #startedAt = 0;
  #canariesOutstanding: number;
  #failures = 0;
  #cancelReason: string | undefined;
  #stopped = false;
  #detachSignal: () => void = () => undefined;

  constructor(options: ResolvedJobOptions, deps: JobDeps) {
    this.#options = options;
    this.#deps = deps;
    this.id = options.id;
    this.cap = options.concurrency;
    this.hosts = options.hosts.map((host) => host.name);
    this.#log = deps.log.child({ jobId: this.id });
    this.#stream = new JobEventStream(this.#log);
    const queued: QueuedHost[] = options.hosts.map((host, index) => ({ host, index }));
    this.#canaries = new HostQueue(queued.slice(0, options.canary));
    this.#rest = new HostQueue(queued.slice(options.canary));
    this.#canariesOutstanding = this.#canaries.size;
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.#attachSignal(options.signal);
  }

  on(listener: JobEventListener): () => void {
    return this.#stream.on(listener);
  }

  events(): AsyncGenerator<JobEvent, void, undefined> {
    return this.#stream.iterate();
  }

  results(): readonly HostResult[] {
    return this.#results;
  }

  get queued(): number {
    return this.#canaries.size + this.#rest.size;
  }

  /** Called by the runner on a microtask after start(), so reporters can subscribe first. */
  begin(): void {
    this.#phase = 'running';
    this.#startedAt = this.#deps.now();
    this.#stream.emit({
      type: 'job:start',
      jobId: this.id,
      hostCount: this.hosts.length,
      hosts: [...this.hosts],
      concurrency: this.cap,
      startedAt: this.#startedAt,
      meta: this.#options.meta,
    });
    if (this.#cancelReason !== undefined) this.#cancelQueued(this.#cancelReason);
    else this.#deps.scheduler.register(this);
    this.#finishIfComplete();
    this.#deps.pump();
  }

  peek(fits: (caps: readonly GroupCap[]) => boolean): Candidate | undefined {
    if (this.#phase !== 'running' || this.#stopped || this.#cancelReason !== undefined) return undefined;
    if (this.#canaries.size > 0) return this.#canaries.peek(fits);
    if (this.#canariesOutstanding > 0) return undefined;
    return this.#rest.peek(fits);
  }

  cancel(reason = 'the job was cancelled'): void {
    if (this.#phase === 'finished' || this.#cancelReason !== undefined) return;
    this.#cancelReason = reason;
    if (this.#phase === 'created') return;
    this.#cancelQueued(reason);
    for (const controller of this.#running.values()) controller.abort(cancelledError(reason));
    this.#finishIfComplete();
  }

  /** Runs one granted device to its result; the runner releases the slots, then calls record(). */
  async runDevice(item: QueuedHost): Promise<HostResult> {
    const { host, index } = item;
    const startedAt = this.#deps.now();
    const controller = new AbortController();
    this.#running.set(index, controller);
    this.#stream.emit({ type: 'host:start', jobId: this.id, host: host.name, startedAt });
    // A listener of host:start may have cancelled the job: the task then starts already aborted.
    if (this.#cancelReason !== undefined) controller.abort(cancelledError(this.#cancelReason));
    try {
      return await runHost({
        host,
        jobId: this.id,
        task: this.#options.task,
        timeoutMs: hostTimeoutOf(host, this.#options.hostTimeoutMs),
        graceMs: this.#deps.graceMs,
        controller,
        jobStartedAt: this.#startedAt,
        startedAt,
        now: this.#deps.now,
        log: this.#log.child({ host: host.name }),
      });
    } catch (error) {
      // runHost turns every task failure into a result; this only catches a bug in the engine itself.
      const clock = { jobStartedAt: this.#startedAt, startedAt, finishedAt: this.#deps.now() };
      return settledResult(host, { kind: 'error', error }, clock);
    } finally {
      this.#running.delete(index);
    }
  }

  record(item: QueuedHost, result: HostResult): void {
    this.#emitResult(result);
    if (result.status === 'failed' || result.status === 'timeout') this.#failures += 1;
    const limit = this.#options.stopAfterFailures;
    if (limit !== undefined && this.#failures >= limit) {
      this.#stop(`the job stopped after ${limit} device(s) failed or timed out`);
    }
    if (item.index < this.#options.canary) {
      this.#canariesOutstanding -= 1;
      if (result.status !== 'ok') this.#stop(`canary device ${result.host} ended ${result.status}`);
    }
    this.#finishIfComplete();
  }

  #emitResult(result: HostResult): void {
    this.#results.push(result);
    this.#stream.emit({
      type: 'host:done',
      jobId: this.id,
      result,
      done: this.#results.length,
      total: this.hosts.length,
    });
  }

  #stop(why: string): void {
    if (this.#stopped || this.#cancelReason !== undefined) return;
    this.#stopped = true;
    this.#endQueued(toErrorInfo(new NetrunError('NOT_RUN', `not run: ${why}`)));
  }

  #cancelQueued(reason: string): void {
    this.#endQueued(toErrorInfo(new NetrunError('CANCELLED', `cancelled before it started: ${reason}`)));
  }

  #endQueued(error: ErrorInfo): void {
    const at = this.#deps.now();
    const waiting = [...this.#canaries.drain(), ...this.#rest.drain()];
    for (const { host } of waiting) this.#emitResult(notStartedResult(host, error, this.#startedAt, at));
  }

  #finishIfComplete(): void {
    if (this.#phase !== 'running' || this.#results.length < this.hosts.length) return;
    this.#phase = 'finished';
    const { scheduler } = this.#deps;
    const summary = summarise(this.#results, {
      wallMs: this.#deps.now() - this.#startedAt,
      concurrency: this.cap,
      peakConcurrency: scheduler.peakOf(this),
    });
    scheduler.unregister(this);
    this.#detachSignal();
    this.#stream.emit({ type: 'job:done', jobId: this.id, summary, results: [...this.#results] });
    this.#stream.close();
    this.#resolveDone(summary);
    this.#deps.onFinished(this);
  }

  #attachSignal(signal: AbortSignal | undefined): void {
    if (!signal) return;
    const onAbort = () => this.cancel(describeReason(signal.reason));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    this.#detachSignal = () => signal.removeEventListener('abort', onAbort);
  }
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error && reason.message) return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'the job was cancelled';
}
