import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { type CapturedIo, captureIo } from '../../helpers/capture-io.js';
import { type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * `netrun run` in-process (`main(argv, io)` with captured streams) on a lab. The first device in
 * the inventory is the slowest, so completion order and inventory order differ.
 */

const FLEET = [
  { name: 'r1-slow', platform: 'cisco_ios', latency: { commandMs: 400 }, marker: 'Cisco IOS XE Software' },
  { name: 'r2-eos', platform: 'arista_eos', marker: 'Arista' },
  { name: 'r3-junos', platform: 'juniper_junos', marker: 'Hostname: r3-junos' },
  { name: 'r4-nxos', platform: 'cisco_nxos', marker: 'Device name: r4-nxos' },
];
const FLEET_NAMES = FLEET.map((device) => device.name);
const BAD = 'r5-bad';
const HEADER = /^== (\S+) · (ok|FAILED|TIMEOUT|CANCELLED) · ([\d.]+ m?s|not started) ==$/;

let fixture: LabFixture;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [
      ...FLEET.map(({ marker: _marker, ...spec }) => spec),
      { name: BAD, platform: 'cisco_ios', fault: 'auth-reject' },
    ],
    edit: (inventory) => {
      inventory.groups.fleet = { description: 'the healthy devices' };
      for (const name of FLEET_NAMES) (inventory.hosts[name]!.groups as string[]).push('fleet');
    },
  });
});

afterAll(async () => {
  await fixture?.stop();
});

async function run(argv: string[], env = fixture.env): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env);
  const code = await main(argv, captured.io);
  return { ...captured, code };
}

function headers(text: string): string[] {
  return text.split('\n').filter((line) => HEADER.test(line));
}

function hostOrder(text: string): string[] {
  return headers(text).map((line) => HEADER.exec(line)![1]!);
}

