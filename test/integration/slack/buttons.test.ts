import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { type LabDeviceSpec, labDeviceSpecs } from '../../../src/lab/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../../../src/slack/index.js';
import {
  ALICE,
  BOB,
  CHANNEL,
  DAVE,
  finishedJob,
  messageText,
  nextEphemeral,
  startLabStack,
} from './helpers.js';

let stack: Stack;
/** Edge switches that refuse the password until a test clears the fault. */
const BROKEN = ['ios-001', 'eos-002'];

beforeAll(async () => {
  const devices: LabDeviceSpec[] = labDeviceSpecs(8, [
    'cisco_xr',
    'juniper_junos',
    'cisco_ios',
    'arista_eos',
  ]).map((spec) => {
    // Core routers answer slowly, so a job on them is still running when Cancel is pressed.
    if (spec.platform === 'cisco_xr' || spec.platform === 'juniper_junos')
      return { ...spec, latency: { commandMs: 4_000 } };
    return BROKEN.includes(spec.name) ? { ...spec, fault: 'auth-reject' } : spec;
  });
  stack = await startLabStack(devices, { runner: { defaultJobConcurrency: 2 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('buttons', () => {
  it('Cancel: refused for others, works for an admin, and the thread says who cancelled', async () => {
    await stack.driver.slashCommand({
      text: 'show version core-routers',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[0]);
    const parentTs = await record.reporter.parent;
    const click = (user: string) =>
      stack.driver.click({ action_id: ACTION_IDS.cancelJob, user, channel: CHANNEL, message_ts: parentTs });

    const refusal = await nextEphemeral(stack.standin, BOB, () => click(BOB));
    expect(refusal).toContain(
      'Only <@U0ALICE001>, who started this job, or a netrun admin (`admin` permission) may cancel it',
    );
    expect(record.finished).toBeUndefined();

    const answer = await click(DAVE);
    expect(answer.status).toBe(200);
    expect(answer.ackMs).toBeLessThan(3_000);
    const { report } = await finishedJob(stack, 0);
    expect(report.summary?.byStatus.cancelled).toBe(4);
    const parent = stack.standin.message(CHANNEL, parentTs)!;
    expect(messageText(parent)).toContain('cancelled by <@U0DAVE0001>');
    expect(messageText(parent)).not.toContain('[Cancel]');
    const thread = stack.standin.thread(CHANNEL, parentTs);
    expect(messageText(thread.at(-1)!)).toContain('cancelled by <@U0DAVE0001>');
    expect(messageText(thread.at(-1)!)).not.toContain('Retry failed');

    const late = await nextEphemeral(stack.standin, ALICE, () =>
      stack.driver.click({
        action_id: ACTION_IDS.cancelJob,
        user: ALICE,
        channel: CHANNEL,
        message_ts: parentTs,
        value: record.id,
        block_id: BLOCK_IDS.jobActions,
      }),
    );
    expect(late).toContain('has already finished');
  });

  it('Retry failed: requester only, runs the failed devices again in a new thread, once', async () => {
    await stack.driver.slashCommand({
      text: 'show version edge-switches',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    const { record, report } = await finishedJob(stack, 1);
    expect(report.summary?.byStatus.failed).toBe(2);
    const summary = stack.standin.thread(CHANNEL, report.parentTs!).at(-1)!;
    expect(messageText(summary)).toContain('[Retry failed (2)]');
    const click = (user: string, forged = false) =>
      stack.driver.click({
        action_id: ACTION_IDS.retryFailed,
        user,
        channel: CHANNEL,
        message_ts: summary.ts,
        ...(forged ? { value: record.id, block_id: BLOCK_IDS.summaryActions } : {}),
      });

    expect(await nextEphemeral(stack.standin, BOB, () => click(BOB))).toContain('Only <@U0ALICE001>');
    expect(stack.bot.jobs.list()).toHaveLength(2);

    for (const name of BROKEN) stack.lab!.device(name).setFault(undefined);
    await click(ALICE);
    const retry = await finishedJob(stack, 2);
    expect(retry.record.header).toMatchObject({ retryOf: record.id, hostCount: 2 });
    expect([...retry.record.job.hosts].sort()).toEqual([...BROKEN].sort());
    expect(retry.report.summary).toMatchObject({ total: 2, ok: 2 });
    const retryParent = stack.standin.message(CHANNEL, retry.report.parentTs!)!;
    expect(messageText(retryParent)).toContain(`(retry of the failed devices of job \`${record.id}\`)`);
    expect(retryParent.threadTs).toBeUndefined();

    const marked = await stack.standin.waitFor(() => {
      const text = messageText(stack.standin.message(CHANNEL, summary.ts)!);
      return text.includes('retried 2 failed devices') && text;
    });
    expect(marked).toContain(`as job \`${retry.record.id}\``);
    expect(marked).not.toContain('[Retry failed');

    expect(await nextEphemeral(stack.standin, ALICE, () => click(ALICE, true))).toContain(
      `already retried as job \`${retry.record.id}\``,
    );
    expect(stack.bot.jobs.list()).toHaveLength(3);
  });
});
