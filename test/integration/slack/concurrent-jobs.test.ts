import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../../src/demo/index.js';
import type { TaskFactory } from '../../../src/engine/index.js';
import type { Inventory } from '../../../src/inventory/index.js';
import { makeHosts } from '../../helpers/make-host.js';
import {
  ALICE,
  CAROL,
  CHANNEL,
  finishedJob,
  mentions,
  messageText,
  POLICY_YAML,
  threadContent,
} from './helpers.js';

const OTHER_CHANNEL = 'C0NETOPS02';

/** 90 fake devices in three groups; each answers after 20–800 ms, so results stream in. */
function fakeFleet() {
  const hosts = ['a', 'b', 'c'].flatMap((group) =>
    makeHosts(30, `${group}-sw`).map((host) => ({ ...host, groups: [group] })),
  );
  const inventory: Inventory = {
    source: 'test inventory',
    hosts,
    groups: ['a', 'b', 'c'].map((name) => ({ name, parents: [], hostCount: 30 })),
  };
  const taskFor: TaskFactory =
    () =>
    async (host, { signal }) => {
      const delay = 20 + ((host.name.charCodeAt(0) * 97 + Number(host.name.replace(/\D/g, '')) * 53) % 780);
      await new Promise((resolve) => setTimeout(resolve, delay));
      signal.throwIfAborted();
      return { status: 'ok', outputs: [{ command: 'show version', output: `${host.name} build ${delay}` }] };
    };
  return { inventory, taskFor };
}

let stack: Stack;

beforeAll(async () => {
  const fleet = fakeFleet();
  stack = await startStack({
    ...fleet,
    policyYaml: POLICY_YAML,
    standin: {
      channels: [
        { id: CHANNEL, name: 'netops' },
        { id: OTHER_CHANNEL, name: 'netops-2' },
      ],
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('several jobs at once', () => {
  it('share each channel’s pace and the workspace’s update budget, and every thread completes', async () => {
    await Promise.all([
      stack.driver.slashCommand({ text: 'show version a', user_id: ALICE, channel_id: CHANNEL }),
      stack.driver.slashCommand({ text: 'show version b', user_id: CAROL, channel_id: CHANNEL }),
      stack.driver.slashCommand({ text: 'show version c', user_id: ALICE, channel_id: OTHER_CHANNEL }),
    ]);
    const jobs = await Promise.all([0, 1, 2].map((index) => finishedJob(stack, index)));
    for (const { record, report } of jobs) {
      expect(report.summaryPosted).toBe(true);
      const thread = stack.standin.thread(record.channel, report.parentTs!);
      expect(messageText(thread.at(-1)!)).toContain('*Summary*');
      const content = threadContent(stack.standin, report.parentTs!, record.channel);
      for (const host of record.job.hosts) expect(mentions(content, host), host).toBe(true);
    }
    const calls = stack.standin.calls();
    expect(stack.standin.counts().ratelimited).toBe(0);
    for (const channel of [CHANNEL, OTHER_CHANNEL]) {
      const posts = calls.filter(
        (c) =>
          c.channel === channel &&
          (c.method === 'chat.postMessage' || c.method === 'files.completeUploadExternal'),
      );
      const gaps = posts.slice(1).map((c, i) => c.at - (posts[i]?.at ?? 0));
      expect(Math.min(...gaps), channel).toBeGreaterThanOrEqual(950);
    }
    const updates = calls.filter((c) => c.method === 'chat.update');
    const updateGaps = updates.slice(1).map((c, i) => c.at - (updates[i]?.at ?? 0));
    // 40 a minute across the workspace: never closer than 1.5 s (less a little clock slack).
    expect(Math.min(...updateGaps)).toBeGreaterThanOrEqual(1_400);
  });
});