function parseNdjson(text: string): Record<string, unknown>[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('netrun run: text output', () => {
  it('prints one header and its output per device, then the summary, and exits 0 when all are ok', async () => {
    const { code, stdout, stderr } = await run(['run', 'show version', 'fleet']);
    expect(stderr()).toBe('');
    expect(code).toBe(0);
    const text = stdout();
    expect(hostOrder(text).sort()).toEqual([...FLEET_NAMES].sort());
    for (const line of headers(text)) expect(line).toMatch(/ · ok · /);
    // Each device's output sits under its own header, before the next header.
    const blocks = text.split(/^(?=== )/m);
    for (const { name, marker } of FLEET) {
      const block = blocks.find((b) => b.startsWith(`== ${name} `));
      expect(block, name).toContain(marker);
    }
    const summary = text.slice(text.indexOf('\n== summary ==\n'));
    expect(text.indexOf('\n== summary ==\n')).toBeGreaterThan(text.lastIndexOf('\n== r'));
    expect(summary).toMatch(/^devices +4 total · 4 ok$/m);
    expect(summary).toMatch(/^wall time +[\d.]+ m?s \(device time summed/m);
    expect(summary).toMatch(/^device time +p50 .* · p95 .* · max /m);
    expect(summary).toMatch(/^concurrency +20 configured, 4 peak$/m);
    expect(summary).not.toMatch(/not ok/);
  });

  it('shows a failed device with its code and hint, counts it in the summary, and exits 1', async () => {
    const { code, stdout, stderr } = await run(['run', 'show version', 'all', '--concurrency', '2']);
    expect(stderr()).toBe('');
    expect(code).toBe(1);
    const text = stdout();
    expect(hostOrder(text).sort()).toEqual([...FLEET_NAMES, BAD].sort());
    const bad = text.split(/^(?=== )/m).find((block) => block.startsWith(`== ${BAD} `));
    expect(bad).toMatch(
      new RegExp(
        `^== ${BAD} · FAILED · [\\d.]+ m?s ==\\nerror AUTH_FAILED: ${BAD} .*\\n  → check the username`,
      ),
    );
    expect(text).toMatch(/^devices +5 total · 4 ok · 1 failed$/m);
    expect(text).toMatch(/^concurrency +2 configured, 2 peak$/m);
    expect(text).toMatch(new RegExp(`^not ok +1 +authentication failed \\(AUTH_FAILED\\): ${BAD}$`, 'm'));
  });

  it('--order inventory prints in inventory order; the default prints as devices finish', async () => {
    const inOrder = await run(['run', 'show version', 'fleet', '--order', 'inventory']);
    expect(inOrder.code).toBe(0);
    expect(hostOrder(inOrder.stdout())).toEqual(FLEET_NAMES);

    const asDone = await run(['run', 'show version', 'fleet']);
    expect(asDone.code).toBe(0);
    // The slow first device finishes (and so prints) last.
    expect(hostOrder(asDone.stdout()).at(-1)).toBe('r1-slow');
  });

  it('--timeout ends a slow device as TIMEOUT and exits 1', async () => {
    const { code, stdout } = await run(['run', 'show version', 'r1-slow,r2-eos', '--timeout', '0.25']);
    expect(code).toBe(1);
    expect(stdout()).toMatch(
      /^== r1-slow · TIMEOUT · [\d.]+ m?s ==\nerror HOST_TIMEOUT: r1-slow did not finish within its host timeout of 250 ms$/m,
    );
    expect(stdout()).toMatch(/^== r2-eos · ok · /m);
  });
});

describe('netrun run: interrupted before any device started', () => {
  it('cancels every device without contacting one, still prints the summary, and exits 1', async () => {
    fixture.lab.resetStats();
    const captured = captureIo(fixture.env);
    captured.interrupt();
    const code = await main(['run', 'show version', 'fleet'], captured.io);
    expect(code).toBe(1);
    const text = captured.stdout();
    expect(headers(text)).toHaveLength(4);
    for (const line of headers(text)) expect(line).toMatch(/ · CANCELLED · not started ==$/);
    expect(text).toMatch(/^devices +4 total · 0 ok · 4 cancelled$/m);
    expect(fixture.lab.stats().totalSessions).toBe(0);
  });
});

describe('netrun run --json', () => {
  it('prints NDJSON on stdout only: one object per device, the summary last', async () => {
    const { code, stdout, stderr } = await run(['run', 'show version', 'all', '--json']);
    expect(code).toBe(1);
    expect(stderr()).toBe('');
    const records = parseNdjson(stdout());
    expect(records).toHaveLength(6);
    const hosts = records.slice(0, -1);
    const summary = records.at(-1)!;
    for (const record of hosts) {
      expect(record).toMatchObject({ type: 'host', status: expect.any(String), timings: expect.any(Object) });
      expect(Object.keys(record.timings as object).sort()).toEqual([
        'commandMs',
        'connectMs',
        'queuedMs',
        'totalMs',
      ]);
    }
    expect(hosts.map((record) => record.host).sort()).toEqual([...FLEET_NAMES, BAD].sort());
    expect(hosts.find((record) => record.host === BAD)).toMatchObject({
      status: 'failed',
      error: { code: 'AUTH_FAILED' },
      outputs: [],
    });
    const ok = hosts.find((record) => record.host === 'r3-junos') as {
      outputs: { command: string; output: string }[];
    };
    expect(ok.outputs).toEqual([
      { command: 'show version', output: expect.stringContaining('Hostname: r3-junos') },
    ]);
    expect(summary).toMatchObject({
      type: 'summary',
      total: 5,
      ok: 4,
      notOk: 1,
      byReason: [{ code: 'AUTH_FAILED', count: 1, hosts: [BAD] }],
    });
  });

  it('--json with --order inventory keeps inventory order', async () => {
    const { code, stdout } = await run(['run', 'show version', 'fleet', '--json', '--order', 'inventory']);
    expect(code).toBe(0);
    const records = parseNdjson(stdout());
    expect(records.slice(0, -1).map((record) => record.host)).toEqual(FLEET_NAMES);
    expect(records.at(-1)?.type).toBe('summary');
  });
});

describe('netrun run: progress bar', () => {
  it('goes to stderr when it is a terminal, and never into stdout', async () => {
    const captured = captureIo(fixture.env, { stderrIsTTY: true });
    const code = await main(['run', 'show version', 'fleet'], captured.io);
    expect(code).toBe(0);
    expect(captured.stderr()).toMatch(/\d\/4 devices · 0 not ok/);
    expect(captured.stdout()).not.toMatch(/\x1b|devices ·/);
    expect(hostOrder(captured.stdout())).toHaveLength(4);
  });
});

describe('netrun run: usage and configuration errors exit 2, say why on stderr, print nothing on stdout', () => {
  it.each([
    ['no target', ['run', 'show version'], /takes a command and a target \(got 1 argument/],
    [
      'too many arguments',
      ['run', 'show', 'version', 'fleet'],
      /takes a command and a target \(got 3 argument/,
    ],
    [
      'an unknown option',
      ['run', 'show version', 'fleet', '--bogus'],
      /Unknown option '--bogus'[\s\S]*netrun run --help/,
    ],
    [
      'a bad --concurrency',
      ['run', 'show version', 'fleet', '-c', '0'],
      /--concurrency must be a whole number from 1 to 10000 \(got "0"\)/,
    ],
    [
      'a bad --timeout',
      ['run', 'show version', 'fleet', '--timeout', 'soon'],
      /--timeout must be a number of seconds above 0/,
    ],
    [
      'a bad --order',
      ['run', 'show version', 'fleet', '--order', 'random'],
      /--order must be completion or inventory \(got "random"\)/,
    ],
    [
      'a command on two lines',
      ['run', 'show version\nreload', 'fleet'],
      /contains a newline or control character/,
    ],
    [
      'an unknown target',
      ['run', 'show version', 'r2-eso'],
      /unknown target "r2-eso" — did you mean "r2-eos"/,
    ],
    [
      'a target that selects nothing',
      ['run', 'show version', 'site=mars'],
      /target "site=mars" selects no devices/,
    ],
    [
      'a missing inventory',
      ['run', 'show version', 'fleet', '-i', '/nonexistent/inventory.yaml'],
      /cannot read the inventory file \/nonexistent\/inventory.yaml/,
    ],
    [
      'a bad inventory',
      ['run', 'show version', 'fleet', '--inventory', 'test/fixtures/inventory/unknown-key.yaml'],
      /unknown-key.yaml:3: defaults.conection: unknown key — did you mean "connection"\?/,
    ],
  ])('%s', async (_what, argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^netrun: /);
    expect(stderr()).not.toMatch(/^netrun: netrun \w+: /);
    expect(stderr()).toMatch(message);
    expect(code).toBe(2);
  });

  it('a bad setting in the environment names the variable', async () => {
    const { code, stdout, stderr } = await run(['run', 'show version', 'fleet'], {
      ...fixture.env,
      NETRUN_JOB_CONCURRENCY: 'lots',
    });
    expect(code).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/NETRUN_JOB_CONCURRENCY must be a whole number from 1 to 10000/);
  });

  it('an unset credential variable names the variable, never a value', async () => {
    const { NETRUN_LAB_PASSWORD: _unset, ...env } = fixture.env;
    const { code, stdout, stderr } = await run(['run', 'show version', 'fleet'], env);
    expect(code).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('NETRUN_LAB_PASSWORD');
    expect(stderr()).not.toContain(fixture.env.NETRUN_LAB_ENABLE);
  });

  it('`netrun` alone prints the help on stderr and exits 2; --help prints it on stdout and exits 0', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout()).toBe('');
    expect(bare.stderr()).toMatch(/Usage: netrun <command>/);
    const help = await run(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: netrun run "<command>" <target>/);
    expect(help.stderr()).toBe('');
  });
});
