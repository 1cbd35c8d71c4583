import type { Timers } from '../../../src/slack/index.js';

interface Scheduled {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets the event loop settle: promise chains started by a timer run to their next real wait. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A clock that moves only when a test says so; timers fire in time order as it moves. */
export class FakeTimers implements Timers {
  #now: number;
  #nextId = 1;
  readonly #scheduled = new Map<number, Scheduled>();

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#scheduled.set(id, { id, at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#scheduled.delete(handle as number);
  }

  get pending(): number {
    return this.#scheduled.size;
  }

  /** Moves the clock forward by `ms`, firing due timers in order and settling after each. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (let next = this.#due(end); next; next = this.#due(end)) {
      this.#scheduled.delete(next.id);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      await settle();
    }
    this.#now = end;
    await settle();
  }

  /** Advances until no timer is left (or `limitMs` passes). */
  async runAll(limitMs = 600_000): Promise<void> {
    const end = this.#now + limitMs;
    await settle();
    while (this.#scheduled.size > 0 && this.#now < end) {
      const next = [...this.#scheduled.values()].sort((a, b) => a.at - b.at || a.id - b.id)[0] as Scheduled;
      await this.advance(Math.max(0, next.at - this.#now));
    }
  }

  #due(end: number): Scheduled | undefined {
    let best: Scheduled | undefined;
    for (const s of this.#scheduled.values()) {
      if (s.at <= end && (!best || s.at < best.at || (s.at === best.at && s.id < best.id))) best = s;
    }
    return best;
  }
}
