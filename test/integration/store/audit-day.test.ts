import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../../src/cli/audit-command.js';
import type { CliIo } from '../../../src/cli/io.js';
import { isNetrunError } from '../../../src/errors.js';
import { type AuditInput, openStore } from '../../../src/store/index.js';
import { tempDir } from './temp-db.js';

const dir = tempDir();
const DB = dir.path('audit-day.db');
afterAll(() => dir.remove());

/** 18:00 UTC on the replayed day: `--since 24h` reaches back to 18:00 the day before. */
const NOW = Date.UTC(2025, 2, 11, 18, 0, 0);
const at = (hhmmss: string, day = 11) => Date.parse(`2025-03-${day}T${hhmmss}Z`);

/** What the Slack and CLI layers record during one working day (plus one entry from the evening before). */
const DAY: AuditInput[] = [
  {
    at: at('12:00:00', 10),
    actor: 'U_ALICE',
    action: 'request',
    channel: 'C_NETOPS',
    target: 'core',
    command: 'show clock',
    jobId: 'j0',
    outcome: 'accepted',
  },
  {
    at: at('08:02:00'),
    actor: 'U_ALICE',
    action: 'request',
    channel: 'C_NETOPS',
    target: 'core-routers',
    command: 'show version',
    jobId: 'j1',
    outcome: 'accepted',
  },
  {
    at: at('08:02:01'),
    actor: 'U_ALICE',
    action: 'job-start',
    channel: 'C_NETOPS',
    target: 'core-routers',
    command: 'show version',
    jobId: 'j1',
    details: { devices: 3 },
  },
  { at: at('08:02:03'), actor: 'U_ALICE', action: 'device', jobId: 'j1', host: 'r1', outcome: 'ok' },
  { at: at('08:02:04'), actor: 'U_ALICE', action: 'device', jobId: 'j1', host: 'r2', outcome: 'ok' },
  {
    at: at('08:02:11'),
    actor: 'U_ALICE',
    action: 'device',
    jobId: 'j1',
    host: 'r3',
    outcome: 'failed',
    reason: 'AUTH_FAILED: r3: authentication failed',
  },
  {
    at: at('08:02:11'),
    actor: 'U_ALICE',
    action: 'job-done',
    channel: 'C_NETOPS',
    jobId: 'j1',
    outcome: 'done',
    reason: '2 ok, 1 failed',
  },
  {
    at: at('09:15:30'),
    actor: 'U_MALLORY',
    action: 'refused',
    channel: 'C_NETOPS',
    target: 'core-routers',
    command: 'reload',
    outcome: 'refused',
    reason: 'missing permission: run "reload" on core-routers',
  },
  {
    at: at('09:40:00'),
    actor: 'U_ALICE',
    action: 'refused',
    channel: 'C_RANDOM',
    target: 'core-routers',
    command: 'show version',
    outcome: 'refused',
    reason: 'commands are not allowed in this channel',
  },
  {
    at: at('10:30:00'),
    actor: 'U_BOB',
    action: 'approval-request',
    channel: 'C_NETOPS',
    target: 'edge',
    approvalId: 'a1',
    outcome: 'pending',
    details: { lines: ['ntp server 192.0.2.1'], change: 2, compliant: 0 },
  },
  {
    at: at('10:31:00'),
    actor: 'U_BOB',
    action: 'refused',
    channel: 'C_NETOPS',
    target: 'edge',
    approvalId: 'a1',
    outcome: 'self-approval',
    reason: 'the requester cannot approve their own push',
  },
  {
    at: at('10:33:00'),
    actor: 'U_EVE',
    action: 'refused',
    channel: 'C_NETOPS',
    target: 'edge',
    approvalId: 'a1',
    outcome: 'not-approver',
    reason: 'missing permission: approve edge',
  },
  {
    at: at('10:35:00'),
    actor: 'U_CAROL',
    action: 'approve',
    channel: 'C_NETOPS',
    target: 'edge',
    approvalId: 'a1',
    outcome: 'approved',
  },
  {
    at: at('10:35:01'),
    actor: 'U_CAROL',
    action: 'job-start',
    channel: 'C_NETOPS',
    target: 'edge',
    approvalId: 'a1',
    jobId: 'j2',
  },
  {
    at: at('10:35:09'),
    actor: 'U_CAROL',
    action: 'device',
    approvalId: 'a1',
    jobId: 'j2',
    host: 'e1',
    outcome: 'ok',
    details: { applied: 1, saved: true },
  },
  {
    at: at('10:35:15'),
    actor: 'U_CAROL',
    action: 'device',
    approvalId: 'a1',
    jobId: 'j2',
    host: 'e2',
    outcome: 'ok',
    details: { applied: 1, saved: true },
  },
  {
    at: at('10:35:15'),
    actor: 'U_CAROL',
    action: 'job-done',
    channel: 'C_NETOPS',
    approvalId: 'a1',
    jobId: 'j2',
    outcome: 'done',
    reason: '2 ok',
  },
  {
    at: at('13:00:00'),
    actor: 'U_DAVE',
    action: 'approval-request',
    channel: 'C_NETOPS',
    target: 'dc1',
    approvalId: 'a2',
    outcome: 'pending',
  },
  {
    at: at('13:30:00'),
    actor: 'netrun',
    action: 'expire',
    channel: 'C_NETOPS',
    target: 'dc1',
    approvalId: 'a2',
    outcome: 'expired',
  },
  {
    at: at('15:10:00'),
    actor: 'cli:ops',
    action: 'request',
    target: 'lab',
    command: 'show ip route',
    jobId: 'j3',
    outcome: 'accepted',
  },
  {
    at: at('16:45:00'),
    actor: 'U_ALICE',
    action: 'request',
    channel: 'C_NETOPS',
    target: 'all',
    command: 'show tech-support',
    jobId: 'j4',
    outcome: 'accepted',
  },
  {
    at: at('16:46:10'),
    actor: 'U_ALICE',
    action: 'cancel',
    channel: 'C_NETOPS',
    jobId: 'j4',
    outcome: 'cancelled',
    reason: '12 of 40 devices done',
  },
];

function fakeIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: { NETRUN_DB: DB, ...env },
    signal: new AbortController().signal,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function auditJson(...argv: string[]) {
  const { io, stdout } = fakeIo();
  expect(await runAuditCommand(['--json', ...argv], io, { now: () => NOW })).toBe(0);
  const text = stdout();
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Recorded shuffled: the trail must come back by time whatever order writes landed in (ties: as written). */
const WRITE_ORDER = DAY.map((_, index) => index).sort((a, b) => ((a * 7) % 11) - ((b * 7) % 11) || a - b);

beforeAll(() => {
  const store = openStore(DB);
  for (const index of WRITE_ORDER) store.audit.record(DAY[index]!);
  store.close();
});

describe('netrun audit --json replays a day of actions', () => {
  it('returns the last 24 hours in time order, one object per line, as recorded', async () => {
    const lines = await auditJson('--since', '24h');
    expect(lines).toHaveLength(DAY.length - 1);
    const written = WRITE_ORDER.map((index) => DAY[index]!).filter((entry) => entry !== DAY[0]);
    const expected = written.sort((a, b) => a.at! - b.at!); // a stable sort keeps ties as written
    expect(lines.map((line) => [line.at, line.actor, line.action, line.host ?? null])).toEqual(
      expected.map((entry) => [
        new Date(entry.at!).toISOString(),
        entry.actor,
        entry.action,
        entry.host ?? null,
      ]),
    );
    const { id, ...first } = lines[0]!;
    expect(typeof id).toBe('number');
    expect(first).toEqual({
      at: '2025-03-11T08:02:00.000Z',
      actor: 'U_ALICE',
      action: 'request',
      channel: 'C_NETOPS',
      target: 'core-routers',
      command: 'show version',
      jobId: 'j1',
      outcome: 'accepted',
    });
  });

  it('shows every refusal with its reason', async () => {
    const refused = await auditJson('--since', '2025-03-11', '--action', 'refused');
    expect(refused.map((line) => [line.actor, line.outcome, line.reason])).toEqual([
      ['U_MALLORY', 'refused', 'missing permission: run "reload" on core-routers'],
      ['U_ALICE', 'refused', 'commands are not allowed in this channel'],
      ['U_BOB', 'self-approval', 'the requester cannot approve their own push'],
      ['U_EVE', 'not-approver', 'missing permission: approve edge'],
    ]);
  });

  it('follows one push from request to device outcomes by user', async () => {
    const bob = await auditJson('--since', '2025-03-11T10:00', '--user', 'U_BOB');
    expect(bob.map((line) => line.action)).toEqual(['approval-request', 'refused']);
    expect(bob[0]!.details).toEqual({ lines: ['ntp server 192.0.2.1'], change: 2, compliant: 0 });

    const carol = await auditJson('--user', 'U_CAROL', '--action', 'device');
    expect(carol).toMatchObject([
      { host: 'e1', jobId: 'j2', approvalId: 'a1', outcome: 'ok', details: { applied: 1, saved: true } },
      { host: 'e2', jobId: 'j2', approvalId: 'a1', outcome: 'ok' },
    ]);
  });

  it('takes several users and actions, a window, and a limit', async () => {
    const two = await auditJson('--user', 'U_DAVE,netrun', '--user', 'cli:ops');
    expect(two.map((line) => [line.actor, line.action])).toEqual([
      ['U_DAVE', 'approval-request'],
      ['netrun', 'expire'],
      ['cli:ops', 'request'],
    ]);
    const devices = await auditJson(
      '--action',
      'device',
      '--since',
      '2025-03-11T08:00',
      '--until',
      '2025-03-11T09:00',
    );
    expect(devices.map((line) => `${line.host}:${line.outcome}`)).toEqual(['r1:ok', 'r2:ok', 'r3:failed']);
    const lastTwo = await auditJson('--limit', '2');
    expect(lastTwo.map((line) => line.action)).toEqual(['request', 'cancel']);
    expect(await auditJson('--since', '30m')).toEqual([]);
  });

  it('prints the same day as an aligned table', async () => {
    const { io, stdout } = fakeIo();
    expect(
      await runAuditCommand(['--since', '24h', '--action', 'approve,expire'], io, { now: () => NOW }),
    ).toBe(0);
    const lines = stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^2025-03-11 10:35:00 {2}U_CAROL\s+approve\s+C_NETOPS\s+edge approval a1\s+approved$/,
    );
    expect(lines[2]).toMatch(
      /^2025-03-11 13:30:00 {2}netrun\s+expire\s+C_NETOPS\s+dc1 approval a2\s+expired$/,
    );
    expect(lines[1]!.indexOf('approve ')).toBe(lines[2]!.indexOf('expire '));
  });
});

