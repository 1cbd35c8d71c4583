import type { Logger } from '../../logger.js';
import { retryAfterMs } from './rate-limit.js';
import { realTimers, type Timers } from './timers.js';

/** Sends the latest version of one message (a `chat.update`). */
export type SendUpdate = () => Promise<void>;

export interface UpdateSchedulerOptions {
  /** chat.update calls per minute across the workspace (default 40; Slack's Tier 3 allows ~50). */
  perMinute?: number;
  /** Minimum time between two updates of one message (default 3 s). */
  minIntervalMs?: number;
  /** Attempts for a final update before it is given up (default 3). */
  finalAttempts?: number;
  timers?: Timers;
  log: Logger;
}

/** A message whose content changes: progress while a job runs, then its final state. */
export interface TrackedMessage {
  /** The content changed: `send` goes out when this message's and the workspace's budgets allow. */
  touch(send: SendUpdate): void;
  /** The last version, ahead of progress updates; resolves true once sent, false if it never could be. */
  finish(send: SendUpdate): Promise<boolean>;
  /** Stops tracking without a final update. */
  close(): void;
}

interface Entry {
  key: string;
  lastSent: number;
  dirty?: SendUpdate;
  final?: { send: SendUpdate; attempts: number; settle: (sent: boolean) => void };
  finishedAt: number;
}

/**
 * One budget for every `chat.update` the bot makes (Slack counts them per workspace, not per channel):
 * updates are spaced evenly to stay under `perMinute`, each message is updated at most every
 * `minIntervalMs`, only its latest content is ever sent, and final updates go first. With many jobs
 * at once each parent is simply updated less often.
 */
export class UpdateScheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #spacingMs: number;
  readonly #minIntervalMs: number;
  readonly #finalAttempts: number;
  readonly #timers: Timers;
  readonly #log: Logger;
  #lastSent = Number.NEGATIVE_INFINITY;
  #pausedUntil = 0;
  #running = false;
  #timer: unknown;
  #timerAt = 0;

  constructor(options: UpdateSchedulerOptions) {
    this.#spacingMs = 60_000 / (options.perMinute ?? 40);
    this.#minIntervalMs = options.minIntervalMs ?? 3_000;
    this.#finalAttempts = options.finalAttempts ?? 3;
    this.#timers = options.timers ?? realTimers;
    this.#log = options.log;
  }

  /** `postedAt`: when the message was created (that counts as its last update). */
  track(key: string, postedAt = this.#timers.now()): TrackedMessage {
    const entry: Entry = { key, lastSent: postedAt, finishedAt: 0 };
    this.#entries.set(key, entry);
    return {
      touch: (send) => {
        if (entry.final || !this.#entries.has(key)) return;
        entry.dirty = send;
        this.#pump();
      },
      finish: (send) =>
        new Promise<boolean>((settle) => {
          if (!this.#entries.has(key)) return settle(false);
          entry.dirty = undefined;
          entry.final = { send, attempts: 0, settle };
          entry.finishedAt = this.#timers.now();
          this.#pump();
        }),
      close: () => {
        this.#entries.delete(key);
        entry.final?.settle(false);
      },
    };
  }

  /** Messages with an update waiting. */
  get pending(): number {
    return [...this.#entries.values()].filter((e) => e.dirty || e.final).length;
  }

  #pump(): void {
    if (this.#running) return;
    const now = this.#timers.now();
    const choice = this.#choose(now);
    const at = choice ? Math.max(choice.at, this.#lastSent + this.#spacingMs, this.#pausedUntil) : now;
    if (choice && at > now) {
      this.#wakeAt(at);
      return;
    }
    this.#clearTimer();
    if (!choice) return;
    this.#send(choice.entry, now);
  }

  /** The entry to update next and the earliest time its own interval allows it. */
  #choose(now: number): { entry: Entry; at: number } | undefined {
    let best: { entry: Entry; at: number } | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.final) {
        if (!best?.entry.final || entry.finishedAt < best.entry.finishedAt) best = { entry, at: now };
        continue;
      }
      if (!entry.dirty || best?.entry.final) continue;
      const at = entry.lastSent + this.#minIntervalMs;
      if (!best || at < best.at) best = { entry, at };
    }
    return best;
  }

  #send(entry: Entry, now: number): void {
    const final = entry.final;
    const send = final?.send ?? entry.dirty;
    if (!send) return;
    entry.dirty = undefined;
    entry.lastSent = now;
    this.#lastSent = now;
    this.#running = true;
    send()
      .then(() => {
        if (final) this.#settle(entry, true);
      })
      .catch((error: unknown) => this.#failed(entry, send, error))
      .finally(() => {
        this.#running = false;
        this.#pump();
      });
  }

  #failed(entry: Entry, send: SendUpdate, error: unknown): void {
    const waitMs = retryAfterMs(error);
    if (waitMs !== undefined) this.#pausedUntil = this.#timers.now() + waitMs;
    if (!entry.final) {
      // A lost progress update is replaced by the next one; keep it only if nothing newer came.
      if (waitMs !== undefined) entry.dirty ??= send;
      else this.#log.warn({ err: error, message: entry.key }, 'progress update failed');
      return;
    }
    entry.final.attempts += 1;
    // 429s say "later", not "never": they get more attempts than real failures.
    const limit = waitMs === undefined ? this.#finalAttempts : this.#finalAttempts * 4;
    if (entry.final.attempts >= limit) {
      this.#log.error({ err: error, message: entry.key }, 'final update failed');
      this.#settle(entry, false);
    }
  }

  #settle(entry: Entry, sent: boolean): void {
    this.#entries.delete(entry.key);
    entry.final?.settle(sent);
  }

  #wakeAt(at: number): void {
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    this.#clearTimer();
    this.#timerAt = at;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, at - this.#timers.now());
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
