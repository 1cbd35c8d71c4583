import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import type { LabDeviceSpec } from '../../../src/lab/index.js';
import { ACTION_IDS } from '../../../src/slack/index.js';
import { messageText, nextEphemeral } from '../slack/helpers.js';
import {
  ALICE,
  auditOf,
  BOB,
  CAROL,
  CHANNEL,
  click,
  clickAtOnce,
  DAVE,
  ERIN,
  ios,
  messageOf,
  messageSays,
  pushThread,
  requestPush,
  startPushStack,
  statusOf,
  typed,
} from './helpers.js';

let stack: Stack;
/** ios-005 rejects every show command: its running config cannot be read, but it takes config lines. */
const IOS: LabDeviceSpec[] = [...ios(4), { name: 'ios-005', platform: 'cisco_ios', fault: 'invalid' }];
const NAMES = IOS.map((d) => d.name);
const JUNOS: LabDeviceSpec[] = [
  { name: 'junos-001', platform: 'juniper_junos' },
  { name: 'junos-002', platform: 'juniper_junos' },
];

beforeAll(async () => {
  stack = await startPushStack([...IOS, ...JUNOS]);
});

afterAll(async () => {
  await stack?.stop();
});

const LINES = ['ntp server 10.9.9.1', 'interface Loopback91', ' description netrun push e2e'];

