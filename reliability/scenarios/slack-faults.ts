/**
 * Scenario 2, Slack misbehaving during a big job: 429 storms with long Retry-After, 5xx answers,
 * dropped connections and slow answers — each alone, then all at once — while one job posts its
 * results. Every device must be in the thread exactly once (or named by the summary as not posted),
 * with the summary last. A last case loses Slack's answers after the work was done (`phase: 'after'`):
 * a retry may then post twice, which no Slack client can rule out; those duplicates are measured.
 */
import { labDeviceSpecs } from '../../src/lab/index.js';
import type { FaultRuleInput } from '../../src/lab/slack/index.js';
import { type RemoteLab, startRemoteLab } from '../support/remote-lab.js';
import { type LabStack, startLabStack, threadOf } from '../support/slack-stack.js';
import { within } from '../support/within.js';
import { ALICE } from './device-faults.js';
import { NETWORK_PLATFORMS } from './fault-fleet.js';
import { threadChecks } from './thread-checks.js';
import { ackFigures, check, type Progress, type ScenarioResult } from './types.js';

export interface SlackFaultsOptions {
  /** Devices in each job (long: 500, fast: 120). */
  devices: number;
  /** About how long the devices take in all: results then arrive over that long, as on a real network. */
  jobSeconds: number;
  /** Retry-After of the 429s, in seconds (long: 3–5, fast: 1–2). */
  retryAfterSec: [number, number];
  /** Which cases to run (default: every one). */
  cases?: SlackFaultCase[];
  progress?: Progress;
}

export const SLACK_FAULT_CASES = [
  '429 storm',
  '5xx',
  'dropped connections',
  'slow answers',
  'mixed',
  'answers lost',
] as const;
export type SlackFaultCase = (typeof SLACK_FAULT_CASES)[number];

/** Every call a job's thread makes. */
const THREAD_METHODS = [
  'chat.postMessage',
  'chat.update',
  'files.getUploadURLExternal',
  'upload',
  'files.completeUploadExternal',
];

function rules(which: SlackFaultCase, retryAfter: [number, number]): FaultRuleInput[] {
  const [low, high] = retryAfter;
  const methods = THREAD_METHODS;
  const storm: FaultRuleInput[] = [
    // A storm: every call refused for a while, then a steady drizzle of 429s with the long Retry-After.
    { kind: 'ratelimit', retryAfterSec: high, methods, forMs: high * 2_500 },
    { kind: 'ratelimit', retryAfterSec: low, methods, fraction: 0.15 },
  ];
  // Counted (`every`), not drawn: a short job makes few calls, and each case must meet its faults.
  const errors: FaultRuleInput[] = (
    [
      [500, 11],
      [502, 13],
      [503, 17],
      [504, 19],
    ] as const
  ).map(([status, every]) => ({ kind: 'http-error' as const, status, methods, every }));
  const drops: FaultRuleInput[] = [{ kind: 'drop', methods, every: 5 }];
  const slow: FaultRuleInput[] = [
    { kind: 'delay', delayMs: 2_500, methods, fraction: 0.3 },
    { kind: 'delay', delayMs: 800, methods, fraction: 0.5, phase: 'after' },
  ];
  switch (which) {
    case '429 storm':
      return storm;
    case '5xx':
      return errors;
    case 'dropped connections':
      return drops;
    case 'slow answers':
      return slow;
    case 'mixed':
      return [...storm.slice(1), ...errors, { kind: 'drop', methods, every: 10 }, ...slow];
    case 'answers lost':
      return [
        { kind: 'http-error', status: 503, methods, every: 7, phase: 'after' },
        { kind: 'drop', methods, every: 9, phase: 'after' },
      ];
  }
}

function channelFor(index: number): string {
  return `C0RELSLK${String(index + 1).padStart(2, '0')}`;
}

