import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../../src/slack/index.js';
import type { ApprovalRecord } from '../../../src/store/index.js';
import { type CliChild, killIfRunning, spawnCli } from '../../helpers/spawn-cli.js';
import { waitFor } from '../../helpers/wait-for.js';
import { ALICE, BOB, formValues, POLICY_YAML, STANDIN, typed } from '../push/helpers.js';
import { messageText } from '../slack/helpers.js';
import { type BotFixture, CHANNEL, readyPort, startBotFixture } from './bot-fixture.js';

/**
 * The whole push flow across kill -9, with real `netrun start` processes: alice requests a push
 * (modal, dry run, approval message), the bot dies while the request waits, a new process starts on
 * the same database, and bob's Approve click on the old message runs the push — once.
 */

const DEVICES = ['ios-1', 'ios-2'];
const LINE = 'ntp server 198.51.100.77';

let fixture: BotFixture;
const children: CliChild[] = [];

beforeAll(async () => {
  // The push tests' policy and Slack users: alice requests pushes, bob approves them.
  fixture = await startBotFixture(
    DEVICES.map((name) => ({ name, platform: 'cisco_ios' })),
    { ntp: DEVICES },
    { policyYaml: POLICY_YAML, standin: STANDIN },
  );
});

afterEach(() => {
  for (const child of children.splice(0)) killIfRunning(child);
});

afterAll(async () => {
  await fixture?.stop();
});

function start(): CliChild {
  const child = spawnCli(['start'], { ...fixture.env, NETRUN_LOG_LEVEL: 'info' });
  children.push(child);
  return child;
}

function approvals(): ApprovalRecord[] {
  const db = fixture.openDb();
  try {
    return db.approvals.list();
  } finally {
    db.close();
  }
}

describe('a pending push request across kill -9', () => {
  it('still works after the restart, and the push runs once', async () => {
    const { standin, lab } = fixture;
    const first = start();
    const before = fixture.driverFor(await readyPort(first));
    await before.slashCommand({ text: 'push ntp', user_id: ALICE, channel_id: CHANNEL });
    await standin.waitFor(() => standin.views(ALICE).length > 0, {
      timeoutMs: 10_000,
      description: 'the modal',
    });
    expect(
      (
        await before.submitView({
          user: ALICE,
          callback_id: CALLBACK_IDS.pushRequest,
          values: formValues({ lines: LINE }),
        })
      ).status,
    ).toBe(200);
    let approval: ApprovalRecord | undefined;
    await waitFor(
      () => {
        approval = approvals().find((a) => a.messageTs !== undefined);
        const message = approval && standin.message(CHANNEL, approval.messageTs!);
        return message !== undefined && JSON.stringify(message.blocks).includes(ACTION_IDS.approvePush);
      },
      20_000,
      'the approval message with its buttons',
    );
    first.process.kill('SIGKILL');
    await first.exited;

    const second = start();
    const after = fixture.driverFor(await readyPort(second));
    expect(approvals()[0]).toMatchObject({ id: approval!.id, status: 'pending' });
    const click = () =>
      after.click({
        action_id: ACTION_IDS.approvePush,
        user: BOB,
        channel: CHANNEL,
        message_ts: approval!.messageTs!,
        value: approval!.id,
        block_id: BLOCK_IDS.approvalActions,
      });
    expect((await click()).status).toBe(200);
    await waitFor(() => approvals()[0]?.status === 'finished', 30_000, 'the push to finish');
    expect(approvals()[0]).toMatchObject({
      outcome: { result: 'done' },
      votes: [{ user: BOB, decision: 'approve' }],
    });
    for (const name of DEVICES) expect(lab.device(name).runningConfig()).toContain(LINE);

    // A second click on the same (old) message changes nothing: the line was typed once per device.
    expect((await click()).status).toBe(200);
    await standin.waitFor(() => standin.ephemerals(BOB).length >= 2, { timeoutMs: 10_000 });
    for (const name of DEVICES) expect(typed(lab, name, LINE)).toBe(1);
    await standin.waitFor(
      () => messageText(standin.message(CHANNEL, approval!.messageTs!)!).includes('push done'),
      {
        timeoutMs: 10_000,
        description: 'the approval message to show the outcome',
      },
    );

    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
