import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import {
  ALICE,
  BOB,
  CAROL,
  CHANNEL,
  finishedJob,
  mentions,
  messageText,
  startLabStack,
  threadContent,
} from './helpers.js';

let stack: Stack;
const ackTimes: number[] = [];

beforeAll(async () => {
  // core-routers: 2 XR + 2 Junos; edge-switches: 2 IOS + 2 EOS.
  stack = await startLabStack(labDeviceSpecs(8, ['cisco_xr', 'juniper_junos', 'cisco_ios', 'arista_eos']));
});

afterAll(async () => {
  await stack?.stop();
  console.info(`[slack e2e] slash-command ack times (ms): ${ackTimes.map((t) => t.toFixed(1)).join(', ')}`);
});

async function slash(text: string, user = ALICE) {
  const answer = await stack.driver.slashCommand({ text, user_id: user, channel_id: CHANNEL });
  ackTimes.push(answer.ackMs);
  expect(answer.status).toBe(200);
  expect(answer.ackMs).toBeLessThan(3_000);
  return answer;
}

/** The ephemeral answers `user` got, newest last. */
function ephemeralTexts(user: string): string[] {
  return stack.standin.ephemerals(user).map((e) => messageText(e));
}

describe('/netrun over real HTTP, on lab devices', () => {
  it('runs a command: parent, one result per device in the thread, summary last, parent finished', async () => {
    const answer = await slash('show version core-routers');
    expect(answer.body).toBe('');
    const { record, report } = await finishedJob(stack, 0);
    expect(report.summaryPosted).toBe(true);
    const top = stack.standin.channel(CHANNEL);
    expect(top).toHaveLength(1);
    const parent = top[0]!;
    expect(parent.ts).toBe(report.parentTs);
    expect(messageText(parent)).toContain('<@U0ALICE001> ran `show version` on *core-routers* · 4 devices');
    expect(messageText(parent)).toContain('done · 4 devices · 4 ok');
    expect(messageText(parent)).not.toContain('[Cancel]');

    const thread = stack.standin.thread(CHANNEL, parent.ts);
    expect(messageText(thread.at(-1)!)).toContain('*Summary* · `show version` on *core-routers*');
    const content = threadContent(stack.standin, parent.ts);
    for (const host of record.job.hosts) expect(mentions(content, host), host).toBe(true);
    expect(content).toContain('Cisco IOS XR Software');
    expect(content).toContain('Junos');

    // In order on the wire: the parent first, the summary after every reply, the final update last.
    const calls = stack.standin
      .calls()
      .filter((c) => c.method.startsWith('chat.') || c.method === 'files.completeUploadExternal');
    expect(calls[0]).toMatchObject({ method: 'chat.postMessage', ts: parent.ts });
    const posts = calls.filter((c) => c.method !== 'chat.update');
    expect(posts.at(-1)?.ts).toBe(thread.at(-1)?.ts);
    expect(calls.at(-1)).toMatchObject({ method: 'chat.update', ts: parent.ts });
    expect(stack.standin.counts().ratelimited).toBe(0);
  });

  it('refuses a user the policy does not name: ephemeral, nothing in the channel', async () => {
    const before = stack.standin.channel(CHANNEL).length;
    await slash('show version core-routers', BOB);
    const refusal = await stack.standin.waitFor(() => ephemeralTexts(BOB).at(-1));
    expect(refusal).toContain('You are not allowed to run commands with netrun');
    expect(refusal).toContain('U0BOB00001');
    expect(stack.standin.channel(CHANNEL)).toHaveLength(before);
  });

  it('refuses a command the user may not run, saying what is allowed', async () => {
    await slash('show running-config core-routers', CAROL);
    const refusal = await stack.standin.waitFor(() => ephemeralTexts(CAROL).at(-1));
    expect(refusal).toContain('allow only `show version`');
    await slash('configure terminal core-routers');
    expect(
      await stack.standin.waitFor(() => ephemeralTexts(ALICE).find((t) => t.includes('configure terminal'))),
    ).toContain('is not allowed for you');
  });

  it('refuses an unknown target with suggestions', async () => {
    const before = stack.standin.channel(CHANNEL).length;
    await slash('show version core-ruoters');
    const refusal = await stack.standin.waitFor(() =>
      ephemeralTexts(ALICE).find((t) => t.includes('core-ruoters')),
    );
    expect(refusal).toContain('unknown target "core-ruoters" — did you mean "core-routers"?');
    expect(stack.standin.channel(CHANNEL)).toHaveLength(before);
  });

  it('refuses empty and multi-line commands in the ack itself, with no other call', async () => {
    const calls = stack.standin.calls().length;
    const empty = await slash('');
    expect(empty.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Nothing to run'),
    });
    const twoLines = await slash('show version\nreload core-routers');
    expect(twoLines.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('line break'),
    });
    expect(stack.standin.calls()).toHaveLength(calls);
  });

  it('answers help, groups, devices and jobs privately', async () => {
    await slash('help');
    expect(
      await stack.standin.waitFor(() => ephemeralTexts(ALICE).find((t) => t.includes('You may run'))),
    ).toContain('`show *`');
    await slash('groups');
    expect(
      await stack.standin.waitFor(() => ephemeralTexts(ALICE).find((t) => t.includes('*Groups*'))),
    ).toContain('*core-routers* · 4 devices');
    await slash('devices edge-switches');
    expect(
      await stack.standin.waitFor(() =>
        ephemeralTexts(ALICE).find((t) => t.includes('*edge-switches* selects')),
      ),
    ).toContain('4 devices (2 arista_eos, 2 cisco_ios)');
    await slash('jobs');
    expect(
      await stack.standin.waitFor(() => ephemeralTexts(ALICE).find((t) => t.includes('No jobs are running'))),
    ).toBeTruthy();
    await slash('groups', BOB);
    expect(
      await stack.standin.waitFor(() =>
        ephemeralTexts(BOB).find((t) => t.includes('not allowed to use netrun')),
      ),
    ).toBeTruthy();
  });

  it('answers a forged or stale signature with 401 and does nothing', async () => {
    const calls = stack.standin.calls().length;
    const forged = await stack.driver.slashCommand(
      { text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL },
      { badSignature: true },
    );
    expect(forged.status).toBe(401);
    const stale = await stack.driver.slashCommand(
      { text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL },
      { timestampOffsetSec: -600 },
    );
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stack.standin.calls()).toHaveLength(calls);
    expect(stack.bot.jobs.list()).toHaveLength(1);
  });
});
