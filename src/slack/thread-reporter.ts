import type { HostResult, Job, JobEvent, JobSummary } from '../engine/index.js';
import type { Logger } from '../logger.js';
import {
  finishedParent,
  interruptedParent,
  interruptedSummary,
  type JobHeader,
  type JobProgress,
  plural,
  runningParent,
  type SlackMessage,
  summaryMessage,
  type UnpostedResults,
} from './blocks/index.js';
import { slackErrorCode } from './membership.js';
import type { ChannelLanes, LaneSender, LaneTask, TrackedMessage, UpdateScheduler } from './pacing/index.js';
import { DEFAULT_REPLY_LIMITS, type PlannedFile, planReply, type ReplyLimits } from './reply-plan.js';
import type { ThreadIo } from './thread-io.js';

export interface ThreadReporterDeps {
  io: ThreadIo;
  /** Shared by every job: one pace per channel. */
  lanes: ChannelLanes;
  /** Shared by every job: one chat.update budget per workspace. */
  updates: UpdateScheduler;
  log: Logger;
  now: () => number;
  limits?: ReplyLimits;
  /** Masks secrets in a device's result before it leaves the process; identity until redaction exists. */
  redact?: (result: HostResult) => HostResult;
}

/** How a job's thread ended up. */
export interface ThreadReport {
  /** Undefined when the parent message could not be posted (then nothing else was). */
  parentTs?: string;
  /** Why the parent could not be posted (Slack's error code). */
  parentError?: string;
  unposted: UnpostedResults[];
  summaryPosted: boolean;
  summary?: JobSummary;
}

export interface ThreadReporterOptions {
  /**
   * Post under this existing message instead of starting a thread of one's own: the progress
   * message becomes the thread's next reply (a push reports under its approval message).
   */
  threadTs?: string;
  /** Offer Retry failed on the summary (default true; a push needs a new approval instead). */
  retry?: boolean;
}

type Step =
  | { kind: 'reply'; message: SlackMessage; hosts: string[]; degraded: boolean }
  | { kind: 'file'; file: PlannedFile; part: number };

/**
 * One job's thread: the parent message with live progress, each device's result as replies (batched
 * when results come faster than the channel's pace), files for long output, the summary last, and the
 * parent finished with the summary line. Nothing here waits on a timer of its own: the channel lane
 * asks for the next message when the channel may take one, and the update scheduler decides when the
 * parent is edited.
 */
export class ThreadReporter implements LaneSender {
  readonly done: Promise<ThreadReport>;
  /**
   * The ts of the message whose thread carries the results (the parent once posted, or the message
   * given as `threadTs`); rejects with Slack's error code if the parent cannot be posted.
   */
  readonly parent: Promise<string>;
  readonly #deps: ThreadReporterDeps;
  readonly #channel: string;
  readonly #options: ThreadReporterOptions;
  readonly #header: JobHeader;
  readonly #steps: Step[] = [];
  readonly #unposted = new Map<string, string[]>();
  readonly #startedAt: number;
  #pending: HostResult[] = [];
  #progress: JobProgress = { done: 0, ok: 0, failed: 0, cancelled: 0, elapsedMs: 0 };
  #parentTs: string | undefined;
  #tracked: TrackedMessage | undefined;
  #summary: JobSummary | undefined;
  #cancelledBy: string | undefined;
  #interruption: string | undefined;
  readonly #postedListeners = new Set<(hosts: readonly string[]) => void>();
  #summaryQueued = false;
  #part = 0;
  #resolve: (report: ThreadReport) => void = () => undefined;
  #parentSettled: { resolve: (ts: string) => void; reject: (reason: string) => void } | undefined;

  constructor(
    deps: ThreadReporterDeps,
    channel: string,
    header: JobHeader,
    options: ThreadReporterOptions = {},
  ) {
    this.#deps = deps;
    this.#channel = channel;
    this.#options = options;
    this.#header = header;
    this.#startedAt = deps.now();
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.parent = new Promise<string>((resolve, reject) => {
      this.#parentSettled = { resolve, reject };
    });
    // Whoever started the job may not care (a retry): an unobserved refusal is not a crash.
    this.parent.catch(() => undefined);
  }

  get parentTs(): string | undefined {
    return this.#parentTs;
  }

