import type { GroupCap } from '../inventory/types.js';
import type { Candidate, QueuedHost } from './host-queue.js';

/** A job as the scheduler sees it: a cap and a way to offer its next waiting device. */
export interface SlotUser {
  readonly cap: number;
  /** The next device that may start if its groups have room; undefined when none is waiting. */
  peek(fits: (caps: readonly GroupCap[]) => boolean): Candidate | undefined;
}

export interface Grant {
  user: SlotUser;
  item: QueuedHost;
  caps: readonly GroupCap[];
}

interface UserState {
  running: number;
  peak: number;
  /** Tick of the last grant: breaks ties so equal jobs take turns. */
  served: number;
}

/**
 * Hands out slots so that a device starts only when it can take all of them at once — a global
 * slot, a slot in its job, and one in every capped group it belongs to — and nothing is ever held
 * while waiting for something else. Among jobs with a device that fits, the one with the fewest
 * devices running goes first (ties: the one served longest ago). A 3-device job that arrives
 * beside a 1,000-device job therefore takes the next freed slots until it runs as many devices
 * as the big one, instead of queueing behind it.
 */
export class SlotScheduler {
  readonly #globalCap: number;
  readonly #users = new Map<SlotUser, UserState>();
  readonly #groups = new Map<string, number>();
  #running = 0;
  #tick = 0;

  constructor(globalCap: number) {
    this.#globalCap = globalCap;
  }

  get running(): number {
    return this.#running;
  }

  get globalCap(): number {
    return this.#globalCap;
  }

  register(user: SlotUser): void {
    if (!this.#users.has(user)) this.#users.set(user, { running: 0, peak: 0, served: 0 });
  }

  /** Forget a job; its running devices must already be released. */
  unregister(user: SlotUser): void {
    this.#users.delete(user);
  }

  runningOf(user: SlotUser): number {
    return this.#users.get(user)?.running ?? 0;
  }

  peakOf(user: SlotUser): number {
    return this.#users.get(user)?.peak ?? 0;
  }

  groupRunning(group: string): number {
    return this.#groups.get(group) ?? 0;
  }

  /** Picks the next device to start and reserves every slot it needs; undefined when none can start. */
  next(): Grant | undefined {
    if (this.#running >= this.#globalCap) return undefined;
    const fits = (caps: readonly GroupCap[]) => caps.every((cap) => this.groupRunning(cap.group) < cap.limit);
    let best: { user: SlotUser; state: UserState; candidate: Candidate } | undefined;
    for (const [user, state] of this.#users) {
      if (state.running >= user.cap) continue;
      if (best && !isFairer(state, best.state)) continue;
      const candidate = user.peek(fits);
      if (candidate) best = { user, state, candidate };
    }
    if (!best) return undefined;
    best.candidate.take();
    this.#reserve(best.state, best.candidate.caps);
    return { user: best.user, item: best.candidate.item, caps: best.candidate.caps };
  }

  release(grant: Grant): void {
    this.#running -= 1;
    for (const cap of grant.caps) this.#groups.set(cap.group, this.groupRunning(cap.group) - 1);
    const state = this.#users.get(grant.user);
    if (state) state.running -= 1;
  }

  #reserve(state: UserState, caps: readonly GroupCap[]): void {
    this.#running += 1;
    for (const cap of caps) this.#groups.set(cap.group, this.groupRunning(cap.group) + 1);
    state.running += 1;
    state.peak = Math.max(state.peak, state.running);
    this.#tick += 1;
    state.served = this.#tick;
  }
}

function isFairer(a: UserState, b: UserState): boolean {
  return a.running < b.running || (a.running === b.running && a.served < b.served);
}
