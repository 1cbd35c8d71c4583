/**
 * Scenario 3, kill -9: a real `netrun start` process runs a job (a command, or an approved push),
 * is killed at a random moment (seeded, so a run can be repeated), and a new process starts on the
 * same database. Nothing may be lost — every device is in the thread or named by the recovery
 * notice as finished or not finished — and no push line may reach a device twice, even when the
 * old Approve button is clicked again.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LAB_ENV } from '../../src/lab/index.js';
import {
  createSlackDriver,
  type SlackDriver,
  type SlackStandin,
  seededRandom,
  startSlackStandin,
} from '../../src/lab/slack/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type BotProcess, startBotProcess } from '../support/bot-process.js';
import { approvePush, type PushFlowDeps, requestPush } from '../support/push-flow.js';
import { inventoryText, type RemoteLab, startRemoteLab } from '../support/remote-lab.js';
import { threadOf } from '../support/slack-stack.js';
import { ALICE, BOB, CHANNEL, POLICY } from './device-faults.js';
import { PUSH_PLATFORMS } from './fault-fleet.js';
import { threadChecks } from './thread-checks.js';
import { type Check, check, few, type Progress, type ScenarioResult } from './types.js';

export interface RestartsOptions {
  devices: number;
  /** Kill rounds; they alternate run, push, run, … */
  rounds: number;
  seed: number;
  /** Kills land uniformly in this long a window after the job started. */
  windowMs: number;
  progress?: Progress;
}

const SIGNING_SECRET = 'reliability-signing-secret';

interface Env {
  lab: RemoteLab;
  standin: SlackStandin;
  env: Record<string, string>;
  dir: string;
  db?: Store;
}

interface Round {
  kind: 'run' | 'push';
  jobId: string;
  /** Where the job's thread is (the parent, or the approval message for a push). */
  threadTs: string;
  killedAfterMs: number;
  /** Devices with a recorded result when the process died. */
  doneAtKill: number;
  line?: string;
}

