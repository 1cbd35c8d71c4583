import { afterEach, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../../src/demo/index.js';
import type { TaskFactory } from '../../../src/engine/index.js';
import type { Inventory } from '../../../src/inventory/index.js';
import { makeHosts } from '../../helpers/make-host.js';
import { ALICE, CHANNEL, finishedJob, messageText, POLICY_YAML, threadContent } from './helpers.js';

/** Fake devices that answer once the test opens the gate, so every result lands in one batch. */
function gatedDevices(count: number) {
  const hosts = makeHosts(count, 'sw');
  const inventory: Inventory = {
    source: 'test inventory',
    hosts,
    groups: [{ name: 'lab', parents: [], hostCount: count }],
  };
  for (const host of hosts) host.groups = ['lab'];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const taskFor: TaskFactory = (work) => async (host) => {
    await gate;
    const command = work.kind === 'run' ? (work.commands[0] ?? '') : '';
    return {
      status: 'ok',
      outputs: [{ command, output: `${host.name} serial ${host.name.length * 7}-${host.name}` }],
    };
  };
  return { inventory, taskFor, open };
}

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function startGated(count: number) {
  const devices = gatedDevices(count);
  stack = await startStack({
    inventory: devices.inventory,
    taskFor: devices.taskFor,
    policyYaml: POLICY_YAML,
  });
  await stack.driver.slashCommand({ text: 'show version lab', user_id: ALICE, channel_id: CHANNEL });
  const record = await stack.standin.waitFor(() => stack?.bot.jobs.list()[0]);
  await record.reporter.parent;
  return { stack, open: devices.open };
}

describe('when Slack pushes back', () => {
  it('waits out a 429 on a reply (Retry-After) and still posts every result', async () => {
    const { stack, open } = await startGated(3);
    stack.standin.faults.set([
      { kind: 'ratelimit', retryAfterSec: 1, methods: ['chat.postMessage'], times: 1 },
    ]);
    open();
    const { report } = await finishedJob(stack, 0);
    expect(stack.standin.counts().ratelimited).toBe(1);
    expect(report.unposted).toEqual([]);
    const content = threadContent(stack.standin, report.parentTs!);
    for (const host of ['sw1', 'sw2', 'sw3']) expect(content).toContain(`${host} serial`);
    expect(messageText(stack.standin.thread(CHANNEL, report.parentTs!).at(-1)!)).toContain('*Summary*');
  });

  it('says in the summary which results could not be posted when Slack keeps failing', async () => {
    const { stack, open } = await startGated(3);
    // The reply and its plain retry each get the WebClient's three attempts; then Slack recovers.
    stack.standin.faults.set([{ kind: 'http-error', status: 503, methods: ['chat.postMessage'], times: 6 }]);
    open();
    const { report } = await finishedJob(stack, 0);
    expect(report.unposted.flatMap((u) => u.hosts).sort()).toEqual(['sw1', 'sw2', 'sw3']);
    const summary = messageText(stack.standin.thread(CHANNEL, report.parentTs!).at(-1)!);
    expect(summary).toContain('Slack did not take the results of 3 devices: sw1, sw2, sw3');
    expect(summary).toContain('503');
  });
});
