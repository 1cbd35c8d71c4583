import { readFileSync } from 'node:fs';
import { type Stack, type StackOptions, startStack } from '../../../src/demo/index.js';
import type { LabDeviceSpec } from '../../../src/lab/index.js';
import { blocksToLines, type SlackStandin, type StoredMessage } from '../../../src/lab/slack/index.js';
import type { JobRecord, ThreadReport } from '../../../src/slack/index.js';

export const CHANNEL = 'C0NETOPS01';
/** In the policy fixture: alice and carol run commands, dave is an admin, bob is in no role. */
export const ALICE = 'U0ALICE001';
export const BOB = 'U0BOB00001';
export const CAROL = 'U0CAROL001';
export const DAVE = 'U0DAVE0001';

export const POLICY_YAML = readFileSync('test/fixtures/slack/policy.yaml', 'utf8');

export function startLabStack(devices: LabDeviceSpec[], options: Partial<StackOptions> = {}): Promise<Stack> {
  return startStack({ devices, policyYaml: POLICY_YAML, ...options });
}

/** The `index`-th job the bot started (0 = first), once its thread is complete. */
export async function finishedJob(
  stack: Stack,
  index = 0,
  timeoutMs = 30_000,
): Promise<{ record: JobRecord; report: ThreadReport }> {
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[index], {
    timeoutMs,
    description: `job #${index + 1} to start`,
  });
  let timer: NodeJS.Timeout | undefined;
  const report = await Promise.race([
    record.reporter.done,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`job ${record.id}: thread not finished after ${timeoutMs} ms`)),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  return { record, report };
}

export function messageText(message: Pick<StoredMessage, 'text' | 'blocks'>): string {
  return blocksToLines(message.blocks, message.text).join('\n');
}

/** The text of the newest ephemeral message `user` got, if any. */
export function lastEphemeral(standin: SlackStandin, user: string): string | undefined {
  const all = standin.ephemerals(user);
  return all.length > 0 ? messageText(all.at(-1)!) : undefined;
}

/** Runs `act`, then waits for `user`'s next ephemeral answer and returns its text. */
export async function nextEphemeral(
  standin: SlackStandin,
  user: string,
  act: () => Promise<unknown>,
  description = `an ephemeral answer for ${user}`,
): Promise<string> {
  const before = standin.ephemerals(user).length;
  await act();
  return standin.waitFor(() => standin.ephemerals(user).length > before && lastEphemeral(standin, user), {
    description,
  });
}

/** Everything a reader of the thread can see: reply texts and the contents of files posted in it. */
export function threadContent(standin: SlackStandin, parentTs: string, channel = CHANNEL): string {
  const replies = standin.thread(channel, parentTs).map(messageText);
  const files = standin
    .files()
    .filter((f) => f.threadTs === parentTs)
    .map((f) => f.content?.toString('utf8') ?? '');
  return [...replies, ...files].join('\n');
}

export function mentions(text: string, host: string): boolean {
  return new RegExp(`(^|[^\\w-])${host}($|[^\\w-])`).test(text);
}
