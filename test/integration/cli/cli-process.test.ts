import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliChild, killIfRunning, spawnCli } from '../../helpers/spawn-cli.js';
import { waitFor } from '../../helpers/wait-for.js';
import { type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * The real `netrun run` process: exit codes as a shell sees them, stdout kept clean for pipes, and
 * Ctrl-C (SIGINT) cancelling a slow job while still printing its summary. The lab runs in the test
 * process; the CLI reaches it over 127.0.0.1 with the inventory and credentials in its environment.
 */

const SLOW = ['slow-1', 'slow-2', 'slow-3', 'slow-4'];
const MID = ['mid-1', 'mid-2', 'mid-3', 'mid-4'];

let fixture: LabFixture;
let cli: CliChild | undefined;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [
      { name: 'c1-ios', platform: 'cisco_ios' },
      { name: 'c2-eos', platform: 'arista_eos' },
      { name: 'c3-bad', platform: 'cisco_ios', fault: 'auth-reject' },
      // Every line typed gets its answer after 20 s: these sessions are busy until cancelled.
      ...SLOW.map((name) => ({ name, platform: 'cisco_ios', latency: { commandMs: 20_000 } })),
      ...MID.map((name) => ({ name, platform: 'arista_eos', latency: { commandMs: 300 } })),
    ],
    edit: (inventory) => {
      inventory.groups.healthy = {};
      inventory.groups.slow = {};
      inventory.groups.mid = {};
      for (const name of MID) (inventory.hosts[name]!.groups as string[]).push('mid');
      for (const name of ['c1-ios', 'c2-eos']) (inventory.hosts[name]!.groups as string[]).push('healthy');
      for (const name of SLOW) (inventory.hosts[name]!.groups as string[]).push('slow');
    },
  });
});

afterEach(() => {
  killIfRunning(cli);
  cli = undefined;
});

afterAll(async () => {
  await fixture?.stop();
});

describe('netrun run as a process', () => {
  it('exits 0 when every device is ok; --json leaves nothing but NDJSON on stdout and nothing on stderr', async () => {
    cli = spawnCli(['run', 'show version', 'healthy', '--json'], fixture.env);
    const exit = await cli.exited;
    expect(cli.stderr()).toBe('');
    expect(exit).toEqual({ code: 0, signal: null });
    const lines = cli.stdout().split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((line) => JSON.parse(line) as { type: string; host?: string; status?: string });
    expect(records.map((record) => record.type)).toEqual(['host', 'host', 'summary']);
    expect(records.slice(0, 2).map((record) => [record.host, record.status])).toEqual(
      expect.arrayContaining([
        ['c1-ios', 'ok'],
        ['c2-eos', 'ok'],
      ]),
    );
  });

  it('exits 1 when a device fails, after printing every device and the summary', async () => {
    cli = spawnCli(
      ['run', 'show version', 'healthy,c3-bad', '--inventory', fixture.inventoryPath],
      fixture.env,
    );
    const exit = await cli.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    expect(cli.stdout()).toMatch(/^== c3-bad · FAILED · .*\nerror AUTH_FAILED: /m);
    expect(cli.stdout()).toMatch(/^== c1-ios · ok · /m);
    expect(cli.stdout()).toMatch(/\n== summary ==\ndevices +3 total · 2 ok · 1 failed\n/);
    expect(cli.stderr()).toBe('');
  });

  it('exits 2 for an unknown target, with the reason on stderr and nothing on stdout', async () => {
    cli = spawnCli(['run', 'show version', 'c1-iso'], fixture.env);
    const exit = await cli.exited;
    expect(exit).toEqual({ code: 2, signal: null });
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toMatch(/^netrun: unknown target "c1-iso" — did you mean "c1-ios"/);
  });

  it('Ctrl-C cancels: queued devices are never contacted, sessions close, the summary prints, exit 1', async () => {
    const { lab } = fixture;
    lab.resetStats();
    cli = spawnCli(['run', 'show version', 'slow', '--concurrency', '2'], fixture.env);
    await waitFor(() => lab.stats().activeSessions === 2, 15_000, 'the first two sessions to open');

    const interruptedAt = performance.now();
    cli.process.kill('SIGINT');
    const exit = await cli.exited;
    const exitMs = performance.now() - interruptedAt;
    const closedMs = await waitFor(() => lab.stats().activeSessions === 0, 1000, 'the sessions to close');
    console.log(
      `[ctrl-c] the CLI exited ${Math.round(exitMs)} ms after SIGINT (sessions closed by then +${Math.round(closedMs)} ms)`,
    );

    expect(exit).toEqual({ code: 1, signal: null });
    expect(exitMs).toBeLessThan(2000);
    expect(lab.stats().totalSessions).toBe(2);
    expect(cli.stderr()).toContain('SIGINT: cancelling');
    const stdout = cli.stdout();
    expect(stdout.match(/^== slow-\d · CANCELLED · [\d.]+ m?s ==$/gm)).toHaveLength(2);
    expect(stdout.match(/^== slow-\d · CANCELLED · not started ==$/gm)).toHaveLength(2);
    expect(stdout).toMatch(/error CANCELLED: cancelled while running: interrupted by SIGINT/);
    expect(stdout).toMatch(/error CANCELLED: cancelled before it started: interrupted by SIGINT/);
    expect(stdout).toMatch(/\n== summary ==\ndevices +4 total · 0 ok · 4 cancelled\n/);
  });

  it('a reader that goes away (`netrun run … | head`) stops the job quietly, without a stack trace', async () => {
    const { lab } = fixture;
    lab.resetStats();
    cli = spawnCli(['run', 'show version', 'healthy,mid', '--concurrency', '2'], fixture.env);
    const stdout = cli.process.stdout!;
    // Take the first block, then close the pipe as `head -1` does.
    await new Promise((resolve) => stdout.once('data', resolve));
    stdout.destroy();
    const exit = await cli.exited;

    expect(exit).toEqual({ code: 1, signal: null });
    expect(cli.stderr()).toBe('');
    await waitFor(() => lab.stats().activeSessions === 0, 1000, 'the sessions to close');
    // The devices still queued when the pipe broke were never contacted.
    expect(lab.stats().totalSessions).toBeLessThan(2 + MID.length);
  });
});
