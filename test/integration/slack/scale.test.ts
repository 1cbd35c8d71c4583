import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import {
  ALICE,
  CHANNEL,
  finishedJob,
  mentions,
  messageText,
  startLabStack,
  threadContent,
} from './helpers.js';

let stack: Stack;

beforeAll(async () => {
  // 200 devices with no added latency, and the stand-in enforcing Slack's limits (its defaults).
  stack = await startLabStack(labDeviceSpecs(200));
});

afterAll(async () => {
  await stack?.stop();
});

describe('a 200-device job', () => {
  it('puts every device’s result in the thread, summary last, without a single 429', async () => {
    const answer = await stack.driver.slashCommand({
      text: 'show version all',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    expect(answer.status).toBe(200);
    const { record, report } = await finishedJob(stack, 0, 90_000);
    expect(report.summary?.total).toBe(200);
    expect(report.unposted).toEqual([]);

    const thread = stack.standin.thread(CHANNEL, report.parentTs!);
    const summary = thread.at(-1)!;
    expect(messageText(summary)).toContain('*Summary*');
    const content = threadContent(stack.standin, report.parentTs!);
    const missing = record.job.hosts.filter((host) => !mentions(content, host));
    expect(missing).toEqual([]);

    const counts = stack.standin.counts();
    expect(counts.ratelimited).toBe(0);
    expect(counts.dropped).toBe(0);
    // Replies and files never came faster than Slack's per-channel pace allows.
    const posts = stack.standin
      .calls()
      .filter(
        (c) =>
          c.channel === CHANNEL &&
          (c.method === 'chat.postMessage' || c.method === 'files.completeUploadExternal'),
      );
    const gaps = posts.slice(1).map((c, i) => c.at - (posts[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);

    const lastDevice = Math.max(...record.job.results().map((r) => r.finishedAt));
    const jobStart = Math.min(...record.job.results().map((r) => r.startedAt));
    const lag = summary.postedAt - lastDevice;
    console.info(
      `[slack e2e] 200 devices: ack ${answer.ackMs.toFixed(1)} ms; devices ran ${lastDevice - jobStart} ms; ` +
        `last device → summary posted ${lag} ms; thread: ${thread.length} messages ` +
        `(${stack.standin.files().length} files); Slack calls ${counts.calls}, 429s ${counts.ratelimited}`,
    );
    expect(lag).toBeLessThan(15_000);
  });
});
