/**
 * Scenario 4, load: a team of users each run a command on their own devices at the same moment,
 * beside one job on the whole fleet. Every slash command must be acked within Slack's 3 s, every
 * job must finish with every device ok and a complete thread, and the small jobs must not queue
 * behind the big one: the fair scheduler gives each job its turn, so a small job beside the big job
 * should take about what it takes when the users run alone.
 *
 * On one lab, in order: the big job alone (a reference, and every device has had a session before
 * anything is compared), the users alone (the baseline), then the big job again with the users
 * firing once it runs at its cap.
 */
import type { JobSummary } from '../../src/engine/index.js';
import type { JobRecord, ThreadReport } from '../../src/slack/index.js';
import {
  BIG_CHANNEL,
  BIG_GROUP,
  BIG_USER,
  editLoadInventory,
  type FairShare,
  fairShare,
  heldWhileOthersWaited,
  type LoadFleet,
  loadFleet,
  loadPolicy,
  predictedBesideMs,
} from '../support/load-helpers.js';
import { type RemoteLab, startRemoteLab } from '../support/remote-lab.js';
import { jobFinished, type LabStack, startLabStack, threadOf } from '../support/slack-stack.js';
import { type ThreadVerdict, threadChecks } from './thread-checks.js';
import {
  ackFigures,
  type Check,
  check,
  few,
  type Progress,
  percentileMs,
  poll,
  type ScenarioResult,
} from './types.js';

export interface LoadOptions {
  /** Users firing at once (long: 50, fast: 6). */
  users: number;
  /**
   * Devices in each user's job (long: 20, fast: 20). Enough that small jobs still wait for slots
   * once the big job's running devices finish, or the big job's share cannot be measured.
   */
  devicesPerUser: number;
  /** Devices in the big job, the whole lab (long: 1,000, fast: 200). */
  bigJobDevices: number;
  progress?: Progress;
}

/** The product's runner defaults: the figures are about netrun as shipped. */
const GLOBAL_CAP = 50;
const JOB_CAP = 20;
const ACK_LIMIT_MS = 3_000;
/** Devices answer each command after this long, so jobs take real time. */
const COMMAND_MS = 200;
/** From this many devices the lab runs in two processes (one is CPU-bound on a small machine). */
const SPLIT_AT = 500;
/** Measured beside the big job, a small job may take this many times its fair-share prediction. */
const STARVE_FACTOR = 2;

interface Ack {
  user: string;
  status: number;
  ackMs: number;
}

interface Outcome {
  user: string;
  record: JobRecord;
  summary: JobSummary;
  report: ThreadReport;
  /** When its last device finished (epoch ms). */
  endAt: number;
  /** When its summary reply reached the thread (epoch ms, from the message's ts). */
  summaryAt: number;
  thread: ThreadVerdict;
}

function jobOf(lab: LabStack, user: string, after: ReadonlySet<string>): JobRecord | undefined {
  return lab.stack.bot.jobs.list().find((r) => r.header.requester === user && !after.has(r.id));
}

function jobIds(lab: LabStack): Set<string> {
  return new Set(lab.stack.bot.jobs.list().map((r) => r.id));
}

interface Fired {
  ack: Ack;
  record: JobRecord;
}

/** `/netrun show version <group>` as `who`; its job record once the bot started it. */
async function fire(
  lab: LabStack,
  who: { id: string; channel: string; group: string },
  before: ReadonlySet<string>,
): Promise<Fired> {
  const answer = await lab.stack.driver.slashCommand({
    text: `show version ${who.group}`,
    user_id: who.id,
    channel_id: who.channel,
  });
  const record = await poll(() => jobOf(lab, who.id, before), 10_000, `load scenario: ${who.id}'s job`);
  return { ack: { user: who.id, status: answer.status, ackMs: answer.ackMs }, record };
}

/** Every user's slash command in the same instant. */
function fireAll(lab: LabStack, fleet: LoadFleet): Promise<Fired[]> {
  const before = jobIds(lab);
  return Promise.all(fleet.users.map((u) => fire(lab, u, before)));
}

/** The big job's command. */
function fireBig(lab: LabStack): Promise<Fired> {
  return fire(lab, { id: BIG_USER, channel: BIG_CHANNEL, group: BIG_GROUP }, jobIds(lab));
}