async function runCase(
  lab: LabStack,
  which: SlackFaultCase,
  index: number,
  options: SlackFaultsOptions,
  devices: string[],
): Promise<ScenarioResult> {
  const { stack } = lab;
  const channel = channelFor(index);
  const started = Date.now();
  const jobs = stack.bot.jobs.list().length;
  const answer = await stack.driver.slashCommand({
    text: 'show version all',
    user_id: ALICE,
    channel_id: channel,
  });
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[jobs], { timeoutMs: 10_000 });
  // Faults start once the job has its thread: a channel that refuses the job's first message
  // cancels the job (by design), which is another test's subject.
  await record.reporter.parent;
  const callsBefore = stack.standin.calls().length;
  stack.standin.faults.set(rules(which, options.retryAfterSec));
  const report = await within(record.reporter.done, 600_000, `job ${record.id}: thread`);
  const stats = stack.standin.faults.stats();
  stack.standin.faults.clear();
  const fired = stats.reduce((sum, s) => sum + s.fired, 0);
  const byKind = new Map<string, number>();
  for (const s of stats) byKind.set(s.rule.kind, (byKind.get(s.rule.kind) ?? 0) + s.fired);
  const calls = stack.standin.calls().length - callsBefore;
  const threadMs = Date.now() - started;
  const ambiguous = which === 'answers lost';
  const thread = threadChecks(threadOf(stack.standin, channel, report.parentTs!), devices, {
    ambiguousAnswers: ambiguous,
  });
  const unposted = thread.audit.unposted.length + thread.audit.degraded.length;
  options.progress?.(
    `slack faults · ${which}: ${fired} faults, thread complete after ${threadMs} ms, ` +
      `${thread.lost.length} lost, ${thread.duplicateEntries} duplicates, ${unposted} named as not posted`,
  );
  return {
    name: `Slack faults · ${which}`,
    devices: devices.length,
    faults: describe(which, options.retryAfterSec),
    faultsInjected: fired,
    lost: thread.lost.length,
    duplicates: ambiguous ? 0 : thread.duplicateEntries,
    ...(ambiguous ? { expectedDuplicates: thread.duplicateEntries } : {}),
    ack: ackFigures([answer.ackMs]),
    times: { job: record.finished?.summary.wallMs ?? 0, thread: threadMs },
    checks: [check('the summary reached the thread', report.summaryPosted), ...thread.checks],
    notes: [
      `${calls} Slack calls; faults fired: ${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
      ...(unposted > 0 ? [`${unposted} results named in the summary as not posted`] : []),
      ...(thread.falselyUnposted.length > 0
        ? [
            `${thread.falselyUnposted.length} of them are in the thread all the same (Slack did the work, lost the answer)`,
          ]
        : []),
    ],
  };
}

function describe(which: SlackFaultCase, [low, high]: [number, number]): string {
  switch (which) {
    case '429 storm':
      return `429 on every call for ${high * 2.5} s (Retry-After ${high} s), then 15% (${low} s)`;
    case '5xx':
      return '500/502/503/504 on every 11th/13th/17th/19th call (~28%)';
    case 'dropped connections':
      return 'socket destroyed on every 5th call';
    case 'slow answers':
      return '2.5 s before 30%, 0.8 s after 50% of calls';
    case 'mixed':
      return `429 (${low} s) on 15% + 5xx ~28% + a drop every 10th + slow`;
    case 'answers lost':
      return 'work done, answer lost: 503 after every 7th, drop after every 9th call';
  }
}

/** A device takes about this long (connect, login, one command of 300 ms). */
const DEVICE_MS = 450;

function jobConcurrency(options: SlackFaultsOptions): number {
  return Math.max(1, Math.ceil((options.devices * DEVICE_MS) / (options.jobSeconds * 1000)));
}

export async function slackFaultsScenario(options: SlackFaultsOptions): Promise<ScenarioResult[]> {
  const cases = options.cases ?? [...SLACK_FAULT_CASES];
  const specs = labDeviceSpecs(options.devices, NETWORK_PLATFORMS);
  // Devices that take a moment each, so results arrive over several seconds, as on a real network.
  const remote: RemoteLab = await startRemoteLab({
    devices: specs,
    defaults: { latency: { commandMs: 300 } },
  });
  let lab: LabStack | undefined;
  try {
    lab = await startLabStack({
      lab: remote,
      inventory: remote.inventory,
      policyYaml: `roles:\n  engineers:\n    users: [${ALICE}]\n    run: {}\n`,
      standin: { channels: cases.map((_, i) => ({ id: channelFor(i), name: `reliability-${i + 1}` })) },
      runner: { globalConcurrency: 50, defaultJobConcurrency: jobConcurrency(options) },
    });
    options.progress?.(`slack faults: ${specs.length} lab devices up`);
    const devices = specs.map((s) => s.name);
    const results: ScenarioResult[] = [];
    for (const [i, which] of cases.entries()) results.push(await runCase(lab, which, i, options, devices));
    return results;
  } finally {
    await lab?.stop();
    await remote.stop();
  }
}
