/**
 * Scenario 1, the device fault matrix: every lab fault kind mixed into one job with healthy devices,
 * once as `/netrun show version` and once as an approved config push, both through the real Slack
 * flow. Each device must be reported with its fault's code, healthy devices must be unaffected, the
 * job must end within its host timeout plus a second, and the thread must carry every device once.
 */
import type { HostResult, JobSummary } from '../../src/engine/index.js';
import type { ErrorCode } from '../../src/errors.js';
import type { LabFault } from '../../src/lab/index.js';
import type { JobRecord } from '../../src/slack/index.js';
import { approvePush, requestPush } from '../support/push-flow.js';
import { type RemoteLab, startRemoteLab } from '../support/remote-lab.js';
import { jobFinished, type LabStack, startLabStack, threadOf } from '../support/slack-stack.js';
import {
  editFleetInventory,
  expectedReasons,
  type FaultFleet,
  faultFleet,
  LOGIN_FAULTS,
  PUSH_EXPECTED,
  RUN_EXPECTED,
  TIMEOUTS,
} from './fault-fleet.js';
import { threadChecks } from './thread-checks.js';
import { ackFigures, type Check, check, few, type Progress, type ScenarioResult } from './types.js';

export const CHANNEL = 'C0NETOPS01';
export const ALICE = 'U0ALICE001';
export const BOB = 'U0BOB00001';

/** alice runs read-only commands and requests pushes; bob approves them. */
export const POLICY = `roles:
  engineers:
    users: [${ALICE}]
    run: {}
    push: { targets: ['*'] }
  approvers:
    users: [${BOB}]
    approve: { targets: ['*'] }
`;

export interface DeviceFaultsOptions {
  /** Devices in the job (long: 200, fast: 60). */
  devices: number;
  /** Devices per fault kind (long: 10, fast: 2). */
  perFault: number;
  progress?: Progress;
}

/** The job's wall time may not pass the longest host timeout by more than this. */
const OVERRUN_MS = 1_000;

function reasonsOf(summary: JobSummary): Record<string, string[]> {
  return Object.fromEntries(summary.byReason.map((r) => [r.code, [...r.hosts].sort()]));
}

function diffReasons(actual: Record<string, string[]>, expected: Record<string, string[]>): string {
  const codes = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  const wrong = codes.flatMap((code) => {
    const a = actual[code] ?? [];
    const e = expected[code] ?? [];
    const extra = a.filter((h) => !e.includes(h));
    const missing = e.filter((h) => !a.includes(h));
    if (extra.length + missing.length === 0) return [];
    return [`${code}: unexpected ${few(extra, 4) || '-'}; missing ${few(missing, 4) || '-'}`];
  });
  return wrong.join(' | ');
}

async function waitForJob(lab: LabStack, id: string, timeoutMs: number): Promise<JobRecord> {
  const { stack } = lab;
  return stack.standin.waitFor(() => stack.bot.jobs.get(id), { timeoutMs, description: `job ${id}` });
}

/** Checks shared by run and push: reasons, healthy devices, the time bound. */
function jobChecks(
  fleet: FaultFleet,
  devices: readonly string[],
  summary: JobSummary,
  expected: Record<LabFault, ErrorCode | 'ok'>,
): Check[] {
  const want = expectedReasons(fleet, devices, expected);
  const diff = diffReasons(reasonsOf(summary), want);
  const limitMs = TIMEOUTS.hostSec * 1000 + OVERRUN_MS;
  return [
    check('each device counted under its fault’s error code (byReason exactly)', diff === '', diff),
    check(
      'the job ended within its host timeout + 1 s',
      summary.wallMs <= limitMs,
      `${summary.wallMs} ms (limit ${limitMs} ms)`,
    ),
  ];
}

/** What each personality's `show version` says, so a device's output is known to be its own kind. */
const VERSION_MARKER: Record<string, (name: string) => string> = {
  cisco_ios: () => 'Cisco IOS XE Software',
  cisco_nxos: () => 'Cisco Nexus Operating System',
  cisco_xr: () => 'Cisco IOS XR Software',
  arista_eos: () => 'Arista',
  juniper_junos: (name) => `Hostname: ${name}`,
};

function cleanOutputChecks(fleet: FaultFleet, results: readonly HostResult[]): Check[] {
  const byHost = new Map(results.map((r) => [r.host, r]));
  const sick = fleet.healthy.filter((name) => {
    const r = byHost.get(name);
    const marker = r && VERSION_MARKER[r.platform]?.(name);
    return r?.status !== 'ok' || marker === undefined || !r.outputs[0]?.output.includes(marker);
  });
  const awkward = [...fleet.faultOf].filter(([, f]) => RUN_EXPECTED[f] === 'ok').map(([name]) => name);
  const dirty = awkward.filter((name) => {
    const out = byHost.get(name)?.outputs[0]?.output ?? '';
    return out.length < 50 || /\x1b|--More--|\r/.test(out);
  });
  return [
    check('healthy devices unaffected: ok, with their own output', sick.length === 0, few(sick)),
    check(
      'trickle, garbage, pager and 10 MB output end ok with clean output',
      dirty.length === 0,
      few(dirty),
    ),
  ];
}