  /** Subscribes to the job (call right after runner.start) and posts the parent message. */
  start(job: Job): void {
    job.on((event) => this.#onEvent(event));
    this.#deps.lanes
      .post(this.#channel, () =>
        this.#deps.io.post({
          channel: this.#channel,
          ...(this.#options.threadTs ? { threadTs: this.#options.threadTs } : {}),
          message: runningParent(this.#header, this.#progressNow()),
        }),
      )
      .then(
        (ts) => this.#parentPosted(ts),
        (error: unknown) => this.#parentFailed(job, error),
      );
  }

  /** Who pressed Cancel, if anyone did. */
  get cancelledBy(): string | undefined {
    return this.#cancelledBy;
  }

  /** Why netrun itself stopped the job (a shutdown), if it did. */
  get interruption(): string | undefined {
    return this.#interruption;
  }

  /**
   * Hears the devices whose results reached the thread in full, as each reply or file lands (the
   * store marks them posted, so recovery after a crash knows what the thread already shows).
   */
  onPosted(listener: (hosts: readonly string[]) => void): () => void {
    this.#postedListeners.add(listener);
    return () => this.#postedListeners.delete(listener);
  }

  /**
   * netrun is stopping and will cancel this job: its summary and parent say "interrupted", which
   * is not a person's Cancel. Call before cancelling the job.
   */
  noteInterrupted(reason: string): void {
    this.#interruption ??= reason;
  }

  /** Someone pressed Cancel: the parent says so until the job has wound down. */
  noteCancelling(userId: string): void {
    this.#cancelledBy ??= userId;
    this.#progress = { ...this.#progress, cancellingBy: this.#cancelledBy };
    this.#touch();
  }

  nextTask(): LaneTask | undefined {
    if (this.#parentTs === undefined) return undefined;
    const step = this.#steps.shift() ?? this.#nextReply();
    if (step) return this.#task(step);
    if (this.#summary && !this.#summaryQueued) {
      this.#summaryQueued = true;
      return this.#summaryTask(this.#summary);
    }
    return undefined;
  }

  #onEvent(event: JobEvent): void {
    if (event.type === 'host:done') {
      const result = this.#deps.redact ? this.#deps.redact(event.result) : event.result;
      this.#pending.push(result);
      this.#count(result);
      this.#wake();
      this.#touch();
    } else if (event.type === 'job:done') {
      this.#summary = event.summary;
      this.#wake();
    }
  }

  #count(result: HostResult): void {
    const p = { ...this.#progress, done: this.#progress.done + 1 };
    if (result.status === 'ok') p.ok += 1;
    else if (result.status === 'cancelled') p.cancelled += 1;
    else p.failed += 1;
    this.#progress = p;
  }

  #progressNow(): JobProgress {
    return { ...this.#progress, elapsedMs: this.#deps.now() - this.#startedAt };
  }

  #wake(): void {
    if (this.#parentTs !== undefined) this.#deps.lanes.wake(this.#channel, this);
  }

  #touch(): void {
    const ts = this.#parentTs;
    if (!this.#tracked || ts === undefined) return;
    this.#tracked.touch(() =>
      this.#deps.io.update({
        channel: this.#channel,
        ts,
        message: runningParent(this.#header, this.#progressNow()),
      }),
    );
  }

  #parentPosted(ts: string): void {
    this.#parentTs = ts;
    // Whoever follows the thread wants its root: the approval message when posting under one.
    this.#parentSettled?.resolve(this.#options.threadTs ?? ts);
    this.#tracked = this.#deps.updates.track(`${this.#channel}:${ts}`, this.#deps.now());
    if (this.#progress.done > 0 || this.#progress.cancellingBy) this.#touch();
    this.#wake();
  }

  #parentFailed(job: Job, error: unknown): void {
    const reason = slackErrorCode(error);
    this.#deps.log.error(
      { err: error, jobId: this.#header.jobId, channel: this.#channel },
      'cannot post the job message',
    );
    this.#parentSettled?.reject(reason);
    job.cancel(`netrun could not post in the channel (${reason})`);
    void job.done.then((summary) =>
      this.#resolve({ parentError: reason, unposted: [], summaryPosted: false, summary }),
    );
  }

  #nextReply(): Step | undefined {
    if (this.#pending.length === 0) return undefined;
    this.#part += 1;
    const context = { jobId: this.#header.jobId, part: this.#part, command: this.#header.command };
    const { plan, remaining } = planReply(this.#pending, context, this.#deps.limits ?? DEFAULT_REPLY_LIMITS);
    this.#pending = remaining;
    const inMessage = plan.hosts.filter((host) => !plan.file?.hosts.includes(host));
    if (plan.file) this.#steps.push({ kind: 'file', file: plan.file, part: this.#part });
    return { kind: 'reply', message: plan.message, hosts: inMessage, degraded: false };
  }

  #task(step: Step): LaneTask {
    const threadTs = this.#options.threadTs ?? (this.#parentTs as string);
    const channel = this.#channel;
    if (step.kind === 'file') {
      const comment = `Full output of ${plural(step.file.hosts.length, 'device')} (part ${step.part})`;
      return {
        run: async () => {
          await this.#deps.io.upload({ channel, threadTs, file: step.file, comment });
          this.#posted(step.file.hosts);
        },
        fail: (error) => this.#lost(step.file.hosts, `file upload: ${slackErrorCode(error)}`, error),
      };
    }
    return {
      run: async () => {
        await this.#deps.io.post({ channel, threadTs, message: step.message });
        // A degraded reply shows statuses only: those results are not in the thread in full.
        if (!step.degraded) this.#posted(step.hosts);
      },
      fail: (error) => this.#replyFailed(step, error),
    };
  }

  /** A reply Slack refused gets one plainer try (statuses only); then its devices count as not posted. */
  #replyFailed(step: Extract<Step, { kind: 'reply' }>, error: unknown): void {
    const reason = slackErrorCode(error);
    if (step.degraded || step.hosts.length === 0) {
      this.#lost(step.hosts, reason, error);
      return;
    }
    const text = `Results of ${plural(step.hosts.length, 'device')} (${step.hosts.join(', ')}) could not be shown in full: Slack said ${reason}.`;
    this.#deps.log.warn({ err: error, jobId: this.#header.jobId }, 'reply refused; posting a plain one');
    this.#steps.unshift({
      kind: 'reply',
      message: { text: text.slice(0, 3_000), blocks: [] },
      hosts: step.hosts,
      degraded: true,
    });
  }

  #posted(hosts: readonly string[]): void {
    if (hosts.length === 0) return;
    for (const listener of [...this.#postedListeners]) {
      try {
        listener(hosts);
      } catch (error) {
        this.#deps.log.error({ err: error, jobId: this.#header.jobId }, 'a posted-results listener threw');
      }
    }
  }

  #lost(hosts: readonly string[], reason: string, error: unknown): void {
    this.#deps.log.error(
      { err: error, jobId: this.#header.jobId, hosts },
      'device results could not be posted',
    );
    this.#unposted.set(reason, [...(this.#unposted.get(reason) ?? []), ...hosts]);
  }

  #summaryTask(summary: JobSummary): LaneTask {
    const unposted = [...this.#unposted].map(([reason, hosts]) => ({ reason, hosts }));
    const plain = summaryMessage(this.#header, summary, {
      unposted,
      retryable: this.#options.retry === false ? 0 : summary.byStatus.failed + summary.byStatus.timeout,
      ...(this.#cancelledBy ? { cancelledBy: this.#cancelledBy } : {}),
    });
    const message = this.#interruption ? interruptedSummary(plain, this.#interruption) : plain;
    const threadTs = this.#options.threadTs ?? (this.#parentTs as string);
    return {
      run: async () => {
        await this.#deps.io.post({ channel: this.#channel, threadTs, message });
        void this.#finish(summary, unposted, true);
      },
      fail: (error) => {
        this.#deps.log.error({ err: error, jobId: this.#header.jobId }, 'summary could not be posted');
        void this.#finish(summary, unposted, false);
      },
    };
  }

  async #finish(summary: JobSummary, unposted: UnpostedResults[], summaryPosted: boolean): Promise<void> {
    const ts = this.#parentTs as string;
    const message = this.#interruption
      ? interruptedParent(this.#header, summary, this.#interruption)
      : finishedParent(this.#header, summary, this.#cancelledBy);
    await this.#tracked?.finish(() => this.#deps.io.update({ channel: this.#channel, ts, message }));
    this.#deps.lanes.remove(this.#channel, this);
    this.#resolve({ parentTs: ts, unposted, summaryPosted, summary });
  }
}
