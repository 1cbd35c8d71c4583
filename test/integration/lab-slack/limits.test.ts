import { afterEach, describe, expect, it } from 'vitest';
import {
  type SlackStandin,
  type StandinOptionsInput,
  startSlackStandin,
} from '../../../src/lab/slack/index.js';
import { CHANNEL, webClient } from './helpers.js';

let standin: SlackStandin | undefined;

async function start(options: StandinOptionsInput = {}): Promise<SlackStandin> {
  standin = await startSlackStandin(options);
  return standin;
}

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function post(s: SlackStandin, body: Record<string, unknown>, method = 'chat.postMessage') {
  const response = await fetch(`${s.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: Slack answers are loose JSON; the tests read fields by name
  const answer = (await response.json()) as any;
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: answer };
}

describe("Slack's limits", () => {
  it('answers posts over the per-channel budget with 429, Retry-After and ratelimited', async () => {
    const s = await start({ limits: { postMessagePerChannel: { perSecond: 1, burst: 3 } } });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await post(s, { channel: CHANNEL, text: `m${i}` }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers[3]).toMatchObject({ retryAfter: '1', body: { ok: false, error: 'ratelimited' } });
    expect(s.channel(CHANNEL)).toHaveLength(3);
    expect(s.counts().ratelimited).toBe(2);
  });

  it('counts thread replies against the channel, and channels separately', async () => {
    const s = await start({
      channels: [
        { id: 'C0NETOPS01', name: 'netops' },
        { id: 'C0OTHER001', name: 'other' },
      ],
      limits: { postMessagePerChannel: { perSecond: 1, burst: 2 } },
    });
    const parent = await post(s, { channel: CHANNEL, text: 'parent' });
    expect((await post(s, { channel: CHANNEL, text: 'r1', thread_ts: parent.body.ts })).status).toBe(200);
    expect((await post(s, { channel: CHANNEL, text: 'r2', thread_ts: parent.body.ts })).status).toBe(429);
    expect((await post(s, { channel: 'C0OTHER001', text: 'elsewhere' })).status).toBe(200);
  });

  it('lets the WebClient honour Retry-After and retry until the post lands', async () => {
    const s = await start({ limits: { postMessagePerChannel: { perSecond: 1, burst: 1 } } });
    const client = webClient(s);
    const started = Date.now();
    await client.chat.postMessage({ channel: CHANNEL, text: 'first' });
    const second = await client.chat.postMessage({ channel: CHANNEL, text: 'second' });
    expect(second.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(s.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 429, 200]);
    expect(s.channel(CHANNEL).map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('limits chat.update per workspace, across channels', async () => {
    const s = await start({
      channels: [
        { id: 'C0NETOPS01', name: 'netops' },
        { id: 'C0OTHER001', name: 'other' },
      ],
      limits: { updatePerWorkspace: { perSecond: 50 / 60, burst: 2 } },
    });
    const a = await post(s, { channel: CHANNEL, text: 'a' });
    const b = await post(s, { channel: 'C0OTHER001', text: 'b' });
    const statuses = [];
    for (const [channel, ts] of [
      [CHANNEL, a.body.ts],
      ['C0OTHER001', b.body.ts],
      [CHANNEL, a.body.ts],
    ]) {
      statuses.push((await post(s, { channel, ts, text: 'x' }, 'chat.update')).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(s.calls('chat.update')[2]).toMatchObject({ status: 429, error: 'ratelimited' });
    expect(s.calls('chat.update')[2]?.retryAfterSec).toBeGreaterThanOrEqual(1);
  });

  it('can drop bursts silently instead: ok and a ts, but nothing in the channel', async () => {
    const s = await start({
      limits: { postMessagePerChannel: { perSecond: 1, burst: 1 }, dropOverLimit: true },
    });
    const first = await post(s, { channel: CHANNEL, text: 'shown' });
    const second = await post(s, { channel: CHANNEL, text: 'lost' });
    expect(second).toMatchObject({ status: 200, body: { ok: true } });
    expect(second.body.ts).not.toBe(first.body.ts);
    expect(s.channel(CHANNEL).map((m) => m.text)).toEqual(['shown']);
    expect(s.counts().dropped).toBe(1);
    expect(s.calls('chat.postMessage')[1]).toMatchObject({ droppedSilently: true, ok: true });
  });

  it('refuses more than 50 blocks and sections over 3,000 characters with invalid_blocks', async () => {
    const s = await start();
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const tooMany = await post(s, {
      channel: CHANNEL,
      text: 'x',
      blocks: Array.from({ length: 51 }, () => section('a')),
    });
    const tooLong = await post(s, { channel: CHANNEL, text: 'x', blocks: [section('a'.repeat(3_001))] });
    const justRight = await post(s, { channel: CHANNEL, text: 'x', blocks: [section('a'.repeat(3_000))] });
    expect(tooMany.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(tooMany.body.response_metadata.messages[0]).toContain('[json-pointer:/blocks]');
    expect(tooLong.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(tooLong.body.response_metadata.messages[0]).toContain('/blocks/0/text/text');
    expect(justRight.body.ok).toBe(true);
  });

  it('refuses malformed blocks and unparseable block JSON', async () => {
    const s = await start();
    const noText = await post(s, { channel: CHANNEL, blocks: [{ type: 'section' }] });
    const unknown = await post(s, { channel: CHANNEL, blocks: [{ type: 'hologram' }] });
    const form = await fetch(`${s.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel: CHANNEL, blocks: '[{"type":' }).toString(),
    });
    expect(noText.body.error).toBe('invalid_blocks');
    expect(unknown.body.error).toBe('invalid_blocks');
    expect(await form.json()).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
  });
});
