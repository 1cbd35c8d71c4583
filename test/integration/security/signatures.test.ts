import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_SIGNING_SECRET, type Stack } from '../../../src/demo/index.js';
import { signedHeaders } from '../../../src/lab/slack/index.js';
import { ACTION_IDS } from '../../../src/slack/index.js';
import {
  ALICE,
  CHANNEL,
  DAVE,
  deviceActivity,
  lastAuditId,
  outbound,
  startSecurityStack,
} from './helpers.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startSecurityStack();
});

afterAll(async () => {
  await stack?.stop();
});

function slashBody(text: string, user = ALICE): string {
  return new URLSearchParams({
    command: '/netrun',
    text,
    user_id: user,
    channel_id: CHANNEL,
    team_id: 'T0NETRUN01',
    response_url: stack.standin.mintResponseUrl({ channel: CHANNEL, user }),
    trigger_id: stack.standin.mintTriggerId(user),
  }).toString();
}

async function rawPost(body: string, headers: Record<string, string>) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** A refused request must leave no trace but the 401: no Slack call, no device, no job, no audit entry. */
async function expectNothingHappened(before: { outbound: number; audit: number; devices: unknown }) {
  // Give a wrongly accepted request time to show itself before asserting that nothing happened.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(outbound(stack.standin)).toBe(before.outbound);
  expect(lastAuditId(stack)).toBe(before.audit);
  expect(deviceActivity(stack)).toEqual(before.devices);
  expect(stack.bot.jobs.list()).toHaveLength(0);
}

function snapshot() {
  return { outbound: outbound(stack.standin), audit: lastAuditId(stack), devices: deviceActivity(stack) };
}

describe('request signatures (Bolt verifies every request)', () => {
  it('refuses a slash command signed with the wrong secret: 401, nothing posted or run', async () => {
    const before = snapshot();
    const answer = await stack.driver.slashCommand(
      { text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL },
      { badSignature: true },
    );
    expect(answer.status).toBe(401);
    await expectNothingHappened(before);
  });

  it('refuses stale requests: 10 minutes old, and just over Slack’s 5 minutes', async () => {
    const before = snapshot();
    for (const offset of [-600, -310]) {
      const answer = await stack.driver.slashCommand(
        { text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL },
        { timestampOffsetSec: offset },
      );
      expect(answer.status, `timestamp offset ${offset} s`).toBe(401);
    }
    await expectNothingHappened(before);
  });

  it('refuses a forged button click and a replayed signature on a changed body', async () => {
    const before = snapshot();
    const click = await stack.driver.click(
      {
        action_id: ACTION_IDS.cancelJob,
        user: DAVE,
        channel: CHANNEL,
        message_ts: '1700000000.000100',
        value: 'job1',
        block_id: 'job-actions',
      },
      { badSignature: true },
    );
    expect(click.status).toBe(401);

    const signed = slashBody('show version core-routers');
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders(STACK_SIGNING_SECRET, signed, now);
    const tampered = signed.replace('core-routers', 'all');
    expect((await rawPost(tampered, headers)).status).toBe(401);
    expect((await rawPost(signed, {})).status).toBe(401);
    expect((await rawPost(signed, { ...headers, 'x-slack-signature': 'v0=00' })).status).toBe(401);
    await expectNothingHappened(before);
  });

  it('still answers a correctly signed request (the refusals above are the signature, not the stack)', async () => {
    const answer = await stack.driver.slashCommand({ text: 'help', user_id: ALICE, channel_id: CHANNEL });
    expect(answer.status).toBe(200);
    await stack.standin.waitFor(() => stack.standin.ephemerals(ALICE).length > 0);
  });
});
