import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { BLOCK_IDS } from '../../../src/slack/index.js';
import { messageText } from '../slack/helpers.js';
import {
  ALICE,
  BOB,
  click,
  ios,
  messageSays,
  openPushModal,
  pushThread,
  requestPush,
  startPushStack,
  statusOf,
  submitPush,
  typed,
} from './helpers.js';

let stack: Stack;

beforeAll(async () => {
  // One device at a time within a job, so the failure threshold visibly stops the next device.
  stack = await startPushStack(ios(4), { runner: { defaultJobConcurrency: 1 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('push rollout: canary and failure threshold', () => {
  it('a failing canary stops the rollout before any other device is touched', async () => {
    const line = 'ntp server 10.9.8.1';
    const approval = await requestPush(stack, ALICE, 'cisco_ios', { lines: line });
    const before = Object.fromEntries(
      ['ios-002', 'ios-003', 'ios-004'].map((n) => [n, stack.lab!.device(n).runningConfig()]),
    );
    const sessions = Object.fromEntries(
      ['ios-002', 'ios-003', 'ios-004'].map((n) => [n, stack.lab!.device(n).stats().totalSessions]),
    );
    // The canary (the first device of the target) stops taking logins after the dry run.
    stack.lab!.device('ios-001').setFault('auth-reject');
    try {
      expect(await click(stack, BOB, approval, 'approve')).toContain('You approved');
      const { report, replies } = await pushThread(stack, approval.id);
      expect(report.summary).toMatchObject({ ok: 0, total: 4, started: 1 });
      expect(report.summary?.byReason.map((r) => [r.code, r.count])).toEqual([
        ['NOT_RUN', 3],
        ['AUTH_FAILED', 1],
      ]);
      for (const name of ['ios-002', 'ios-003', 'ios-004']) {
        expect(stack.lab!.device(name).runningConfig()).toBe(before[name]);
        expect(typed(stack.lab!, name, line)).toBe(0);
        expect(stack.lab!.device(name).commands()).not.toContain('configure terminal');
        // Not even a login: the rollout never reached them.
        expect(stack.lab!.device(name).stats().totalSessions).toBe(sessions[name]);
      }
      const thread = replies.map(messageText).join('\n');
      expect(thread).toContain('AUTH_FAILED');
      expect(thread).toContain('NOT_RUN');
      const finished = await statusOf(stack, approval.id, 'finished');
      expect(finished.outcome?.result).toBe('failed');
      expect(finished.outcome?.message).toBe(
        'canary ios-001 (AUTH_FAILED) failed: rollout stopped; 3 devices not run, left untouched',
      );
      expect(await messageSays(stack, approval, 'push failed')).toContain(
        'canary ios-001 (AUTH_FAILED) failed',
      );
    } finally {
      stack.lab!.device('ios-001').setFault(undefined);
      await stack.lab!.device('ios-001').settled();
    }
  });

  it('after the canary, no further device starts once failures reach the threshold', async () => {
    const line = 'ntp server 10.9.8.2';
    const approval = await requestPush(stack, ALICE, 'cisco_ios', {
      lines: line,
      canary: '1',
      stopAfter: '1',
    });
    stack.lab!.device('ios-002').setFault('auth-reject');
    try {
      await click(stack, BOB, approval, 'approve');
      const { report } = await pushThread(stack, approval.id);
      expect(report.summary).toMatchObject({ ok: 1, total: 4, started: 2 });
      expect(typed(stack.lab!, 'ios-001', line)).toBe(1);
      for (const name of ['ios-003', 'ios-004']) expect(typed(stack.lab!, name, line)).toBe(0);
      const finished = await statusOf(stack, approval.id, 'finished');
      expect(finished.outcome).toMatchObject({
        result: 'failed',
        message: 'stopped after 1 failure: ios-002 (AUTH_FAILED); 1 ok; 2 devices not run, left untouched',
      });
    } finally {
      stack.lab!.device('ios-002').setFault(undefined);
      await stack.lab!.device('ios-002').settled();
    }
  });
});

describe('the push modal checks its inputs before it closes', () => {
  it('names a config over 3,000 characters, a tab, and bad numbers at their inputs; nothing is requested', async () => {
    const requests = stack.store.approvals.list({ limit: 1000 }).length;
    await openPushModal(stack, ALICE, 'cisco_ios');
    const long = Array.from(
      { length: 200 },
      (_, i) => `ntp server 10.1.${Math.floor(i / 250)}.${i % 250}`,
    ).join('\n');
    expect(long.length).toBeGreaterThan(3_000);
    const tooLong = await submitPush(stack, ALICE, { lines: long });
    expect(tooLong.json).toMatchObject({ response_action: 'errors' });
    const errors = (tooLong.json as { errors: Record<string, string> }).errors;
    expect(errors[BLOCK_IDS.pushLinesInput]).toMatch(
      /is 4,\d{3} characters; at most 3,000 fit\. Slack caps this box/,
    );

    const tab = await submitPush(stack, ALICE, {
      lines: 'interface Loopback1\n\tdescription x',
      canary: '-1',
      approvals: '9',
    });
    const tabErrors = (tab.json as { errors: Record<string, string> }).errors;
    expect(tabErrors[BLOCK_IDS.pushLinesInput]).toContain('Line 2 of the config contains a tab');
    expect(tabErrors[BLOCK_IDS.pushCanaryInput]).toContain(
      'Canary devices must be a whole number from 0 to 1,000',
    );
    expect(tabErrors[BLOCK_IDS.pushApprovalsInput]).toContain('from 1 to 5');

    const empty = await submitPush(stack, ALICE, { lines: '! only a comment\n\n' });
    expect((empty.json as { errors: Record<string, string> }).errors[BLOCK_IDS.pushLinesInput]).toContain(
      'no config lines',
    );
    expect(stack.store.approvals.list({ limit: 1000 }).length).toBe(requests);
  });
});
