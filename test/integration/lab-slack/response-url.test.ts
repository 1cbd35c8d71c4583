import { afterEach, describe, expect, it } from 'vitest';
import {
  type SlackStandin,
  type StandinOptionsInput,
  startSlackStandin,
} from '../../../src/lab/slack/index.js';
import { ALICE, CHANNEL, webClient } from './helpers.js';

const started: SlackStandin[] = [];

async function start(options: StandinOptionsInput = {}, now?: () => number): Promise<SlackStandin> {
  const s = await startSlackStandin(options, { now });
  started.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function respond(url: string, body: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('response_url', () => {
  it('posts an ephemeral by default and in the channel when asked', async () => {
    const s = await start();
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    expect(await respond(url, { text: 'working on it' })).toEqual({ status: 200, text: 'ok' });
    expect(await respond(url, { text: 'for everyone', response_type: 'in_channel' })).toEqual({
      status: 200,
      text: 'ok',
    });
    expect(s.ephemerals(ALICE).map((e) => e.text)).toEqual(['working on it']);
    expect(s.channel(CHANNEL).map((m) => [m.text, m.via])).toEqual([['for everyone', 'response_url']]);
  });

  it('replaces and deletes the message a button was on', async () => {
    const s = await start();
    const posted = await webClient(s).chat.postMessage({ channel: CHANNEL, text: 'Approve?' });
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE, messageTs: posted.ts });
    await respond(url, { replace_original: true, text: 'Approved by alice' });
    expect(s.message(CHANNEL, posted.ts!)).toMatchObject({
      text: 'Approved by alice',
      edits: [{ text: 'Approve?' }],
    });
    await respond(url, { delete_original: true });
    expect(s.channel(CHANNEL)).toEqual([]);
    expect(s.channel(CHANNEL, { includeDeleted: true })).toHaveLength(1);
  });

  it("replaces a slash command's earlier ephemeral answer", async () => {
    const s = await start();
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    await respond(url, { text: 'step 1' });
    await respond(url, { text: 'step 2', replace_original: true });
    const shown = s.ephemerals(ALICE).filter((e) => !e.replaced && !e.deleted);
    expect(shown.map((e) => e.text)).toEqual(['step 2']);
    expect(s.responseUrlPosts().map((p) => p.effect?.action)).toEqual(['ephemeral', 'replaced']);
  });

  it('works 5 times, then answers used_url', async () => {
    const s = await start();
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await respond(url, { text: `n${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect((await respond(url, { text: 'again' })).text).toBe('used_url');
    expect(s.ephemerals(ALICE)).toHaveLength(5);
  });

  it('expires after 30 minutes', async () => {
    let now = 1_700_000_000_000;
    const s = await start({}, () => now);
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    now += 30 * 60_000 + 1;
    expect(await respond(url, { text: 'late' })).toEqual({ status: 404, text: 'expired_url' });
  });

  it('refuses an empty answer with no_text and does not spend a use', async () => {
    const s = await start({ responseUrl: { maxUses: 1, ttlMs: 60_000 } });
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    expect(await respond(url, {})).toEqual({ status: 400, text: 'no_text' });
    expect((await respond(url, { text: 'now' })).status).toBe(200);
  });

  it('takes the form-encoded payload= variant too', async () => {
    const s = await start();
    const url = s.mintResponseUrl({ channel: CHANNEL, user: ALICE });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ payload: JSON.stringify({ text: 'via form' }) }).toString(),
    });
    expect(response.status).toBe(200);
    expect(s.ephemerals(ALICE).map((e) => e.text)).toEqual(['via form']);
  });
});
