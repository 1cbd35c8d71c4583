import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { type Lab, startLab } from '../../../src/lab/index.js';
import { type SlackStandin, startSlackStandin } from '../../../src/lab/slack/index.js';
import { openStore } from '../../../src/store/index.js';
import {
  ALICE,
  auditOf,
  BOB,
  click,
  ios,
  messageSays,
  pushThread,
  requestPush,
  STANDIN,
  startPushStack,
  statusOf,
  typed,
} from './helpers.js';

/** One lab and one Slack stand-in for every bot here: a restarted bot finds its old messages and devices. */
let lab: Lab;
let standin: SlackStandin;
let dir: string;

beforeAll(async () => {
  lab = await startLab({ devices: ios(2) });
  standin = await startSlackStandin(STANDIN);
  dir = await mkdtemp(join(tmpdir(), 'netrun-push-'));
});

afterAll(async () => {
  await standin?.close();
  await lab?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function bot(options: Parameters<typeof startPushStack>[1] = {}): Promise<Stack> {
  return startPushStack([], { shared: { lab, standin }, ...options });
}

describe('expiry', () => {
  it('the sweep expires a request nobody decided: the message loses its buttons, clicks change nothing', async () => {
    const stack = await bot({ approvals: { ttlMs: 1_500, sweepIntervalMs: 100 } });
    try {
      const line = 'ntp server 10.9.7.1';
      const approval = await requestPush(stack, ALICE, 'ios-001', { lines: line });
      const shown = await messageSays(stack, approval, 'Expired', 5_000);
      expect(shown).toContain('nothing was pushed');
      expect(shown).not.toContain('[Approve]');
      expect(await click(stack, BOB, approval, 'approve')).toContain('expired without an approval');
      expect(stack.store.approvals.get(approval.id)).toMatchObject({ status: 'expired' });
      expect(stack.store.approvals.get(approval.id)?.jobId).toBeUndefined();
      expect(typed(stack.lab!, 'ios-001', line)).toBe(0);
      const trail = auditOf(stack, approval.id).map((e) => `${e.actor} ${e.action} ${e.outcome}`);
      expect(trail).toEqual([
        'U0ALICE001 approval-request pending',
        'netrun expire expired',
        'U0BOB00001 approve expired',
      ]);
    } finally {
      await stack.stop();
    }
  });

  it('a click after the time is up expires the request itself, even before any sweep', async () => {
    const stack = await bot({ approvals: { ttlMs: 300, sweepIntervalMs: 3_600_000 } });
    try {
      const line = 'ntp server 10.9.7.2';
      const approval = await requestPush(stack, ALICE, 'ios-002', { lines: line });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(stack.store.approvals.get(approval.id)?.status).toBe('pending');
      expect(await click(stack, BOB, approval, 'approve')).toContain('expired');
      expect(stack.store.approvals.get(approval.id)?.status).toBe('expired');
      await messageSays(stack, approval, 'Expired');
      expect(typed(stack.lab!, 'ios-002', line)).toBe(0);
      expect(auditOf(stack, approval.id).map((e) => e.action)).toContain('expire');
    } finally {
      await stack.stop();
    }
  });
});

describe('restart', () => {
  it('a request made before a restart is approved after it, on the old message, and runs', async () => {
    const file = join(dir, 'netrun.db');
    const line = 'ntp server 10.9.7.3';
    const first = openStore(file);
    const before = await bot({ store: first });
    const approval = await requestPush(before, ALICE, 'cisco_ios', { lines: line });
    await before.stop();
    first.close();

    const second = openStore(file);
    const after = await bot({ store: second });
    try {
      expect(await click(after, BOB, approval, 'approve')).toContain('You approved');
      const { report } = await pushThread(after, approval.id);
      expect(report.summary?.ok).toBe(2);
      for (const name of ['ios-001', 'ios-002']) {
        expect(lab.device(name).runningConfig()).toContain(line);
        expect(typed(after.lab!, name, line)).toBe(1);
      }
      await statusOf(after, approval.id, 'finished');
      expect(await messageSays(after, approval, 'push done')).toContain('Approved by <@U0BOB00001>');
    } finally {
      await after.stop();
      second.close();
    }
  });
});
