import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackStandin, startSlackStandin } from '../../../src/lab/slack/index.js';
import { ALICE, CHANNEL, quietLogger, webClient } from './helpers.js';

let standin: SlackStandin;

beforeEach(async () => {
  standin = await startSlackStandin({ usergroups: { S0ADMINS01: ['U0ALICE001'] } });
});
afterEach(async () => {
  await standin.close();
});

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

async function errorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return slackError(error);
  }
}

describe('the stand-in against the real @slack/web-api WebClient', () => {
  it('answers auth.test with the bot identity', async () => {
    const answer = await webClient(standin).auth.test();
    expect(answer).toMatchObject({
      ok: true,
      user_id: standin.options.bot.userId,
      bot_id: standin.options.bot.botId,
    });
  });

  it('posts, replies in a thread and updates, keeping the edit history', async () => {
    const client = webClient(standin);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'running' });
    const reply = await client.chat.postMessage({ channel: CHANNEL, text: 'r1 ok', thread_ts: parent.ts });
    await client.chat.update({ channel: CHANNEL, ts: parent.ts!, text: 'done' });

    expect(parent.ts).toMatch(/^\d+\.\d{6}$/);
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(standin.channel(CHANNEL).map((m) => m.text)).toEqual(['done']);
    expect(standin.channel(CHANNEL)[0]?.edits.map((e) => e.text)).toEqual(['running']);
    expect(standin.thread(CHANNEL, parent.ts!).map((m) => m.text)).toEqual(['r1 ok']);
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, text: 'r1 ok' });
  });

  it('files a reply to a reply under the original parent, as Slack does', async () => {
    const client = webClient(standin);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'parent' });
    const first = await client.chat.postMessage({ channel: CHANNEL, text: 'a', thread_ts: parent.ts });
    await client.chat.postMessage({ channel: CHANNEL, text: 'b', thread_ts: first.ts });
    expect(standin.thread(CHANNEL, parent.ts!).map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('keeps ephemerals per user, out of the channel', async () => {
    const answer = await webClient(standin).chat.postEphemeral({
      channel: CHANNEL,
      user: ALICE,
      text: 'only you',
    });
    expect(answer.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(standin.ephemerals(ALICE).map((e) => e.text)).toEqual(['only you']);
    expect(standin.ephemerals('U0BOB00001')).toEqual([]);
    expect(standin.channel(CHANNEL)).toEqual([]);
  });

  it('takes filesUploadV2 (getUploadURLExternal, the upload, completeUploadExternal) into a thread', async () => {
    const client = webClient(standin);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'job' });
    const content = 'interface Gi0/0 is up\n'.repeat(500);
    await client.filesUploadV2({
      channel_id: CHANNEL,
      thread_ts: parent.ts!,
      content,
      filename: 'r1.txt',
      title: 'r1',
    });

    const [reply] = standin.thread(CHANNEL, parent.ts!);
    expect(reply?.files).toEqual([
      expect.objectContaining({ name: 'r1.txt', title: 'r1', size: content.length }),
    ]);
    expect(standin.files()[0]?.content?.toString()).toBe(content);
    expect(standin.calls().map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
  });

  it('records every call: method, arguments without the token, time, status, outcome and ts', async () => {
    const before = Date.now();
    const posted = await webClient(standin).chat.postMessage({ channel: CHANNEL, text: 'hello' });
    const [call] = standin.calls('chat.postMessage');
    expect(call).toMatchObject({
      method: 'chat.postMessage',
      status: 200,
      ok: true,
      ts: posted.ts,
      channel: CHANNEL,
    });
    expect(call?.args).toMatchObject({ channel: CHANNEL, text: 'hello' });
    expect(call?.args).not.toHaveProperty('token');
    expect(call?.at).toBeGreaterThanOrEqual(before);
    expect(standin.counts().byMethod['chat.postMessage']).toMatchObject({ calls: 1, ok: 1, errors: 0 });
  });

  it("answers with Slack's error codes", async () => {
    const client = webClient(standin);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOWHERE1', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await errorOf(client.chat.postMessage({ channel: CHANNEL, text: '' }))).toBe('no_text');
    expect(await errorOf(client.chat.postMessage({ channel: CHANNEL, text: 'x'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );
    expect(await errorOf(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    expect(
      await errorOf(client.chat.update({ channel: CHANNEL, ts: parent.ts!, text: 'y'.repeat(4_001) })),
    ).toBe('msg_too_long');
    expect(await errorOf(client.apiCall('chat.update', { channel: CHANNEL, text: 'no ts' }))).toBe(
      'invalid_arguments',
    );
    expect(await errorOf(client.apiCall('files.getUploadURLExternal', { filename: 'a.txt' }))).toBe(
      'invalid_arguments',
    );
    expect(await errorOf(client.apiCall('no.such.method', {}))).toBe('unknown_method');
    expect(standin.counts().errorCodes).toMatchObject({ channel_not_found: 1, no_text: 1, msg_too_long: 2 });
  });

  it('refuses unknown tokens with invalid_auth and missing ones with not_authed', async () => {
    const wrong = new webApi.WebClient('xoxb-wrong', { slackApiUrl: standin.apiUrl, logger: quietLogger });
    expect(await errorOf(wrong.auth.test())).toBe('invalid_auth');
    const bare = await fetch(`${standin.apiUrl}auth.test`, { method: 'POST' });
    expect(await bare.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(standin.calls('auth.test').map((c) => c.args)).not.toContainEqual(
      expect.objectContaining({ token: 'xoxb-wrong' }),
    );
  });

  it('accepts JSON bodies with a Bearer token, like Slack', async () => {
    const response = await fetch(`${standin.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${standin.token}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({
        channel: CHANNEL,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: CHANNEL });
    expect(standin.channel(CHANNEL)[0]?.blocks).toHaveLength(1);
  });

  it('lists user group members and channel info', async () => {
    const client = webClient(standin);
    expect((await client.usergroups.users.list({ usergroup: 'S0ADMINS01' })).users).toEqual(['U0ALICE001']);
    standin.setUsergroup('S0ADMINS01', ['U0BOB00001']);
    expect((await client.usergroups.users.list({ usergroup: 'S0ADMINS01' })).users).toEqual(['U0BOB00001']);
    expect(await errorOf(client.usergroups.users.list({ usergroup: 'S0NOBODY01' }))).toBe('no_such_subteam');
    expect((await client.conversations.info({ channel: CHANNEL })).channel).toMatchObject({
      id: CHANNEL,
      name: 'netops',
    });
  });

  it('opens a modal with a fresh trigger_id once, and updates it by view_id', async () => {
    const client = webClient(standin);
    const trigger = standin.mintTriggerId(ALICE);
    const view = {
      type: 'modal' as const,
      callback_id: 'approve',
      title: { type: 'plain_text' as const, text: 'Approve' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: trigger, view });
    expect(opened.view).toMatchObject({ callback_id: 'approve', type: 'modal' });
    expect(await errorOf(client.views.open({ trigger_id: trigger, view }))).toBe('exchanged_trigger_id');
    expect(await errorOf(client.views.open({ trigger_id: '1.2.3', view }))).toBe('invalid_trigger_id');
    await client.views.update({ view_id: opened.view!.id!, view: { ...view, callback_id: 'approve-2' } });
    expect(standin.views(ALICE)[0]?.view.callback_id).toBe('approve-2');
    expect(standin.views(ALICE)[0]?.history).toHaveLength(1);
  });

  it('expires trigger_ids after 3 seconds', async () => {
    let now = Date.now();
    const timed = await startSlackStandin({}, { now: () => now });
    try {
      const trigger = timed.mintTriggerId(ALICE);
      now += 3_001;
      const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };
      expect(await errorOf(webClient(timed).views.open({ trigger_id: trigger, view }))).toBe(
        'expired_trigger_id',
      );
    } finally {
      await timed.close();
    }
  });
});
