import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/logger.js';
import { UpdateScheduler } from '../../../../src/slack/index.js';
import { FakeTimers } from '../fake-timers.js';

function setup(options: { perMinute?: number; minIntervalMs?: number } = {}) {
  const timers = new FakeTimers(0);
  const scheduler = new UpdateScheduler({ ...options, timers, log: silentLogger() });
  const calls: { at: number; key: string; version: number }[] = [];
  const sender = (key: string, version: number) => async () => {
    calls.push({ at: timers.now(), key, version });
  };
  return { timers, scheduler, calls, sender };
}

describe('UpdateScheduler', () => {
  it('updates one message at most every minIntervalMs, sending only its latest content', async () => {
    const { timers, scheduler, calls, sender } = setup({ minIntervalMs: 3_000 });
    const tracked = scheduler.track('m1', 0);
    for (let version = 1; version <= 20; version += 1) {
      tracked.touch(sender('m1', version));
      await timers.advance(500);
    }
    await timers.runAll();
    // Touched every 500 ms for 10 s: four updates, the last one with the last content.
    expect(calls.map((c) => c.at)).toEqual([3_000, 6_000, 9_000, 12_000]);
    expect(calls.at(-1)?.version).toBe(20);
  });

  it('keeps every job together under the per-minute budget', async () => {
    const { timers, scheduler, calls, sender } = setup({ perMinute: 40, minIntervalMs: 3_000 });
    const messages = Array.from({ length: 30 }, (_, i) => scheduler.track(`m${i}`, 0));
    for (let second = 0; second < 120; second += 1) {
      for (const [i, m] of messages.entries()) m.touch(sender(`m${i}`, second));
      await timers.advance(1_000);
    }
    for (let minute = 0; minute < 2; minute += 1) {
      const inMinute = calls.filter((c) => c.at >= minute * 60_000 && c.at < (minute + 1) * 60_000);
      expect(inMinute.length).toBeLessThanOrEqual(40);
      expect(inMinute.length).toBeGreaterThanOrEqual(38);
    }
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_500);
    // Fair: every message got updated, the longest-waiting first.
    expect(new Set(calls.map((c) => c.key)).size).toBe(30);
  });

  it('sends a final update ahead of waiting progress updates, and resolves when sent', async () => {
    const { timers, scheduler, calls, sender } = setup({ minIntervalMs: 0, perMinute: 60 });
    const a = scheduler.track('a', 0);
    const b = scheduler.track('b', 0);
    a.touch(sender('a', 1));
    await timers.advance(0);
    b.touch(sender('b', 1));
    const done = b.finish(sender('b', 2));
    await timers.runAll();
    await expect(done).resolves.toBe(true);
    expect(calls.map((c) => `${c.key}${c.version}@${c.at}`)).toEqual(['a1@0', 'b2@1000']);
  });

  it('ignores progress after the final update', async () => {
    const { timers, scheduler, calls, sender } = setup({ minIntervalMs: 0 });
    const m = scheduler.track('m', 0);
    const done = m.finish(sender('m', 9));
    m.touch(sender('m', 10));
    await timers.runAll();
    await done;
    expect(calls.map((c) => c.version)).toEqual([9]);
  });

  it('pauses every update for Retry-After on a 429 and retries the final one', async () => {
    const { timers, scheduler } = setup({ minIntervalMs: 0 });
    const attempts: number[] = [];
    const m = scheduler.track('m', 0);
    const done = m.finish(async () => {
      attempts.push(timers.now());
      if (attempts.length === 1) {
        throw Object.assign(new Error('ratelimited'), {
          code: 'slack_webapi_rate_limited_error',
          retryAfter: 7,
        });
      }
    });
    await timers.runAll();
    await expect(done).resolves.toBe(true);
    expect(attempts).toEqual([0, 7_000]);
  });

  it('gives up a final update that keeps failing, and says so', async () => {
    const { timers, scheduler } = setup({ minIntervalMs: 0 });
    let calls = 0;
    const done = scheduler.track('m', 0).finish(async () => {
      calls += 1;
      throw new Error('message_not_found');
    });
    await timers.runAll();
    await expect(done).resolves.toBe(false);
    expect(calls).toBe(3);
    expect(scheduler.pending).toBe(0);
  });
});
