import { afterEach, describe, expect, it } from 'vitest';
import { isNetrunError } from '../../../src/errors.js';
import {
  type SlackStandin,
  type StandinOptionsInput,
  startSlackStandin,
} from '../../../src/lab/slack/index.js';
import { CHANNEL, webClient } from './helpers.js';

const started: SlackStandin[] = [];

async function start(options: StandinOptionsInput = {}, now?: () => number): Promise<SlackStandin> {
  const s = await startSlackStandin({ limits: { enforce: false }, ...options }, { now });
  started.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function rawPost(s: SlackStandin, text: string): Promise<number> {
  const response = await fetch(`${s.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: CHANNEL, text }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('fault injection', () => {
  it('answers a 429 storm on every Nth call; the WebClient retries and each post lands once', async () => {
    const s = await start({
      faults: [{ kind: 'ratelimit', retryAfterSec: 0, methods: ['chat.postMessage'], every: 2 }],
    });
    const client = webClient(s);
    for (let i = 1; i <= 4; i += 1) await client.chat.postMessage({ channel: CHANNEL, text: `r${i}` });
    expect(s.channel(CHANNEL).map((m) => m.text)).toEqual(['r1', 'r2', 'r3', 'r4']);
    const statuses = s.calls('chat.postMessage').map((c) => c.status);
    expect(statuses.filter((st) => st === 429)).toHaveLength(3);
    expect(
      s
        .calls()
        .filter((c) => c.fault === 'ratelimit')
        .every((c) => c.retryAfterSec === 0),
    ).toBe(true);
  });

  it('sends a long Retry-After that a client can see', async () => {
    const s = await start({ faults: [{ kind: 'ratelimit', retryAfterSec: 120 }] });
    const client = webClient(s, { rejectRateLimitedCalls: true });
    await expect(client.chat.postMessage({ channel: CHANNEL, text: 'x' })).rejects.toMatchObject({
      retryAfter: 120,
    });
    expect(s.channel(CHANNEL)).toEqual([]);
  });

  it('answers 5xx for a seeded fraction of calls, the same calls on every run', async () => {
    const rule = { kind: 'http-error' as const, status: 500 as const, fraction: 0.5 };
    const runs: number[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const s = await start({ seed: 42, faults: [rule] });
      const statuses = [];
      for (let i = 0; i < 20; i += 1) statuses.push(await rawPost(s, `m${i}`));
      runs.push(statuses);
    }
    expect(runs[0]).toEqual(runs[1]);
    const failures = runs[0]!.filter((st) => st === 500).length;
    expect(failures).toBeGreaterThan(2);
    expect(failures).toBeLessThan(18);
  });

  it('drops connections without an answer; the WebClient retries past them', async () => {
    const s = await start({ faults: [{ kind: 'drop', methods: ['chat.*'], times: 2 }] });
    await expect(rawPost(s, 'lost')).rejects.toThrow();
    const answer = await webClient(s).chat.postMessage({ channel: CHANNEL, text: 'kept' });
    expect(answer.ok).toBe(true);
    expect(s.calls('chat.postMessage').map((c) => [c.status, c.fault])).toEqual([
      [0, 'drop'],
      [0, 'drop'],
      [200, undefined],
    ]);
    expect(s.channel(CHANNEL).map((m) => m.text)).toEqual(['kept']);
  });

  it('slows answers down by the given delay', async () => {
    const s = await start({ faults: [{ kind: 'delay', delayMs: 300, methods: ['auth.test'] }] });
    const t0 = performance.now();
    await webClient(s).auth.test();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(s.calls('auth.test')[0]?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('can fail after doing the work, so a blind retry posts twice', async () => {
    const s = await start({ faults: [{ kind: 'http-error', status: 503, phase: 'after', times: 1 }] });
    await webClient(s).chat.postMessage({ channel: CHANNEL, text: 'result r1' });
    expect(s.channel(CHANNEL).map((m) => m.text)).toEqual(['result r1', 'result r1']);
    const [first] = s.calls('chat.postMessage');
    expect(first).toMatchObject({ status: 503, fault: 'http-error', ok: false });
    expect(first?.ts).toBe(s.channel(CHANNEL)[0]?.ts);
  });

  it('applies a rule only inside its time window', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ faults: [{ kind: 'http-error', afterMs: 1_000, forMs: 2_000 }] }, () => now);
    expect(await rawPost(s, 'before')).toBe(200);
    now += 1_500;
    expect(await rawPost(s, 'during')).toBe(503);
    now += 2_000;
    expect(await rawPost(s, 'after')).toBe(200);
  });

  it('changes rules at runtime and reports how often each fired', async () => {
    const s = await start();
    expect(await rawPost(s, 'a')).toBe(200);
    s.faults.set([{ kind: 'http-error', status: 502, methods: ['chat.postMessage'] }]);
    expect(await rawPost(s, 'b')).toBe(502);
    expect(s.faults.stats()).toEqual([expect.objectContaining({ matched: 1, fired: 1 })]);
    s.faults.clear();
    expect(await rawPost(s, 'c')).toBe(200);
    expect(s.counts().faults).toBe(1);
  });

  it('reaches the upload URL and response_url too', async () => {
    const s = await start({ faults: [{ kind: 'http-error', methods: ['upload', 'response_url'] }] });
    const url = s.mintResponseUrl({ channel: CHANNEL, user: 'U0ALICE001' });
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
    expect(response.status).toBe(503);
    expect(s.ephemerals()).toEqual([]);
    expect(s.calls('response_url')[0]).toMatchObject({ fault: 'http-error' });
  });

  it('refuses a malformed rule, saying which field is wrong', () => {
    return start().then((s) => {
      let caught: unknown;
      try {
        s.faults.add({ kind: 'ratelimit' } as never);
      } catch (error) {
        caught = error;
      }
      expect(isNetrunError(caught, 'CONFIG_INVALID')).toBe(true);
      expect(String((caught as Error).message)).toContain('retryAfterSec');
    });
  });
});