describe('push from Slack: request, dry run, approval, rollout', () => {
  it('shows the dry run, refuses non-approvers and the requester, then pushes to every device once approved', async () => {
    const approval = await requestPush(stack, ALICE, 'cisco_ios', { lines: LINES.join('\n') });
    expect(approval.hosts).toEqual(NAMES);
    const shown = messageOf(stack, approval);
    expect(shown).toContain('4 devices would change, 0 already compliant, 1 could not be checked');
    expect(shown).toContain('+ ntp server 10.9.9.1');
    expect(shown).toMatch(/Could not be checked:\* ios-005 — `COMMAND_REJECTED`/);
    expect(shown).toContain('+interface Loopback91');
    expect(shown).toMatch(/expires <!date\^\d+\^/);
    expect(shown).toContain('[Approve] [Reject]');
    // The dry run only read: no device was sent a config line.
    for (const name of NAMES) expect(typed(stack.lab!, name, LINES[0]!)).toBe(0);

    expect(await click(stack, DAVE, approval, 'approve')).toContain('no role with `approve`');
    expect(await click(stack, CAROL, approval, 'approve')).toContain('`approve` does not cover ios-001');
    expect(await click(stack, ALICE, approval, 'approve')).toContain('You requested this push');
    expect(stack.store.approvals.get(approval.id)?.status).toBe('pending');
    for (const name of NAMES) expect(typed(stack.lab!, name, LINES[0]!)).toBe(0);

    expect(await click(stack, BOB, approval, 'approve')).toContain('You approved');
    const { report, replies, jobId } = await pushThread(stack, approval.id);
    expect(report.summary?.ok).toBe(5);
    for (const name of NAMES) {
      const config = stack.lab!.device(name).runningConfig();
      expect(config).toContain('ntp server 10.9.9.1');
      expect(config).toContain('interface Loopback91\n description netrun push e2e');
      expect(stack.lab!.device(name).savedConfig()).toContain('ntp server 10.9.9.1');
    }
    const thread = replies.map(messageText);
    expect(thread.at(-1)).toMatch(/Summary\* · `config push: 3 lines` on \*cisco_ios\*/);
    expect(thread.at(-1)).not.toContain('Retry failed');
    const results = thread.slice(0, -1).join('\n');
    for (const name of NAMES) expect(results).toContain(name);
    expect(results).toContain('applied 3 lines · saved');

    const finished = await statusOf(stack, approval.id, 'finished');
    expect(finished.outcome).toMatchObject({ result: 'done', message: 'pushed to 5 devices: all ok' });
    const final = await messageSays(stack, approval, 'push done');
    expect(final).toContain('Approved by <@U0BOB00001>');
    expect(final).not.toContain('[Approve]');

    const trail = auditOf(stack, approval.id).map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(trail).toEqual([
      'U0ALICE001 approval-request pending',
      'U0DAVE0001 approve not-approver',
      'U0CAROL001 approve not-approver',
      'U0ALICE001 approve self-approval',
      'U0BOB00001 approve approved',
    ]);
    expect(auditOf(stack, approval.id).at(-1)?.jobId).toBe(jobId);
    const jobTrail = stack.store.audit.query({ jobId }).map((e) => e.action);
    expect(jobTrail).toContain('job-start');
    expect(jobTrail).toContain('job-done');
    expect(stack.store.jobs.get(jobId)).toMatchObject({ kind: 'push', approvalId: approval.id });
  });

  it('Reject: nothing is pushed, the message says who rejected, and later clicks change nothing', async () => {
    const line = 'ntp server 10.9.9.2';
    const approval = await requestPush(stack, ALICE, 'ios-001,ios-002', { lines: line });
    expect(await click(stack, BOB, approval, 'reject')).toContain('rejected: nothing will be pushed');
    expect(await messageSays(stack, approval, 'Rejected by <@U0BOB00001>')).not.toContain('[Approve]');
    expect(await click(stack, ERIN, approval, 'approve')).toContain('was already rejected');
    expect(stack.store.approvals.get(approval.id)).toMatchObject({ status: 'rejected', decidedBy: BOB });
    expect(stack.store.approvals.get(approval.id)?.jobId).toBeUndefined();
    for (const name of ['ios-001', 'ios-002']) expect(typed(stack.lab!, name, line)).toBe(0);
    const trail = auditOf(stack, approval.id).map((e) => `${e.actor} ${e.action} ${e.outcome}`);
    expect(trail.slice(1)).toEqual(['U0BOB00001 reject rejected', 'U0ERIN0001 approve already-decided']);
  });

  it('a double click and two approvers at once run the push exactly once', async () => {
    const line = 'ntp server 10.9.9.3';
    const approval = await requestPush(stack, ALICE, 'ios-001,ios-002,ios-003', { lines: line });
    const before = stack.bot.jobs.list().length;
    const answers = await clickAtOnce(stack, [BOB, BOB, ERIN], approval);
    expect(answers.filter((a) => a.includes('You approved'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('already approved'))).toHaveLength(2);
    const { report } = await pushThread(stack, approval.id);
    expect(report.summary?.ok).toBe(3);
    expect(stack.bot.jobs.list().length).toBe(before + 1);
    for (const name of ['ios-001', 'ios-002', 'ios-003']) expect(typed(stack.lab!, name, line)).toBe(1);
    const outcomes = auditOf(stack, approval.id).map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'approved')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already-decided')).toHaveLength(2);
  });

  it('two approvals: the first vote is recorded and shown, the second runs it (Junos, set style)', async () => {
    const lines = ['set system ntp server 10.9.9.4', 'set system domain-name lab.netrun.example'];
    const approval = await requestPush(stack, ALICE, 'juniper_junos', {
      lines: lines.join('\n'),
      approvals: '2',
    });
    const shown = messageOf(stack, approval);
    expect(shown).toContain('2 devices would change, 0 already compliant');
    expect(shown).toContain('+ set system ntp server 10.9.9.4');
    expect(shown).toContain('of the lines already there');
    expect(shown).not.toContain('+ set system domain-name');
    expect(await click(stack, BOB, approval, 'approve')).toContain('recorded: 1 of 2');
    expect(await messageSays(stack, approval, 'approved so far by <@U0BOB00001> (1 of 2)')).toContain(
      '[Approve]',
    );
    expect(await click(stack, BOB, approval, 'approve')).toContain('already voted');
    expect(await click(stack, CAROL, approval, 'approve')).toContain('You approved');
    await pushThread(stack, approval.id);
    for (const { name } of JUNOS)
      expect(stack.lab!.device(name).runningConfig()).toMatch(/ntp \{[^}]*10\.9\.9\.4/);
    const final = await messageSays(stack, approval, 'push done');
    expect(final).toContain('Approved by <@U0BOB00001>, <@U0CAROL001>');
  });

  it('refuses the push command to someone without `push`, and opens the form for a user group member', async () => {
    // A user group might grant `push`, so netrun asks Slack behind a "checking" modal, then refuses.
    const refusal = await nextEphemeral(stack.standin, DAVE, () =>
      stack.driver.slashCommand({ text: 'push cisco_ios', user_id: DAVE, channel_id: CHANNEL }),
    );
    expect(refusal).toContain('no role with `push`');
    const shown = stack.standin.views(DAVE).at(-1)!;
    expect(JSON.stringify(shown.view)).toContain('no role with `push`');
    expect(JSON.stringify(shown.view)).not.toContain(ACTION_IDS.pushLines);
    expect(stack.store.audit.query({ user: DAVE, action: 'refused' }).at(-1)).toMatchObject({
      outcome: 'refused',
      target: 'cisco_ios',
    });

    await stack.driver.slashCommand({ text: 'push cisco_ios', user_id: 'U0FRANK001', channel_id: CHANNEL });
    const view = await stack.standin.waitFor(() => {
      const opened = stack.standin.views('U0FRANK001').at(-1);
      return opened && opened.history.length > 0 && opened;
    });
    expect(JSON.stringify(view.history[0])).toContain('Checking your `push` permission');
    expect(JSON.stringify(view.view)).toContain(ACTION_IDS.pushLines);
  });
});
