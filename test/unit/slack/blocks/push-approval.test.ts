import { describe, expect, it } from 'vitest';
import type { DryRunRecord } from '../../../../src/push/index.js';
import {
  ACTION_IDS,
  approvalMessage,
  BLOCK_IDS,
  diffsNeedFile,
  dryRunAbandonedMessage,
  dryRunRunningMessage,
  fitCode,
  slackDate,
} from '../../../../src/slack/index.js';
import type { ApprovalRecord } from '../../../../src/store/index.js';
import { expectValidMessage } from './messages.js';

const AT = Date.UTC(2026, 0, 31, 9, 0, 0);

function approval(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    id: 'a1b2c3d4e5',
    requester: 'U0ALICE001',
    channel: 'C0NETOPS01',
    messageTs: '1769850000.000100',
    target: 'core-routers',
    hosts: ['r1', 'r2', 'r3', 'r4'],
    lines: ['ntp server 10.0.0.1', 'interface Loopback9', ' description <mgmt> & more'],
    options: { save: true, canary: 1, stopAfterFailures: 1 },
    requiredApprovals: 1,
    status: 'pending',
    createdAt: AT,
    expiresAt: AT + 30 * 60_000,
    votes: [],
    ...overrides,
  };
}

const DRY_RUN: DryRunRecord = {
  headline: '2 devices would change, 1 already compliant, 1 could not be checked',
  total: 4,
  changing: ['r1', 'r2'],
  compliant: ['r3'],
  failed: [{ host: 'r4', code: 'AUTH_FAILED', message: 'r4: authentication failed' }],
  groups: [
    { hosts: ['r1', 'r2'], changes: true, newLines: ['ntp server 10.0.0.1'], present: 2 },
    { hosts: ['r3'], changes: false, newLines: [], present: 3 },
  ],
  diffs: [
    {
      hosts: ['r1', 'r2'],
      diff: '--- r1\trunning\n+++ r1\tafter push\n@@ -1,1 +1,2 @@\n end\n+ntp server 10.0.0.1\n',
    },
  ],
  diffsTruncated: false,
};

const view = (a: ApprovalRecord, dryRun: DryRunRecord | undefined = DRY_RUN) => ({
  approval: a,
  lines: a.lines,
  ...(dryRun ? { dryRun } : {}),
});

function textOf(message: { blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

describe('approval message', () => {
  it('shows requester, devices, config, dry run, diff, expiry and the two buttons while pending', () => {
    const message = approvalMessage(view(approval()));
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: BLOCK_IDS.approvalActions,
      elements: [
        { action_id: ACTION_IDS.approvePush, value: 'a1b2c3d4e5', style: 'primary' },
        { action_id: ACTION_IDS.rejectPush, value: 'a1b2c3d4e5', style: 'danger' },
      ],
    });
    // What a user typed cannot become markup.
    expect(textOf(message)).toContain('description &lt;mgmt&gt; &amp; more');
    expect(textOf(message)).toContain(`expires ${slackDate(AT + 30 * 60_000).replace(/"/g, '\\"')}`);
  });

  it('points at the thread file when the diffs are long, and counts votes so far', () => {
    const dryRun = { ...DRY_RUN, file: 'netrun-push-a1b2c3d4e5-dry-run.txt' };
    const pending = approval({
      requiredApprovals: 2,
      votes: [{ user: 'U0BOB00001', decision: 'approve', at: AT + 1 }],
    });
    const message = approvalMessage(view(pending, dryRun));
    expectValidMessage(message);
    expect(textOf(message)).toContain('in the thread, `netrun-push-a1b2c3d4e5-dry-run.txt`');
    expect(textOf(message)).not.toContain('+ntp server 10.0.0.1\\n```');
    expect(textOf(message)).toContain('approved so far by <@U0BOB00001> (1 of 2)');
  });

  it('replaces the buttons with the decision and the outcome', () => {
    const decided = {
      decidedBy: 'U0BOB00001',
      decidedAt: AT + 60_000,
      votes: [{ user: 'U0BOB00001', decision: 'approve' as const, at: AT + 60_000 }],
    };
    const states: Array<[Partial<ApprovalRecord>, string]> = [
      [{ ...decided, status: 'executing', jobId: 'j1' }, 'pushing now (job `j1`)'],
      [
        {
          ...decided,
          status: 'finished',
          jobId: 'j1',
          outcome: { result: 'failed', message: 'canary r1 (AUTH_FAILED) failed: rollout stopped' },
        },
        ':x: push failed: canary r1 (AUTH_FAILED) failed: rollout stopped (job `j1`)',
      ],
      [{ status: 'rejected', decidedBy: 'U0BOB00001', decidedAt: AT }, 'Rejected by <@U0BOB00001>'],
      [{ status: 'rejected', decidedBy: 'U0ALICE001', decidedAt: AT }, 'Withdrawn by <@U0ALICE001>'],
      [{ status: 'expired', decidedAt: AT }, 'Expired'],
    ];
    for (const [state, words] of states) {
      const message = approvalMessage(view(approval(state)));
      expectValidMessage(message);
      expect(textOf(message)).toContain(words);
      expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('stays within Slack limits with a 3,000-character config and many failures', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `ntp server 10.0.0.${i} <&>`);
    const failed = Array.from({ length: 40 }, (_, i) => ({
      host: `r${i}`,
      code: 'AUTH_FAILED',
      message: 'x'.repeat(500),
    }));
    const message = approvalMessage(view(approval({ lines }), { ...DRY_RUN, failed }));
    expectValidMessage(message);
    expect(textOf(message)).toContain('The config is cut here');
    expect(textOf(message)).toContain('… and 32 more that could not be checked');
  });

  it('decides between an inline diff and a file', () => {
    expect(diffsNeedFile(DRY_RUN)).toBe(false);
    expect(diffsNeedFile({ ...DRY_RUN, diffsTruncated: true })).toBe(true);
    expect(diffsNeedFile({ ...DRY_RUN, diffs: [{ hosts: ['r1'], diff: 'x\n'.repeat(2_000) }] })).toBe(true);
    const code = fitCode('<'.repeat(5_000), 1_000);
    expect(code.length).toBeLessThanOrEqual(1_000);
    expect(code.endsWith('```')).toBe(true);
  });

  it('says a dry run is running, or that the request was abandoned', () => {
    const running = dryRunRunningMessage({
      requester: 'U0ALICE001',
      target: 'core-routers',
      hosts: ['r1', 'r2'],
      lines: ['a'],
    });
    expectValidMessage(running);
    expect(running).toMatchSnapshot();
    const abandoned = dryRunAbandonedMessage({
      requester: 'U0ALICE001',
      target: 'core-routers',
      reason: 'netrun is stopping.',
    });
    expectValidMessage(abandoned);
    expect(textOf(abandoned)).toContain('Nothing was pushed');
  });
});