describe('netrun audit: errors and pruning', () => {
  it('refuses bad arguments as usage errors', async () => {
    for (const argv of [['--since', 'yesterday'], ['--limit', '0'], ['extra'], ['--colour']]) {
      const { io } = fakeIo();
      const error = await runAuditCommand(argv, io, { now: () => NOW }).catch((e: unknown) => e);
      expect(isNetrunError(error, 'USAGE'), argv.join(' ')).toBe(true);
    }
  });

  it('says plainly that the database is missing and does not create one', async () => {
    const missing = dir.path('nowhere.db');
    const { io } = fakeIo();
    const error = await runAuditCommand(['--db', missing], io).catch((e: unknown) => e);
    expect(isNetrunError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toBe(`no netrun database at ${JSON.stringify(missing)}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('never deletes when reading; --prune applies the retention setting and says how many went', async () => {
    const { io, stderr } = fakeIo({ NETRUN_AUDIT_RETENTION_DAYS: '1' });
    await runAuditCommand(['--json'], io, { now: () => NOW });
    expect(stderr()).toBe('');
    expect(await auditJson()).toHaveLength(DAY.length);

    const pruning = fakeIo({ NETRUN_AUDIT_RETENTION_DAYS: '1' });
    expect(await runAuditCommand(['--prune', '--json'], pruning.io, { now: () => NOW })).toBe(0);
    expect(pruning.stderr()).toBe('netrun audit: pruned 1 entry older than 1 days\n');
    expect(await auditJson()).toHaveLength(DAY.length - 1);
  });

  it('prints its help', async () => {
    const { io, stdout } = fakeIo();
    expect(await runAuditCommand(['--help'], io)).toBe(0);
    expect(stdout()).toContain('Usage: netrun audit');
  });
});