async function runMatrix(lab: LabStack, fleet: FaultFleet, progress: Progress): Promise<ScenarioResult> {
  const { stack } = lab;
  const started = Date.now();
  const answer = await stack.driver.slashCommand({
    text: 'show version matrix',
    user_id: ALICE,
    channel_id: CHANNEL,
  });
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list().at(-1), { timeoutMs: 10_000 });
  const { summary, report } = await jobFinished(record, 180_000);
  const threadMs = Date.now() - started;
  progress(`device faults · run: job ${summary.wallMs} ms, thread complete after ${threadMs} ms`);
  const results = record.job.results();
  const thread = threadChecks(threadOf(stack.standin, CHANNEL, report.parentTs!), fleet.runGroup, {
    results,
    expectAllPosted: true,
  });
  return {
    name: 'device faults · run via Slack',
    devices: fleet.runGroup.length,
    faults: `${fleet.faultOf.size / 12} × 12 fault kinds + 1 host timeout`,
    faultsInjected: fleet.faultOf.size + 1,
    lost: thread.lost.length,
    duplicates: thread.duplicateEntries,
    ack: ackFigures([answer.ackMs]),
    times: { job: summary.wallMs, thread: threadMs },
    checks: [
      check(
        'the command was acked within 3 s',
        answer.status === 200 && answer.ackMs < 3_000,
        `${answer.ackMs.toFixed(0)} ms`,
      ),
      ...jobChecks(fleet, fleet.runGroup, summary, RUN_EXPECTED),
      ...cleanOutputChecks(fleet, results),
      ...thread.checks,
    ],
    notes: [],
  };
}

/** Devices that logged in hold the line once; the others never saw it. */
async function pushedConfigChecks(lab: RemoteLab, fleet: FaultFleet, line: string): Promise<Check[]> {
  const blocked = new Set(LOGIN_FAULTS);
  const missing: string[] = [];
  const touched: string[] = [];
  const twice: string[] = [];
  await Promise.all(
    fleet.pushGroup.map(async (name) => {
      const fault = fleet.faultOf.get(name);
      const [config, commands] = await Promise.all([lab.runningConfig(name), lab.commands(name)]);
      const typed = commands.filter((c) => c.trim() === line).length;
      if (typed > 1) twice.push(name);
      if (fault && blocked.has(fault)) {
        if (typed > 0 || config.includes(line)) touched.push(name);
      } else if (!config.includes(line)) missing.push(name);
    }),
  );
  return [
    check('every device that could log in holds the pushed line', missing.length === 0, few(missing)),
    check('devices whose fault prevents login are unchanged', touched.length === 0, few(touched)),
    check('the line was typed at most once per device', twice.length === 0, few(twice)),
  ];
}

async function pushMatrix(
  lab: LabStack,
  remote: RemoteLab,
  fleet: FaultFleet,
  progress: Progress,
): Promise<ScenarioResult> {
  const { stack } = lab;
  const line = `ntp server 192.0.2.${(Date.now() % 200) + 20}`;
  const deps = {
    driver: stack.driver,
    standin: stack.standin,
    approvals: () => stack.store.approvals.list({ limit: 1_000 }),
  };
  const asked = Date.now();
  const { approval, ackMs } = await requestPush(deps, {
    requester: ALICE,
    channel: CHANNEL,
    target: 'matrix-push',
    lines: [line],
    canary: 0,
    stopAfterFailures: 10_000,
  });
  progress(`device faults · push: dry run done after ${Date.now() - asked} ms; approving`);
  const approvedAt = Date.now();
  await approvePush(deps, approval, BOB);
  const jobId = await stack.standin.waitFor(() => stack.store.approvals.get(approval.id)?.jobId, {
    timeoutMs: 10_000,
  });
  const record = await waitForJob(lab, jobId, 10_000);
  const { summary } = await jobFinished(record, 180_000);
  const threadMs = Date.now() - approvedAt;
  progress(`device faults · push: job ${summary.wallMs} ms, thread complete after ${threadMs} ms`);
  const thread = threadChecks(threadOf(stack.standin, CHANNEL, approval.messageTs!), fleet.pushGroup, {
    results: record.job.results(),
    expectAllPosted: true,
  });
  const pushFaults = fleet.pushGroup.filter((name) => fleet.faultOf.has(name)).length;
  return {
    name: 'device faults · push via Slack',
    devices: fleet.pushGroup.length,
    faults: `${fleet.faultOf.size / 12} × 12 fault kinds`,
    faultsInjected: pushFaults,
    lost: thread.lost.length,
    duplicates: thread.duplicateEntries,
    ack: ackFigures([ackMs]),
    times: { 'dry run': approvedAt - asked, job: summary.wallMs, thread: threadMs },
    checks: [
      ...jobChecks(fleet, fleet.pushGroup, summary, PUSH_EXPECTED),
      ...(await pushedConfigChecks(remote, fleet, line)),
      ...thread.checks,
    ],
    notes: [],
  };
}

export async function deviceFaultsScenario(options: DeviceFaultsOptions): Promise<ScenarioResult[]> {
  const progress = options.progress ?? (() => undefined);
  const fleet = faultFleet(options.devices, options.perFault);
  const remote = await startRemoteLab({ devices: fleet.specs });
  let lab: LabStack | undefined;
  try {
    editFleetInventory(remote.inventory, fleet);
    const jobCap = fleet.specs.length + 10;
    lab = await startLabStack({
      lab: remote,
      inventory: remote.inventory,
      policyYaml: POLICY,
      // Every device at once: the time bound is one host timeout, not several waves of them.
      runner: { globalConcurrency: jobCap, defaultJobConcurrency: jobCap },
    });
    progress(`device faults: ${fleet.specs.length} lab devices up (${fleet.faultOf.size + 1} with a fault)`);
    const run = await runMatrix(lab, fleet, progress);
    const push = await pushMatrix(lab, remote, fleet, progress);
    return [run, push];
  } finally {
    await lab?.stop();
    await remote.stop();
  }
}
