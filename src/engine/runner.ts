import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import { type Logger, silentLogger } from '../logger.js';
import { type Job, type JobDeps, JobRun } from './job.js';
import { checkInteger, type JobOptions, resolveJobOptions } from './job-options.js';
import { type Grant, SlotScheduler } from './scheduler.js';

export interface RunnerOptions {
  /** Devices in flight across every job (default 50). */
  globalConcurrency?: number;
  /** A job's cap when it does not set one (default 20, like Nornir's workers). */
  defaultJobConcurrency?: number;
  /**
   * After a timeout or cancellation aborts a device, how long its task may take to hand back
   * partial output before it is abandoned and its slot freed (default 500 ms).
   */
  abortGraceMs?: number;
  /** Clock for timestamps and durations (default Date.now). */
  now?: () => number;
  logger?: Logger;
  newJobId?: () => string;
}

export interface RunnerStats {
  /** Devices waiting for a slot, across jobs. */
  queued: number;
  /** Devices holding a slot. */
  running: number;
  /** Jobs not yet finished. */
  jobs: number;
}

export interface Runner {
  /** Starts a job; its events begin on the next microtask. */
  start(options: JobOptions): Job;
  stats(): RunnerStats;
  /** Resolves when every job has finished and every slot is free. */
  drain(): Promise<void>;
  /** Cancels every job, ends jobs started from now on as cancelled, then drains. */
  shutdown(reason?: string): Promise<void>;
}

const DEFAULTS = { globalConcurrency: 50, jobConcurrency: 20, abortGraceMs: 500 };

/**
 * One runner per process: every job shares its global cap and the inventory's group caps.
 * SlotScheduler decides which device starts next (all of its slots at once, fairly across jobs);
 * p-queue runs it, with the global cap as its concurrency so the bot-wide limit holds even if
 * the scheduler's books were ever wrong.
 */
export function createRunner(options: RunnerOptions = {}): Runner {
  return new JobRunner(options);
}

class JobRunner implements Runner {
  readonly #jobCap: number;
  readonly #newId: () => string;
  readonly #log: Logger;
  readonly #scheduler: SlotScheduler;
  readonly #queue: PQueue;
  readonly #jobs = new Set<JobRun>();
  readonly #jobDeps: JobDeps;
  #shutdownReason: string | undefined;
  #pumping = false;
  #pumpAgain = false;

  constructor(options: RunnerOptions) {
    const globalCap = checkInteger(
      'globalConcurrency',
      options.globalConcurrency ?? DEFAULTS.globalConcurrency,
      1,
    );
    this.#jobCap = checkInteger(
      'defaultJobConcurrency',
      options.defaultJobConcurrency ?? DEFAULTS.jobConcurrency,
      1,
    );
    this.#newId = options.newJobId ?? (() => randomUUID().slice(0, 8));
    this.#log = options.logger ?? silentLogger();
    this.#scheduler = new SlotScheduler(globalCap);
    this.#queue = new PQueue({ concurrency: globalCap });
    this.#jobDeps = {
      scheduler: this.#scheduler,
      now: options.now ?? Date.now,
      log: this.#log,
      graceMs: checkInteger('abortGraceMs', options.abortGraceMs ?? DEFAULTS.abortGraceMs, 0),
      pump: () => this.#pump(),
      onFinished: (job) => this.#jobs.delete(job),
    };
  }

  start(options: JobOptions): Job {
    const job = new JobRun(
      resolveJobOptions(options, { concurrency: this.#jobCap, newId: this.#newId }),
      this.#jobDeps,
    );
    this.#jobs.add(job);
    if (this.#shutdownReason !== undefined) job.cancel(this.#shutdownReason);
    queueMicrotask(() => job.begin());
    return job;
  }

  stats(): RunnerStats {
    let queued = 0;
    for (const job of this.#jobs) queued += job.queued;
    return { queued, running: this.#scheduler.running, jobs: this.#jobs.size };
  }

  async drain(): Promise<void> {
    while (this.#jobs.size > 0) await Promise.all([...this.#jobs].map((job) => job.done));
    await this.#queue.onIdle();
  }

  async shutdown(reason = 'netrun is shutting down'): Promise<void> {
    this.#shutdownReason = reason;
    for (const job of this.#jobs) job.cancel(reason);
    await this.drain();
  }

  #pump(): void {
    // Starting a device can re-enter (a listener cancels its job, which ends it): loop, never recurse.
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        for (let grant = this.#scheduler.next(); grant; grant = this.#scheduler.next()) this.#launch(grant);
      } while (this.#pumpAgain);
    } finally {
      this.#pumping = false;
    }
  }

  #launch(grant: Grant): void {
    const job = grant.user as JobRun;
    this.#queue
      .add(async () => {
        const result = await job.runDevice(grant.item);
        this.#scheduler.release(grant);
        job.record(grant.item, result);
      })
      // runDevice never throws, so this is a bug: say so loudly rather than lose it.
      .catch((error: unknown) =>
        this.#log.error({ err: error, jobId: job.id }, 'runner failed to record a result'),
      )
      .finally(() => this.#pump());
  }
}
