import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/lab/slack/index.js';

function fakeClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function kinds(injector: FaultInjector, method: string, n: number): (string | undefined)[] {
  return Array.from({ length: n }, () => injector.decide(method).action?.kind);
}

describe('FaultInjector', () => {
  it('fires on every Nth matching call only', () => {
    const injector = new FaultInjector(1, fakeClock().now, [
      { kind: 'http-error', every: 3, methods: ['chat.update'] },
    ]);
    expect(kinds(injector, 'chat.update', 6)).toEqual([
      undefined,
      undefined,
      'http-error',
      undefined,
      undefined,
      'http-error',
    ]);
    expect(kinds(injector, 'chat.postMessage', 3)).toEqual([undefined, undefined, undefined]);
  });

  it('matches method prefixes with a trailing *', () => {
    const injector = new FaultInjector(1, fakeClock().now, [{ kind: 'drop', methods: ['chat.*'] }]);
    expect(injector.decide('chat.postEphemeral').action?.kind).toBe('drop');
    expect(injector.decide('files.getUploadURLExternal').action).toBeUndefined();
  });

  it('stops after `times` firings', () => {
    const injector = new FaultInjector(1, fakeClock().now, [
      { kind: 'ratelimit', retryAfterSec: 5, times: 2 },
    ]);
    expect(kinds(injector, 'x', 4)).toEqual(['ratelimit', 'ratelimit', undefined, undefined]);
    expect(injector.stats()[0]).toMatchObject({ fired: 2 });
  });

  it('repeats the same fraction pattern for the same seed, and a different one for another seed', () => {
    const rule = { kind: 'http-error' as const, fraction: 0.3 };
    const a = kinds(new FaultInjector(7, fakeClock().now, [rule]), 'm', 50);
    const b = kinds(new FaultInjector(7, fakeClock().now, [rule]), 'm', 50);
    const c = kinds(new FaultInjector(8, fakeClock().now, [rule]), 'm', 50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const fired = a.filter(Boolean).length;
    expect(fired).toBeGreaterThan(5);
    expect(fired).toBeLessThan(30);
  });

  it('honours a window relative to when the rule was installed', () => {
    const clock = fakeClock(1_000);
    const injector = new FaultInjector(1, clock.now, [{ kind: 'drop', afterMs: 100, forMs: 50 }]);
    expect(injector.decide('m').action).toBeUndefined();
    clock.advance(120);
    expect(injector.decide('m').action?.kind).toBe('drop');
    clock.advance(50);
    expect(injector.decide('m').action).toBeUndefined();
  });

  it('adds up delays by phase and lets the first other rule decide the answer', () => {
    const injector = new FaultInjector(1, fakeClock().now, [
      { kind: 'delay', delayMs: 100 },
      { kind: 'delay', delayMs: 50, phase: 'after' },
      { kind: 'ratelimit', retryAfterSec: 1 },
      { kind: 'http-error' },
    ]);
    const decision = injector.decide('m');
    expect(decision).toMatchObject({ delayBeforeMs: 100, delayAfterMs: 50, action: { kind: 'ratelimit' } });
  });

  it('replaces and clears rules at runtime, keeping the old ones when a new one is invalid', () => {
    const injector = new FaultInjector(1, fakeClock().now);
    expect(injector.decide('m').action).toBeUndefined();
    injector.set([{ kind: 'drop' }]);
    expect(injector.decide('m').action?.kind).toBe('drop');
    expect(() => injector.set([{ kind: 'http-error', status: 404 } as never])).toThrow(/status/);
    expect(injector.decide('m').action?.kind).toBe('drop');
    injector.clear();
    expect(injector.decide('m').action).toBeUndefined();
  });
});
