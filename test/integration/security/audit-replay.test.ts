import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../src/cli/audit-command.js';
import type { Stack } from '../../../src/demo/index.js';
import { createLogger } from '../../../src/logger.js';
import { ACTION_IDS, BLOCK_IDS } from '../../../src/slack/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { captureIo } from '../../helpers/capture-io.js';
import { finishedJob, messageText, nextEphemeral } from '../slack/helpers.js';
import {
  ALICE,
  BOB,
  CAROL,
  CHANNEL,
  DAVE,
  ERIN,
  fourDevices,
  OTHER_CHANNEL,
  startSecurityStack,
} from './helpers.js';

/**
 * A day of actions through the real bot — accepted and refused slash commands, a job with a device
 * failure, a cancel refused and then done, a retry — read back with `netrun audit --json`.
 */
const dir = mkdtempSync(join(tmpdir(), 'netrun-audit-replay-'));
const DB = join(dir, 'netrun.db');
let store: Store;
let stack: Stack;
const jobIds: string[] = [];

async function slash(text: string, user: string, channel = CHANNEL) {
  await nextEphemeral(stack.standin, user, () =>
    stack.driver.slashCommand({ text, user_id: user, channel_id: channel }),
  );
}

async function job(text: string, index: number) {
  await stack.driver.slashCommand({ text, user_id: ALICE, channel_id: CHANNEL });
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[index]);
  jobIds[index] = record.id;
  return record;
}

beforeAll(async () => {
  store = openStore(DB);
  const devices = fourDevices().map((spec) => {
    if (spec.platform === 'arista_eos') return { ...spec, fault: 'auth-reject' as const };
    if (spec.platform === 'juniper_junos') return { ...spec, latency: { commandMs: 3_000 } };
    return spec;
  });
  stack = await startSecurityStack(devices, { store });

  await job('show version core-routers,ios-001', 0); // junos-001 is slow: still running
  const parentTs = await stack.bot.jobs.list()[0]!.reporter.parent;
  const cancel = (user: string) =>
    nextEphemeral(stack.standin, user, () =>
      stack.driver.click({
        action_id: ACTION_IDS.cancelJob,
        user,
        channel: CHANNEL,
        message_ts: parentTs,
        value: jobIds[0],
        block_id: BLOCK_IDS.jobActions,
      }),
    );
  await cancel(BOB);
  await cancel(ALICE);
  await finishedJob(stack, 0);

  await slash('show version core-routers', BOB);
  await slash('show clock edge-switches', CAROL);
  await slash('groups', ALICE, OTHER_CHANNEL);
  const invalid = await stack.driver.slashCommand({
    text: 'show version\nreload all',
    user_id: ALICE,
    channel_id: CHANNEL,
  });
  expect(invalid.status).toBe(200);
  await slash('help', ERIN);

  await job('show version edge-switches', 1);
  const failed = await finishedJob(stack, 1);
  stack.lab!.device('eos-001').setFault(undefined);
  const summary = stack.standin.thread(CHANNEL, failed.report.parentTs!).at(-1)!;
  expect(messageText(summary)).toContain('Retry failed');
  await stack.driver.click({
    action_id: ACTION_IDS.retryFailed,
    user: ALICE,
    channel: CHANNEL,
    message_ts: summary.ts,
  });
  const retry = await finishedJob(stack, 2);
  jobIds[2] = retry.record.id;
  await stack.bot.settled();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function auditJson(...argv: string[]): Promise<Record<string, unknown>[]> {
  const { io, stdout, stderr } = captureIo({ NETRUN_DB: DB });
  expect(await runAuditCommand(['--json', ...argv], io), stderr()).toBe(0);
  return stdout()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a day through the bot, read back with netrun audit --json', () => {
  it('has every request, decision, job and device, in time order', async () => {
    const all = await auditJson('--since', '1h');
    const times = all.map((entry) => Date.parse(entry.at as string));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const counts = new Map<string, number>();
    for (const entry of all)
      counts.set(entry.action as string, (counts.get(entry.action as string) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      request: 3, // two jobs and help; the third job is the retry
      cancel: 1,
      retry: 1,
      refused: 5,
      'job-start': 3,
      device: 3 + 2 + 1,
      'job-done': 3,
    });
  });

  it('shows each refusal with who, where, what, the reason and the missing permission', async () => {
    const refused = await auditJson('--action', 'refused');
    expect(
      refused.map((e) => [
        e.actor,
        e.channel,
        e.outcome,
        (e.details as Record<string, unknown>).missing ?? null,
      ]),
    ).toEqual([
      [BOB, CHANNEL, 'refused', 'admin'],
      [BOB, CHANNEL, 'refused', 'run'],
      [CAROL, CHANNEL, 'refused', 'run'],
      [ALICE, OTHER_CHANNEL, 'refused', 'channel'],
      [ALICE, CHANNEL, 'invalid', null],
    ]);
    expect(refused[0]).toMatchObject({ jobId: jobIds[0], details: { request: 'cancel', via: 'button' } });
    expect(refused[1]).toMatchObject({ command: 'show version', target: 'core-routers' });
    expect(refused[1]!.reason).toMatch(/^missing permission: run — You are not allowed to run commands/);
    expect(refused[2]!.reason).toContain('allow only `show version`');
    expect(refused[3]).toMatchObject({ details: { request: 'groups', via: 'slash' } });
    expect(refused[4]).toMatchObject({
      command: 'show version\nreload all',
      details: { problem: 'control-character' },
    });
  });

  it('follows the cancelled job: request, start, the cancel refused then done, devices, end', async () => {
    const trail = (await auditJson('--since', '1h')).filter((e) => e.jobId === jobIds[0]);
    expect(trail.map((e) => [e.actor, e.action, e.outcome ?? null])).toEqual([
      [ALICE, 'request', 'accepted'],
      [ALICE, 'job-start', null],
      ...trail.slice(2, -1).map((e) => [e.actor, e.action, e.outcome ?? null]),
      [ALICE, 'job-done', 'cancelled'],
    ]);
    const middle = trail.slice(2, -1).map((e) => `${e.actor}:${e.action}:${e.host ?? e.outcome}`);
    expect(middle).toEqual(
      expect.arrayContaining([
        `${BOB}:refused:refused`,
        `${ALICE}:cancel:cancelled`,
        `${ALICE}:device:ios-001`,
      ]),
    );
    const junos = trail.find((e) => e.host === 'junos-001');
    expect(junos).toMatchObject({ outcome: 'cancelled', reason: expect.stringMatching(/^CANCELLED: /) });
    expect(trail.at(-1)!.reason).toMatch(/cancelled/);
  });

  it('records the device failure with its error code, and the retry that fixed it', async () => {
    const devices = await auditJson('--action', 'device', '--user', ALICE);
    const failedJob = devices.filter((e) => e.jobId === jobIds[1]);
    expect(failedJob.map((e) => `${e.host}:${e.outcome}`).sort()).toEqual(['eos-001:failed', 'ios-001:ok']);
    const eos = failedJob.find((e) => e.host === 'eos-001')!;
    expect(eos.reason).toMatch(/^AUTH_FAILED: /);
    expect(eos.details).toMatchObject({ errorCode: 'AUTH_FAILED', platform: 'arista_eos' });

    const [retry] = await auditJson('--action', 'retry');
    expect(retry).toMatchObject({
      actor: ALICE,
      jobId: jobIds[2],
      outcome: 'retried',
      details: { retryOf: jobIds[1] },
    });
    const retried = devices.filter((e) => e.jobId === jobIds[2]);
    expect(retried.map((e) => `${e.host}:${e.outcome}`)).toEqual(['eos-001:ok']);
    const done = (await auditJson('--action', 'job-done')).map((e) => [e.jobId, e.reason]);
    expect(done).toContainEqual([jobIds[1], '1 ok, 1 failed']);
    expect(done).toContainEqual([jobIds[2], '1 ok']);
  });

  it('filters by user: what erin and dave did today', async () => {
    expect(
      (await auditJson('--user', ERIN)).map((e) => [
        e.action,
        (e.details as Record<string, unknown>).request,
      ]),
    ).toEqual([['request', 'help']]);
    expect(await auditJson('--user', DAVE)).toEqual([]);
  });

  it('prints the same trail as a table', async () => {
    const { io, stdout } = captureIo({ NETRUN_DB: DB });
    expect(await runAuditCommand(['--action', 'refused,cancel'], io)).toBe(0);
    const lines = stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines.find((line) => line.includes(OTHER_CHANNEL))).toContain('missing permission: channel');
    // The newline of the refused command is shown escaped, not obeyed by the terminal.
    expect(stdout()).toContain(String.raw`"show version\nreload all"`);
  });
});