async function settle(lab: LabStack, record: JobRecord, timeoutMs: number): Promise<Outcome> {
  const { summary, report } = await jobFinished(record, timeoutMs);
  const results = record.job.results();
  const endAt = Math.max(0, ...results.map((r) => r.finishedAt));
  const thread = threadChecks(
    threadOf(lab.stack.standin, record.channel, report.parentTs ?? ''),
    record.job.hosts,
    { results, expectAllPosted: true },
  );
  const last = report.parentTs ? lab.stack.standin.thread(record.channel, report.parentTs).at(-1) : undefined;
  const summaryAt = last ? Number(last.ts) * 1000 : Number.NaN;
  return { user: record.header.requester, record, summary, report, endAt, summaryAt, thread };
}

function settleAll(lab: LabStack, fired: readonly Fired[], timeoutMs: number): Promise<Outcome[]> {
  return Promise.all(fired.map((f) => settle(lab, f.record, timeoutMs)));
}

/** The big job, once it runs at its cap: its thread started and a first wave of devices done. */
async function startBigJob(lab: LabStack, timeoutMs: number): Promise<Fired> {
  const big = await fireBig(lab);
  await big.record.reporter.parent;
  const wave = () => (big.record.job.results().length >= JOB_CAP ? true : undefined);
  await poll(wave, timeoutMs, 'load scenario: the big job’s first wave');
  return big;
}

function ackCheck(acks: readonly Ack[]): Check {
  const slow = acks.filter((a) => a.status !== 200 || a.ackMs >= ACK_LIMIT_MS);
  const worst = Math.max(0, ...acks.map((a) => a.ackMs));
  return check(
    `every slash command answered 200 within 3 s (${acks.length})`,
    slow.length === 0,
    slow.length === 0
      ? `slowest ${worst.toFixed(0)} ms`
      : few(slow.map((a) => `${a.user}: ${a.status} after ${a.ackMs.toFixed(0)} ms`)),
  );
}

function completeCheck(outcomes: readonly Outcome[]): Check {
  const bad = outcomes.filter(
    (o) => o.summary.ok !== o.record.job.hosts.length || o.summary.total !== o.record.job.hosts.length,
  );
  const detail = bad.map(
    (o) =>
      `${o.user}: ${o.summary.ok}/${o.summary.total} ok (${o.summary.byReason.map((r) => `${r.code} ${r.count}`).join(', ')})`,
  );
  return check(
    `every job done with all its devices ok (${outcomes.length} jobs)`,
    bad.length === 0,
    few(detail, 4),
  );
}

/** Each thread invariant once, held by every job's thread; a failure names the jobs. */
function threadInvariants(outcomes: readonly Outcome[]): Check[] {
  const byName = new Map<string, string[]>();
  for (const o of outcomes) {
    for (const c of o.thread.checks) {
      const failing = byName.get(c.name) ?? [];
      if (!c.ok) failing.push(`${o.user}: ${c.detail ?? ''}`);
      byName.set(c.name, failing);
    }
  }
  return [...byName].map(([name, failing]) =>
    check(`every thread: ${name}`, failing.length === 0, few(failing, 3)),
  );
}

interface Figures {
  soloWalls: number[];
  besideWalls: number[];
  deviceMs: number;
  fair: FairShare;
  predictedMs: number;
  /** The big job's devices in flight, on average, while small jobs had devices waiting (see heldWhileOthersWaited). */
  bigShare: number | undefined;
}

function figures(run: Run, users: number, devicesPerUser: number): Figures {
  const soloWalls = run.solo.out.map((o) => o.summary.wallMs);
  const besideWalls = run.beside.out.map((o) => o.summary.wallMs);
  const deviceMs = percentileMs(
    run.solo.out.map((o) => o.summary.p50Ms ?? 0),
    50,
  );
  const fair = fairShare(GLOBAL_CAP, JOB_CAP, users, devicesPerUser);
  return {
    soloWalls,
    besideWalls,
    deviceMs,
    fair,
    predictedMs: predictedBesideMs(percentileMs(soloWalls, 99), fair, deviceMs),
    bigShare: heldWhileOthersWaited(
      run.big.out.record.job.results(),
      run.fired,
      run.beside.out.map((o) => o.record.job.results()),
    ),
  };
}

