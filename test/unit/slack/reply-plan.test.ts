import { describe, expect, it } from 'vitest';
import type { HostResult } from '../../../src/engine/index.js';
import { checkBlocks } from '../../../src/lab/slack/index.js';
import { DEFAULT_REPLY_LIMITS, planReply, type ReplyPlan } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';

const CONTEXT = { jobId: 'job1', part: 1, command: 'show version' };

/** A distinct output of about `size` characters for each host. */
function results(count: number, size: number, from = 1): HostResult[] {
  return Array.from({ length: count }, (_, i) => {
    const host = `sw${String(from + i).padStart(3, '0')}`;
    const body = `serial ${from + i}\n${'x'.repeat(Math.max(0, size - 12))}`;
    return makeResult({ host, outputs: [['show version', body]] });
  });
}

function expectWithinSlackLimits(plan: ReplyPlan): void {
  expect(checkBlocks(plan.message.blocks, { maxBlocks: 50, maxSectionTextChars: 3_000 })).toEqual([]);
  expect(plan.message.text.length).toBeLessThanOrEqual(4_000);
}

/** Plans replies until nothing is left, as the reporter does: every host must come out exactly once. */
function drain(pending: HostResult[]): ReplyPlan[] {
  const plans: ReplyPlan[] = [];
  let rest = pending;
  while (rest.length > 0) {
    const { plan, remaining } = planReply(rest, { ...CONTEXT, part: plans.length + 1 });
    plans.push(plan);
    expect(remaining.length).toBeLessThan(rest.length);
    rest = remaining;
  }
  return plans;
}

describe('planReply', () => {
  it('shows a few short results inline in one reply', () => {
    const { plan, remaining } = planReply(results(3, 200), CONTEXT);
    expect(remaining).toEqual([]);
    expect(plan.file).toBeUndefined();
    expect(plan.hosts).toEqual(['sw001', 'sw002', 'sw003']);
    expect(plan.message.text).toBe('show version: 3 devices — 3 ok');
    expectWithinSlackLimits(plan);
  });

  it('collapses identical outputs into one entry', () => {
    const same = ['a', 'b', 'c', 'd'].map((host) =>
      makeResult({ host, outputs: [['show clock', `${host}# 12:00`]] }),
    );
    const { plan } = planReply(same, CONTEXT);
    expect(plan.message.blocks).toHaveLength(1);
    expect(JSON.stringify(plan.message.blocks)).toContain('*a, b, c, d* · 4 devices, identical output');
  });

  it('sends a group too big to name in its header to the file, which names every device', () => {
    // 120 devices with the same push-like result: the header can name about 50 of them.
    const same = Array.from({ length: 120 }, (_, i) =>
      makeResult({
        host: `edge-switch-${String(i + 1).padStart(3, '0')}`,
        outputs: [['show clock', '12:00']],
      }),
    );
    const { plan, remaining } = planReply(same, CONTEXT);
    expect(remaining).toEqual([]);
    expect(plan.file?.hosts).toHaveLength(120);
    const firstLine = plan.file?.content.split('\n').find((line) => line.startsWith('====='));
    for (const result of same) expect(firstLine).toContain(result.host);
    // The reply still shows the group's header, pointing at the file.
    expect(JSON.stringify(plan.message.blocks)).toMatch(
      /\+\d+ more\* · 120 devices, identical output · .*in `netrun-job1-part1.txt`/,
    );
    expectWithinSlackLimits(plan);
  });

  it('keeps a group whose names all fit inline', () => {
    const same = Array.from({ length: 20 }, (_, i) =>
      makeResult({ host: `sw${i + 1}`, outputs: [['show clock', '12:00']] }),
    );
    const { plan } = planReply(same, CONTEXT);
    expect(plan.file).toBeUndefined();
    expect(plan.hosts).toHaveLength(20);
  });

  it('sends an output too long for a section to the reply’s file, and says so inline', () => {
    const pending = [...results(1, 100), ...results(1, 3_500, 2)];
    const { plan, remaining } = planReply(pending, CONTEXT);
    expect(remaining).toEqual([]);
    expect(plan.file?.hosts).toEqual(['sw002']);
    expect(plan.file?.filename).toBe('netrun-job1-part1.txt');
    expect(plan.file?.content).toContain('x'.repeat(3_400));
    expect(JSON.stringify(plan.message.blocks)).toContain(
      '*sw002* · 100 ms · output (3.4 KB) in `netrun-job1-part1.txt`',
    );
    expect(plan.hosts).toEqual(['sw001', 'sw002']);
    expectWithinSlackLimits(plan);
  });

  it('leaves what does not fit for the next reply when the backlog is small', () => {
    const pending = results(8, 2_000);
    const { plan, remaining } = planReply(pending, CONTEXT);
    expect(plan.file).toBeUndefined();
    expect(plan.hosts.length).toBeLessThan(8);
    expect([...plan.hosts, ...remaining.map((r) => r.host)].sort()).toEqual(pending.map((r) => r.host));
    expectWithinSlackLimits(plan);
  });

  it('puts a large backlog into one file at once rather than many replies', () => {
    const pending = results(200, 1_500);
    const { plan, remaining } = planReply(pending, CONTEXT);
    expect(remaining).toEqual([]);
    expect(plan.hosts).toHaveLength(200);
    expect(plan.file?.hosts.length).toBeGreaterThan(180);
    for (const result of pending)
      expect(
        plan.file?.content.includes(result.host) || JSON.stringify(plan.message.blocks).includes(result.host),
      ).toBe(true);
    expect(plan.message.text).toBe('show version: 200 devices — 200 ok · output in netrun-job1-part1.txt');
    expectWithinSlackLimits(plan);
  });

  it('summarises the file’s devices in one line when listing them all would be too long', () => {
    const pending = Array.from({ length: 900 }, (_, i) =>
      makeResult({ host: `device-with-a-long-name-${i}`, code: 'CONNECT_REFUSED', message: `refused ${i}` }),
    );
    const { plan } = planReply(pending, CONTEXT);
    expectWithinSlackLimits(plan);
    expect(JSON.stringify(plan.message.blocks)).toMatch(/… and \d+ more devices in `netrun-job1-part1.txt`/);
    expect(plan.hosts).toHaveLength(900);
  });

  it('carries every device exactly once however results are split', () => {
    const pending = [...results(30, 2_500), ...results(5, 10_000, 31), ...results(10, 50, 36)];
    const plans = drain(pending);
    const carried = plans.flatMap((plan) => plan.hosts);
    expect(carried.sort()).toEqual(pending.map((r) => r.host).sort());
    for (const plan of plans) expectWithinSlackLimits(plan);
  });

  it('caps the devices per reply', () => {
    const pending = results(1_200, 20);
    const { plan, remaining } = planReply(pending, CONTEXT, {
      ...DEFAULT_REPLY_LIMITS,
      maxResultsPerReply: 1_000,
    });
    expect(plan.hosts).toHaveLength(1_000);
    expect(remaining).toHaveLength(200);
  });
});
