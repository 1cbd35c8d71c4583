import { describe, expect, it } from 'vitest';
import { createRateLimiter, TokenBuckets } from '../../../src/lab/slack/index.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with a whole-second Retry-After', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perSecond: 1, burst: 3 }, clock.now);
    expect([1, 2, 3, 4].map(() => buckets.take('C1').allowed)).toEqual([true, true, true, false]);
    expect(buckets.take('C1')).toEqual({ allowed: false, retryAfterSec: 1 });
  });

  it('refills at the configured rate, never above the burst', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perSecond: 2, burst: 2 }, clock.now);
    buckets.take('k');
    buckets.take('k');
    clock.advance(500);
    expect(buckets.available('k')).toBeCloseTo(1);
    clock.advance(10_000);
    expect(buckets.available('k')).toBe(2);
  });

  it('says how long until the next token when the rate is slow', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perSecond: 50 / 60, burst: 1 }, clock.now);
    buckets.take('w');
    expect(buckets.take('w')).toEqual({ allowed: false, retryAfterSec: 2 });
    clock.advance(1_200);
    expect(buckets.take('w').allowed).toBe(true);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, fakeClock().now);
    expect(buckets.take('C1').allowed).toBe(true);
    expect(buckets.take('C2').allowed).toBe(true);
    expect(buckets.take('C1').allowed).toBe(false);
  });
});

describe('createRateLimiter', () => {
  const config = {
    enforce: true,
    postMessagePerChannel: { perSecond: 1, burst: 1 },
    updatePerWorkspace: { perSecond: 1, burst: 1 },
    methods: { 'chat.postEphemeral': { perSecond: 1, burst: 1 } },
  };

  it('limits posts per channel, updates per workspace and configured methods', () => {
    const limiter = createRateLimiter(config, fakeClock().now);
    expect([limiter.post('C1').allowed, limiter.post('C1').allowed, limiter.post('C2').allowed]).toEqual([
      true,
      false,
      true,
    ]);
    expect([limiter.update().allowed, limiter.update().allowed]).toEqual([true, false]);
    expect([
      limiter.method('chat.postEphemeral').allowed,
      limiter.method('chat.postEphemeral').allowed,
    ]).toEqual([true, false]);
    expect(limiter.method('auth.test').allowed).toBe(true);
  });

  it('allows everything when not enforced', () => {
    const limiter = createRateLimiter({ ...config, enforce: false }, fakeClock().now);
    expect(Array.from({ length: 10 }, () => limiter.post('C1').allowed).every(Boolean)).toBe(true);
  });
});
