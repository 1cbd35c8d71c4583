import type { Logger } from '../../logger.js';
import { retryAfterMs } from './rate-limit.js';
import { realTimers, type Timers } from './timers.js';

/** One message into a channel: what to send, and what to do if it cannot be sent at all. */
export interface LaneTask {
  run(): Promise<void>;
  /** Called once with the last error when the task fails for good (never after a success). */
  fail(error: unknown): void;
}

/**
 * A job (or anything else) with messages for a channel. It is asked for its next task only when the
 * channel may take a message, so it can put everything that arrived meanwhile into that one message.
 */
export interface LaneSender {
  nextTask(): LaneTask | undefined;
}

export interface ChannelLanesOptions {
  /**
   * Minimum time from the end of one message into a channel to the start of the next (default
   * 1,000 ms: Slack allows about one a second). Counted from the end because Slack counts a message
   * when it creates it — for a file, at the last of its three calls — which a start-to-start pace
   * could bring closer than a second.
   */
  intervalMs?: number;
  /** How often one message may be pushed back by a 429 before it is given up (default 5). */
  maxRateLimitRetries?: number;
  timers?: Timers;
  log: Logger;
}

interface LaneSettings {
  intervalMs: number;
  maxRateLimitRetries: number;
  timers: Timers;
  log: Logger;
}

interface Current {
  task: LaneTask;
  rateLimited: number;
}

/**
 * Paces every message the bot posts into a channel — thread replies, files, parent messages, from
 * every job in that channel — at one per interval, one at a time and in order. Slack counts thread
 * replies against the channel and may drop bursts silently, so the pace is kept here rather than
 * discovered through 429s. Parent messages go before replies; jobs take turns (round robin).
 */
class Lane {
  readonly #urgent: LaneTask[] = [];
  readonly #senders = new Set<LaneSender>();
  /** When each sender last had a turn: the one waiting longest goes next. */
  readonly #served = new WeakMap<LaneSender, number>();
  #turns = 0;
  readonly #options: LaneSettings;
  readonly #onIdle: () => void;
  #current: Current | undefined;
  #running = false;
  #timer: unknown;
  #lastEnd = Number.NEGATIVE_INFINITY;
  #pausedUntil = 0;

  constructor(options: LaneSettings, onIdle: () => void) {
    this.#options = options;
    this.#onIdle = onIdle;
  }

  get busy(): boolean {
    return this.#running || this.#timer !== undefined || this.#hasWork();
  }

  pushUrgent(task: LaneTask): void {
    this.#urgent.push(task);
    this.#pump();
  }

  wake(sender: LaneSender): void {
    this.#senders.add(sender);
    this.#pump();
  }

  remove(sender: LaneSender): void {
    this.#senders.delete(sender);
  }

  #pump(): void {
    if (this.#running || this.#timer !== undefined) return;
    const { timers, intervalMs } = this.#options;
    const wait = Math.max(this.#lastEnd + intervalMs, this.#pausedUntil) - timers.now();
    if (wait > 0) {
      if (!this.#hasWork()) {
        this.#onIdle();
        return;
      }
      this.#timer = timers.setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    const current = this.#current ?? this.#take();
    if (!current) {
      this.#onIdle();
      return;
    }
    this.#current = current;
    this.#running = true;
    void this.#run(current).finally(() => {
      this.#lastEnd = timers.now();
      this.#running = false;
      this.#pump();
    });
  }

  #hasWork(): boolean {
    return this.#current !== undefined || this.#urgent.length > 0 || this.#senders.size > 0;
  }

  #take(): Current | undefined {
    const urgent = this.#urgent.shift();
    if (urgent) return { task: urgent, rateLimited: 0 };
    // Array.prototype.sort is stable: senders never served keep the order they woke in.
    const order = [...this.#senders].sort(
      (a, b) => (this.#served.get(a) ?? -1) - (this.#served.get(b) ?? -1),
    );
    for (const sender of order) {
      const task = sender.nextTask();
      if (task) {
        this.#turns += 1;
        this.#served.set(sender, this.#turns);
        return { task, rateLimited: 0 };
      }
      this.#senders.delete(sender);
    }
    return undefined;
  }

  async #run(current: Current): Promise<void> {
    try {
      await current.task.run();
      this.#current = undefined;
    } catch (error) {
      const waitMs = retryAfterMs(error);
      if (waitMs !== undefined && current.rateLimited < this.#options.maxRateLimitRetries) {
        current.rateLimited += 1;
        this.#pausedUntil = this.#options.timers.now() + waitMs;
        this.#options.log.warn(
          { waitMs, attempt: current.rateLimited },
          'Slack rate-limited a post; pausing the channel',
        );
        return;
      }
      this.#current = undefined;
      safely(() => current.task.fail(error), this.#options.log);
    }
  }
}

function safely(fn: () => void, log: Logger): void {
  try {
    fn();
  } catch (error) {
    log.error({ err: error }, 'a lane task failure handler threw');
  }
}

export class ChannelLanes {
  readonly #lanes = new Map<string, Lane>();
  readonly #options: LaneSettings;
  readonly #idleWaiters = new Set<() => void>();

  constructor(options: ChannelLanesOptions) {
    this.#options = {
      intervalMs: options.intervalMs ?? 1_000,
      maxRateLimitRetries: options.maxRateLimitRetries ?? 5,
      timers: options.timers ?? realTimers,
      log: options.log,
    };
  }

  /** Posts one message ahead of the channel's queued replies (still paced); resolves with its result. */
  post<T>(channel: string, send: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#lane(channel).pushUrgent({
        run: async () => resolve(await send()),
        fail: reject,
      });
    });
  }

  /** The sender has something for the channel; it will be asked when the channel is free. */
  wake(channel: string, sender: LaneSender): void {
    this.#lane(channel).wake(sender);
  }

  remove(channel: string, sender: LaneSender): void {
    this.#lanes.get(channel)?.remove(sender);
  }

  /** Resolves once no channel has anything queued or in flight. */
  idle(): Promise<void> {
    if (![...this.#lanes.values()].some((lane) => lane.busy)) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.add(resolve));
  }

  #lane(channel: string): Lane {
    let lane = this.#lanes.get(channel);
    if (!lane) {
      lane = new Lane(this.#options, () => this.#checkIdle());
      this.#lanes.set(channel, lane);
    }
    return lane;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.size === 0 || [...this.#lanes.values()].some((lane) => lane.busy)) return;
    const waiters = [...this.#idleWaiters];
    this.#idleWaiters.clear();
    for (const resolve of waiters) resolve();
  }
}
