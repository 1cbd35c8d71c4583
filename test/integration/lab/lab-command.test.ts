import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runLabCommand } from '../../../src/lab/index.js';
import { connectClient } from './lab-client.js';

/** `netrun lab` as the CLI runs it: arguments in, one ready line, files written, clean stop. */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netrun-lab-cmd-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out,
    err,
  };
}

async function untilReady(out: string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (out.length === 0) {
    if (Date.now() > deadline) throw new Error('lab never became ready');
    await new Promise((r) => setTimeout(r, 10));
  }
  return out.join('');
}

describe('runLabCommand', () => {
  it('runs the lab, writes the inventory and known_hosts, prints one line, stops on the signal', async () => {
    const { io, out, err } = capture();
    const controller = new AbortController();
    const inventory = join(dir, 'inv.yaml');
    const knownHosts = join(dir, 'known_hosts');
    const running = runLabCommand(
      [
        '--devices',
        '8',
        '--platforms',
        'cisco_ios,juniper_junos',
        '--port-base',
        '0',
        '--faults',
        'hang:1,refuse@ios-002',
        '--telnet',
        '1',
        '--latency-ms',
        '5',
        '--inventory-out',
        inventory,
        '--known-hosts-out',
        knownHosts,
      ],
      { ...io, signal: controller.signal },
    );
    const line = await untilReady(out);
    expect(line).toMatch(
      /^lab ready: 8 devices on 127\.0\.0\.1:\d+-\d+, inventory written to .*inv\.yaml\n$/,
    );
    const inv = parse(await readFile(inventory, 'utf8')) as {
      hosts: Record<string, { port: number; transport?: string; data: { lab_fault?: string } }>;
    };
    expect(Object.keys(inv.hosts)).toEqual([
      'ios-001',
      'junos-001',
      'ios-002',
      'junos-002',
      'ios-003',
      'junos-003',
      'ios-004',
      'junos-004',
    ]);
    expect(inv.hosts['junos-004']?.data.lab_fault).toBe('hang');
    expect(inv.hosts['ios-002']?.data.lab_fault).toBe('refuse');
    expect(inv.hosts['ios-004']?.transport).toBe('telnet');
    expect((await readFile(knownHosts, 'utf8')).trim().split('\n')).toHaveLength(7);
    const client = await connectClient({ port: inv.hosts['ios-001']?.port as number });
    client.end();
    await expect(connectClient({ port: inv.hosts['ios-002']?.port as number })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    controller.abort();
    expect(await running).toBe(0);
    expect(out).toHaveLength(1);
    expect(err).toEqual([]);
    await expect(connectClient({ port: inv.hosts['ios-001']?.port as number })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it.each([
    [[], /--devices N is required/],
    [['--devices', 'many'], /--devices must be a whole number from 1 to 10000 \(got "many"\)/],
    [['--devices', '3', '--platforms', 'cisco_ios,vax'], /--platforms: unknown "vax" \(known: cisco_ios, /],
    [['--devices', '3', '--faults', 'explode:1'], /--faults: "explode:1" names an unknown fault "explode"/],
    [['--devices', '2', '--faults', 'hang:3'], /asks for 3 faulty devices but the lab has only 2/],
    [['--devices', '3', '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with a clear message and exit code 2', async (argv, message) => {
    const { io, out, err } = capture();
    expect(await runLabCommand(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(message);
    expect(err.join('')).toContain('netrun lab --help');
  });

  it('--help prints the usage, the fault SPEC format and the platforms', async () => {
    const { io, out } = capture();
    expect(await runLabCommand(['--help'], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Usage: netrun lab --devices N');
    expect(text).toContain('FAULT:COUNT');
    expect(text).toMatch(/Platforms: cisco_ios, .*linux\./);
  });

  it('a port already in use fails with exit code 1 and says which', async () => {
    const { io: first, out } = capture();
    const controller = new AbortController();
    const inventory = join(dir, 'a.yaml');
    const running = runLabCommand(['--devices', '1', '--port-base', '0', '--inventory-out', inventory], {
      ...first,
      signal: controller.signal,
    });
    await untilReady(out);
    const port = Number(/:(\d+),/.exec(out.join(''))?.[1]);
    const second = capture();
    const code = await runLabCommand(
      ['--devices', '1', '--port-base', String(port), '--inventory-out', join(dir, 'b.yaml')],
      second.io,
    );
    expect(code).toBe(1);
    expect(second.err.join('')).toContain(`port ${port} on 127.0.0.1 is already in use`);
    controller.abort();
    expect(await running).toBe(0);
  });
});
