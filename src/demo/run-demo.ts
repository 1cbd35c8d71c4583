import type { CliIo } from '../cli/io.js';
import { formatDuration } from '../engine/index.js';
import { labDeviceSpecs } from '../lab/index.js';
import { renderTranscript } from '../lab/slack/index.js';
import { type Stack, startStack } from './stack.js';

const CHANNEL = 'C0NETOPS01';
const REQUESTER = 'U0ALICE001';
const COMMAND_TEXT = 'show version core-routers';

/** alice may run read-only commands; nobody else may do anything. */
export const DEMO_POLICY = `roles:
  netops:
    description: the network operations team
    users: [${REQUESTER}]
    run: {}
`;

/** 12 devices, two of each lab personality; the lab puts its core-router personalities in core-routers. */
export function demoDevices() {
  return labDeviceSpecs(12);
}

/**
 * `npm run demo`: the main job end to end on one machine — lab devices over SSH, a local Slack
 * stand-in, the bot in HTTP mode — then the channel printed as a person would read it.
 */
export async function runDemo(io: CliIo): Promise<number> {
  io.stdout.write(
    'netrun demo: starting 12 lab devices, a local Slack stand-in and the bot (HTTP on 127.0.0.1)…\n',
  );
  const stack = await startStack({ devices: demoDevices(), policyYaml: DEMO_POLICY });
  try {
    return await demoJob(io, stack);
  } finally {
    await stack.stop();
  }
}

async function demoJob(io: CliIo, stack: Stack): Promise<number> {
  io.stdout.write(`alice types: /netrun ${COMMAND_TEXT}\n`);
  const ack = await stack.driver.slashCommand({
    text: COMMAND_TEXT,
    user_id: REQUESTER,
    channel_id: CHANNEL,
  });
  io.stdout.write(`bot acked in ${formatDuration(ack.ackMs)} (HTTP ${ack.status})\n`);
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[0], {
    timeoutMs: 10_000,
    description: 'the job to start',
  });
  const report = await withTimeout(record.reporter.done, 60_000, 'the job thread to finish');
  const counts = stack.standin.counts();
  io.stdout.write(`\n${renderTranscript(stack.standin, CHANNEL)}\n`);
  io.stdout.write(
    `Slack calls: ${counts.calls} (${counts.byMethod['chat.postMessage']?.calls ?? 0} posts, ${counts.byMethod['chat.update']?.calls ?? 0} updates), rate-limited: ${counts.ratelimited}\n`,
  );
  if (!report.summaryPosted) {
    io.stderr.write('netrun demo: the summary was not posted (see above)\n');
    return 1;
  }
  return 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`netrun demo: timed out after ${ms} ms waiting for ${what}`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