function fairnessChecks(f: Figures, beside: readonly Outcome[], big: Outcome): Check[] {
  const p99 = percentileMs(f.besideWalls, 99);
  const limit = STARVE_FACTOR * f.predictedMs;
  const late = beside.filter((o) => o.endAt > big.endAt).map((o) => o.user);
  return [
    check(
      `small jobs not starved: p99 wall beside the big job ≤ ${STARVE_FACTOR} × fair-share prediction`,
      p99 <= limit,
      `${p99} ms (limit ${Math.round(limit)} ms; solo p99 ${percentileMs(f.soloWalls, 99)} ms)`,
    ),
    check('every small job finished before the big job', late.length === 0, few(late)),
    giveWayCheck(f),
  ];
}

/**
 * The mechanism behind "not starved": with the per-job cap below the bot-wide one, walls alone barely
 * tell a fair scheduler from one that lets the big job keep its cap, so measure the big job's share.
 */
function giveWayCheck(f: Figures): Check {
  const limit = (f.fair.besideShare + JOB_CAP) / 2;
  const name = `the big job gave way: while small jobs waited it held ≤ ${limit.toFixed(1)} slots on average (midway between fair share and its cap)`;
  if (f.bigShare === undefined)
    return check(
      name,
      false,
      'not measured: every small device had started before the big job’s running devices finished — give each user more devices',
    );
  return check(
    name,
    f.bigShare <= limit,
    `${f.bigShare.toFixed(1)} slots (fair share ${f.fair.besideShare.toFixed(1)})`,
  );
}

function notes(lab: LabStack, fleet: LoadFleet, f: Figures, run: Run): string[] {
  const limits = lab.stack.standin.options.limits;
  const besideAcks = ackFigures(run.beside.acks.map((a) => a.ackMs));
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
  const big = run.big.out;
  return [
    `runner caps: the product defaults, ${GLOBAL_CAP} devices bot-wide and ${JOB_CAP} per job`,
    `Slack limits ${limits.enforce ? 'on' : 'off'}: chat.postMessage ${limits.postMessagePerChannel.perSecond}/s per channel ` +
      `(burst ${limits.postMessagePerChannel.burst}), chat.update ${Math.round(limits.updatePerWorkspace.perSecond * 60)}/min ` +
      `per workspace (burst ${limits.updatePerWorkspace.burst}); ${fleet.users.length} users over ${fleet.channels.length - 1} ` +
      'channels, the big job in its own',
    `lab: ${fleet.specs.length} devices, ${COMMAND_MS} ms per command; device p50 ${f.deviceMs} ms (users alone)`,
    `acks beside the big job: p50 ${besideAcks.p50Ms.toFixed(0)} ms, p99 ${besideAcks.p99Ms.toFixed(0)} ms`,
    `fair share of a small job: ${f.fair.soloShare.toFixed(2)} slots alone, ${f.fair.besideShare.toFixed(2)} beside ` +
      `the big job → predicted p99 beside ${Math.round(f.predictedMs)} ms`,
    `small job wall beside ÷ alone: p50 ${ratio(percentileMs(f.besideWalls, 50), percentileMs(f.soloWalls, 50))}, ` +
      `p99 ${ratio(percentileMs(f.besideWalls, 99), percentileMs(f.soloWalls, 99))}`,
    `big job: ${run.big.doneAtFire} of ${big.record.job.hosts.length} devices done when the users fired; ` +
      `peak ${big.summary.concurrency.peak} devices at once; beside ÷ alone ${ratio(big.summary.wallMs, run.alone.out.summary.wallMs)}`,
    '"small summary p99": command → summary reply in the thread; "threads done" also waits for every parent’s ' +
      'final chat.update, which netrun spaces out to stay within the workspace budget',
  ];
}

interface Run {
  /** The big job alone first: every lab device has had a session before anything is timed against it. */
  alone: { ack: Ack; out: Outcome };
  solo: { acks: Ack[]; out: Outcome[] };
  beside: { acks: Ack[]; out: Outcome[] };
  big: { ack: Ack; out: Outcome; doneAtFire: number };
  /** When the users fired beside the big job (epoch ms). */
  fired: number;
  /** From then until every thread was finished, parents updated included. */
  threadsMs: number;
}

/** The big job alone; resolves once its devices are done (its thread finishes later, in its own channel). */
async function runAlone(lab: LabStack, timeoutMs: number) {
  const { ack, record } = await fireBig(lab);
  const out = settle(lab, record, timeoutMs);
  out.catch(() => undefined);
  return { ack, out, summary: await record.job.done };
}

