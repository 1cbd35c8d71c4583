import type { App, BlockAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackDriver,
  renderTranscript,
  type SlackDriver,
  type SlackStandin,
  startSlackStandin,
} from '../../../src/lab/slack/index.js';
import { ALICE, type BoltUnderTest, CHANNEL, SIGNING_SECRET, startBolt, webClient } from './helpers.js';

const seen = {
  commands: [] as SlashCommand[],
  actions: [] as BlockAction[],
  views: [] as ViewSubmitAction[],
};

function register(app: App): void {
  app.command('/netrun', async ({ ack, command, respond, client }) => {
    await ack();
    seen.commands.push(command);
    if (command.text === 'approve') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'approve',
          title: { type: 'plain_text', text: 'Approve' },
          submit: { type: 'plain_text', text: 'Approve' },
          blocks: [
            {
              type: 'input',
              block_id: 'reason',
              label: { type: 'plain_text', text: 'Reason' },
              element: { type: 'plain_text_input', action_id: 'text' },
            },
          ],
        },
      });
      return;
    }
    await respond({ text: `accepted: ${command.text}` });
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `running ${command.text}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `running \`${command.text}\`` } },
        {
          type: 'actions',
          block_id: 'job',
          elements: [
            {
              type: 'button',
              action_id: 'cancel',
              text: { type: 'plain_text', text: 'Cancel' },
              value: 'job-1',
            },
          ],
        },
      ],
    });
  });
  app.action('cancel', async ({ ack, body, respond }) => {
    await ack();
    seen.actions.push(body as BlockAction);
    await respond({ replace_original: true, text: 'cancelled' });
  });
  app.view('approve', async ({ ack, body }) => {
    await ack();
    seen.views.push(body as ViewSubmitAction);
  });
}

let standin: SlackStandin;
let bolt: BoltUnderTest;
let driver: SlackDriver;

beforeAll(async () => {
  standin = await startSlackStandin();
  bolt = await startBolt(standin, register);
  driver = createSlackDriver({ url: bolt.url, signingSecret: SIGNING_SECRET, standin });
});

afterAll(async () => {
  await bolt.stop();
  await standin.close();
});

describe('the Slack driver against a real Bolt app in HTTP mode', () => {
  it('sends a signed slash command that Bolt verifies and acks within 3 s', async () => {
    const answer = await driver.slashCommand({
      text: 'show version core',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    expect(answer.status).toBe(200);
    expect(answer.ackMs).toBeLessThan(3_000);
    const message = await standin.waitFor((s) =>
      s.channel(CHANNEL).find((m) => m.text === 'running show version core'),
    );
    expect(message.blocks).toHaveLength(2);
    expect(standin.ephemerals(ALICE).map((e) => e.text)).toContain('accepted: show version core');
    expect(renderTranscript(standin, CHANNEL)).toContain(
      'netrun:\n  running `show version core`\n  [Cancel]',
    );
    expect(seen.commands.at(-1)).toMatchObject({
      command: '/netrun',
      text: 'show version core',
      user_id: ALICE,
      user_name: 'alice',
      channel_id: CHANNEL,
      channel_name: 'netops',
      team_id: standin.options.team.id,
      api_app_id: standin.options.bot.appId,
      response_url: answer.responseUrl,
      trigger_id: answer.triggerId,
    });
  });

  it('clicks a button on a posted message; respond() replaces that message', async () => {
    await driver.slashCommand({ text: 'show clock', user_id: ALICE, channel_id: CHANNEL });
    const message = await standin.waitFor((s) =>
      s.channel(CHANNEL).find((m) => m.text === 'running show clock'),
    );
    const answer = await driver.click({
      action_id: 'cancel',
      user: ALICE,
      channel: CHANNEL,
      message_ts: message.ts,
    });
    expect(answer.status).toBe(200);
    await standin.waitFor((s) => s.message(CHANNEL, message.ts)?.text === 'cancelled');
    expect(seen.actions.at(-1)).toMatchObject({
      type: 'block_actions',
      user: { id: ALICE },
      container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
      message: { ts: message.ts, text: 'running show clock' },
      actions: [{ action_id: 'cancel', block_id: 'job', value: 'job-1', type: 'button' }],
    });
  });

  it('submits a modal the app opened with the trigger_id, with state values', async () => {
    await driver.slashCommand({ text: 'approve', user_id: ALICE, channel_id: CHANNEL });
    const opened = await standin.waitFor((s) => s.views(ALICE).find((v) => v.view.callback_id === 'approve'));
    const answer = await driver.submitView({
      user: ALICE,
      callback_id: 'approve',
      values: { reason: { text: { type: 'plain_text_input', value: 'change window' } } },
    });
    expect(answer).toMatchObject({ status: 200, viewId: opened.id });
    expect(seen.views.at(-1)?.view).toMatchObject({
      id: opened.id,
      callback_id: 'approve',
      state: { values: { reason: { text: { value: 'change window' } } } },
    });
  });

  it('gets 401 for a forged signature and for a stale timestamp, and the app never sees them', async () => {
    const before = seen.commands.length;
    const forged = await driver.slashCommand(
      { text: 'forged', user_id: ALICE, channel_id: CHANNEL },
      { badSignature: true },
    );
    const stale = await driver.slashCommand(
      { text: 'stale', user_id: ALICE, channel_id: CHANNEL },
      { timestampOffsetSec: -6 * 60 },
    );
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    expect(seen.commands.length).toBe(before);
  });

  it('refuses to click a button that is not on the message, unless the click is forged on purpose', async () => {
    const plain = await webClient(standin).chat.postMessage({ channel: CHANNEL, text: 'no buttons here' });
    const click = { action_id: 'cancel', user: ALICE, channel: CHANNEL, message_ts: plain.ts! };
    await expect(driver.click(click)).rejects.toThrow(/no element with action_id "cancel"/);
    const forged = await driver.click({ ...click, value: 'job-9', block_id: 'forged' });
    expect(forged.status).toBe(200);
    expect(seen.actions.at(-1)?.actions[0]).toMatchObject({ value: 'job-9', block_id: 'forged' });
  });
});