async function setUp(options: RestartsOptions): Promise<Env> {
  const specs = Array.from({ length: options.devices }, (_, i) => ({
    name: `rst-${String(i + 1).padStart(3, '0')}`,
    platform: PUSH_PLATFORMS[i % PUSH_PLATFORMS.length] as string,
    // Devices that take from a fraction of a second to a few seconds: a kill finds some done, some not.
    latency: { commandMs: 150 + ((i * 397) % 2_400) },
  }));
  const lab = await startRemoteLab({ devices: specs });
  const standin = await startSlackStandin({
    users: [
      { id: ALICE, name: 'alice' },
      { id: BOB, name: 'bob' },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'netrun-restarts-'));
  lab.inventory.groups.rs = { description: 'the restart scenario’s devices' };
  for (const host of Object.values(lab.inventory.hosts)) host.groups.push('rs');
  await writeFile(join(dir, 'inventory.yaml'), inventoryText(lab.inventory));
  await writeFile(join(dir, 'policy.yaml'), POLICY);
  const env = {
    ...LAB_ENV,
    SLACK_BOT_TOKEN: standin.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standin.apiUrl,
    PORT: '0',
    NETRUN_HTTP_HOST: '127.0.0.1',
    NETRUN_INVENTORY: join(dir, 'inventory.yaml'),
    NETRUN_POLICY: join(dir, 'policy.yaml'),
    NETRUN_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETRUN_DB: join(dir, 'netrun.db'),
    NETRUN_JOB_CONCURRENCY: '20',
  };
  return { lab, standin, env, dir };
}

function driverFor(env: Env, port: number): SlackDriver {
  return createSlackDriver({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    standin: env.standin,
  });
}

async function startBot(env: Env): Promise<{ bot: BotProcess; driver: SlackDriver }> {
  const bot = startBotProcess(env.env);
  const port = await bot.ready;
  env.db ??= openStore(env.env.NETRUN_DB as string, { mustExist: true });
  return { bot, driver: driverFor(env, port) };
}

function text(message: { text: string; blocks?: unknown }): string {
  return JSON.stringify(message.blocks ?? message.text);
}

async function startRun(env: Env, driver: SlackDriver): Promise<Omit<Round, 'killedAfterMs' | 'doneAtKill'>> {
  const before = env.standin.channel(CHANNEL).length;
  await driver.slashCommand({ text: 'show version rs', user_id: ALICE, channel_id: CHANNEL });
  const parent = await env.standin.waitFor(
    () =>
      env.standin
        .channel(CHANNEL)
        .slice(before)
        .find((m) => /job `[0-9a-f]+`/.test(text(m))),
    { timeoutMs: 15_000, description: 'the job’s parent message' },
  );
  const jobId = /job `([0-9a-f]+)`/.exec(text(parent))?.[1] as string;
  return { kind: 'run', jobId, threadTs: parent.ts };
}

async function startPush(env: Env, driver: SlackDriver, round: number) {
  const line = `ntp server 198.51.100.${round + 10}`;
  const deps: PushFlowDeps = {
    driver,
    standin: env.standin,
    approvals: () => env.db!.approvals.list({ limit: 1_000 }),
  };
  const { approval } = await requestPush(deps, {
    requester: ALICE,
    channel: CHANNEL,
    target: 'rs',
    lines: [line],
    canary: 0,
    stopAfterFailures: 10_000,
  });
  await approvePush(deps, approval, BOB);
  const jobId = await env.standin.waitFor(() => env.db!.approvals.get(approval.id)?.jobId, {
    timeoutMs: 10_000,
    description: 'the push job to start',
  });
  return { kind: 'push' as const, jobId, threadTs: approval.messageTs!, line, approvalId: approval.id };
}

/** After the restart: the notice, and (for a command) the parent finished by recovery. */
async function recovered(env: Env, round: Round): Promise<boolean> {
  const status = env.db!.jobs.get(round.jobId)?.status;
  if (status === 'done') return false;
  await env.standin.waitFor(
    () =>
      env.standin
        .thread(CHANNEL, round.threadTs)
        .some((m) => /stopped unexpectedly while job|This push was interrupted/.test(text(m))),
    { timeoutMs: 60_000, description: `the recovery notice of job ${round.jobId}` },
  );
  if (round.kind === 'run') {
    await env.standin.waitFor(
      () => text(env.standin.message(CHANNEL, round.threadTs)!).includes('netrun restarted'),
      {
        timeoutMs: 30_000,
        description: 'the parent message finished by recovery',
      },
    );
  }
  return true;
}

async function pushLineChecks(
  env: Env,
  round: Round & { approvalId?: string },
  driver: SlackDriver,
): Promise<Check[]> {
  // The old message's Approve button, clicked again after the restart, must not run the push again.
  const approval = env.db!.approvals.get(round.approvalId!);
  if (approval) await approvePush({ driver, standin: env.standin, approvals: () => [] }, approval, BOB);
  await sleep(1_500);
  const twice: string[] = [];
  await Promise.all(
    env.lab.devices.map(async (d) => {
      const typed = (await env.lab.commands(d.name)).filter((c) => c.trim() === round.line).length;
      if (typed > 1) twice.push(`${d.name}×${typed}`);
    }),
  );
  return [
    check('no push line typed twice on any device (across both processes)', twice.length === 0, few(twice)),
  ];
}

export async function restartsScenario(options: RestartsOptions): Promise<ScenarioResult[]> {
  const random = seededRandom(options.seed);
  const env = await setUp(options);
  const rows = new Map<'run' | 'push', ScenarioResult>();
  let current: { bot: BotProcess; driver: SlackDriver } | undefined;
  try {
    current = await startBot(env);
    for (let round = 0; round < options.rounds; round += 1) {
      const kind = round % 2 === 0 ? 'run' : 'push';
      const started =
        kind === 'run' ? await startRun(env, current.driver) : await startPush(env, current.driver, round);
      const killedAfterMs = Math.round(random() * options.windowMs);
      await sleep(killedAfterMs);
      const doneAtKill = env.db!.jobs.results(started.jobId).length;
      current.bot.kill('SIGKILL');
      await current.bot.exited;
      const restartAt = Date.now();
      current = await startBot(env);
      const state: Round & { approvalId?: string } = { ...started, killedAfterMs, doneAtKill };
      const told = await recovered(env, state);
      const recoveryMs = Date.now() - restartAt;
      options.progress?.(
        `restarts · round ${round + 1} (${kind}): killed after ${killedAfterMs} ms with ${doneAtKill}/${options.devices} devices done; ` +
          `${told ? `recovery told the thread in ${recoveryMs} ms` : 'the job had finished'}`,
      );
      const extra = kind === 'push' ? await pushLineChecks(env, state, current.driver) : [];
      merge(rows, kind, roundResult(env, state, told, recoveryMs, extra), options.devices);
    }
    return [...rows.values()];
  } finally {
    await current?.bot.stop();
    env.db?.close();
    await env.standin.close();
    await env.lab.stop();
    await rm(env.dir, { recursive: true, force: true });
  }
}

function roundResult(env: Env, round: Round, told: boolean, recoveryMs: number, extra: Check[]) {
  const devices = env.lab.devices.map((d) => d.name);
  const thread = threadChecks(threadOf(env.standin, CHANNEL, round.threadTs), devices, {
    ambiguousAnswers: true,
  });
  // An interrupted thread ends with the recovery notice instead of a summary.
  const checks = thread.checks.filter((c) => (told ? !c.name.startsWith('the summary') : true));
  const label = `round at ${round.killedAfterMs} ms (${round.doneAtKill} done)`;
  return {
    lost: thread.lost.length,
    duplicates: thread.duplicateEntries,
    recoveryMs: told ? recoveryMs : undefined,
    checks: [...checks, ...extra].map((c) => ({ ...c, name: `${c.name} — ${label}` })),
    note: `${label}: ${told ? `recovered in ${recoveryMs} ms` : 'finished before the kill'}`,
  };
}

function merge(
  rows: Map<'run' | 'push', ScenarioResult>,
  kind: 'run' | 'push',
  round: ReturnType<typeof roundResult>,
  devices: number,
): void {
  const row = rows.get(kind) ?? {
    name: `restarts · kill -9 during ${kind === 'run' ? 'commands' : 'pushes'}`,
    devices,
    faults: 'kill -9 at a seeded random moment',
    faultsInjected: 0,
    lost: 0,
    duplicates: 0,
    times: {},
    checks: [],
    notes: [],
  };
  row.faultsInjected += 1;
  row.lost += round.lost;
  row.duplicates += round.duplicates;
  row.checks.push(...round.checks);
  row.notes.push(round.note);
  if (round.recoveryMs !== undefined)
    row.times['recovery (max)'] = Math.max(row.times['recovery (max)'] ?? 0, round.recoveryMs);
  rows.set(kind, row);
}