async function runPhases(lab: LabStack, fleet: LoadFleet, options: LoadOptions): Promise<Run> {
  const progress = options.progress ?? (() => undefined);
  const timeoutMs = 60_000 + options.bigJobDevices * 600;
  const alone = await runAlone(lab, timeoutMs);
  progress(`load: big job alone done in ${alone.summary.wallMs} ms`);
  const solo = await fireAll(lab, fleet);
  const soloOut = await settleAll(lab, solo, timeoutMs);
  progress(
    `load: users alone done, small job p99 ${percentileMs(
      soloOut.map((o) => o.summary.wallMs),
      99,
    )} ms`,
  );
  const big = await startBigJob(lab, timeoutMs);
  const doneAtFire = big.record.job.results().length;
  const fired = Date.now();
  const beside = await fireAll(lab, fleet);
  const [besideOut, bigOut] = await Promise.all([
    settleAll(lab, beside, timeoutMs),
    settle(lab, big.record, timeoutMs),
  ]);
  const threadsMs = Date.now() - fired;
  progress(
    `load: beside the big job done, big job ${bigOut.summary.wallMs} ms, threads done after ${threadsMs} ms`,
  );
  return {
    alone: { ack: alone.ack, out: await alone.out },
    solo: { acks: solo.map((f) => f.ack), out: soloOut },
    beside: { acks: beside.map((f) => f.ack), out: besideOut },
    big: { ack: big.ack, out: bigOut, doneAtFire },
    fired,
    threadsMs,
  };
}

function resultOf(lab: LabStack, fleet: LoadFleet, options: LoadOptions, run: Run): ScenarioResult {
  const { users, devicesPerUser, bigJobDevices } = options;
  const all = [run.alone.out, ...run.solo.out, ...run.beside.out, run.big.out];
  const f = figures(run, users, devicesPerUser);
  const acks = [run.alone.ack, ...run.solo.acks, run.big.ack, ...run.beside.acks];
  const summaries = run.beside.out.map((o) => Math.round(o.summaryAt - run.fired));
  return {
    name: `load · ${users} users × ${devicesPerUser} devices beside a ${bigJobDevices.toLocaleString('en-US')}-device job`,
    devices: fleet.specs.length,
    faults: `${users} commands at once (${devicesPerUser} devices each) beside a ${bigJobDevices}-device job`,
    faultsInjected: users + 1,
    lost: all.reduce((n, o) => n + o.thread.lost.length, 0),
    duplicates: all.reduce((n, o) => n + o.thread.duplicateEntries, 0),
    ack: ackFigures(acks.map((a) => a.ackMs)),
    times: {
      'small job p50': percentileMs(f.besideWalls, 50),
      'small job p99': percentileMs(f.besideWalls, 99),
      'small job solo p50': percentileMs(f.soloWalls, 50),
      'small job solo p99': percentileMs(f.soloWalls, 99),
      'small summary p99': percentileMs(summaries, 99),
      'big job': run.big.out.summary.wallMs,
      'big job alone': run.alone.out.summary.wallMs,
      'threads done': run.threadsMs,
    },
    checks: [
      ackCheck(acks),
      completeCheck(all),
      ...threadInvariants(all),
      ...fairnessChecks(f, run.beside.out, run.big.out),
    ],
    notes: notes(lab, fleet, f, run),
  };
}

export async function loadScenario(options: LoadOptions): Promise<ScenarioResult[]> {
  const fleet = loadFleet(options.users, options.devicesPerUser, options.bigJobDevices);
  const remote: RemoteLab = await startRemoteLab({
    devices: fleet.specs,
    processes: fleet.specs.length >= SPLIT_AT ? 2 : 1,
    defaults: { latency: { commandMs: COMMAND_MS } },
  });
  let lab: LabStack | undefined;
  try {
    editLoadInventory(remote.inventory, fleet);
    lab = await startLabStack({
      lab: remote,
      inventory: remote.inventory,
      policyYaml: loadPolicy(fleet),
      // Slack's real limits stay on (the stand-in's defaults): channels and users are all it needs.
      standin: {
        channels: fleet.channels,
        users: [{ id: BIG_USER, name: 'load-ops' }, ...fleet.users.map((u) => ({ id: u.id, name: u.name }))],
      },
      runner: { globalConcurrency: GLOBAL_CAP, defaultJobConcurrency: JOB_CAP },
    });
    options.progress?.(`load: ${fleet.specs.length} lab devices up in ${remote.pids.length} process(es)`);
    return [resultOf(lab, fleet, options, await runPhases(lab, fleet, options))];
  } finally {
    await lab?.stop();
    await remote.stop();
  }
}