describe('when the audit trail cannot be written', () => {
  let broken: Stack;
  const logged: string[] = [];

  beforeAll(async () => {
    const real = openStore(':memory:');
    const failing: Store = {
      ...real,
      audit: {
        ...real.audit,
        record: () => {
          throw new Error('SQLITE_FULL: database or disk is full');
        },
      },
      close: () => real.close(),
    };
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    broken = await startSecurityStack(fourDevices().slice(0, 2), {
      store: failing,
      logger: createLogger({ level: 'error', destination }),
    });
  });

  afterAll(async () => {
    await broken?.stop();
  });

  it('the bot goes on: commands are answered, jobs run, refusals are given, and the log says what was lost', async () => {
    const refusal = await nextEphemeral(broken.standin, BOB, () =>
      broken.driver.slashCommand({ text: 'show version all', user_id: BOB, channel_id: CHANNEL }),
    );
    expect(refusal).toContain('You are not allowed to run commands');
    await broken.driver.slashCommand({ text: 'show version all', user_id: ALICE, channel_id: CHANNEL });
    const { report } = await finishedJob(broken, 0);
    expect(report.summary).toMatchObject({ total: 2, ok: 2 });
    const errors = logged
      .join('')
      .split('\n')
      .filter((line) => line.includes('could not write the audit trail'));
    // The refusal, the request, job-start, two devices, job-done.
    expect(errors.length).toBeGreaterThanOrEqual(6);
    expect(errors.some((line) => line.includes('SQLITE_FULL'))).toBe(true);
  });
});
