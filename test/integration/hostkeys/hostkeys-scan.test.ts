import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { type LabFixture, withLab } from '../../helpers/with-lab.js';

function capture(fixture: LabFixture, extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: { ...fixture.env, ...extraEnv },
    signal: new AbortController().signal,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const devices = [
  { name: 'r1', platform: 'cisco_ios' },
  { name: 'r2', platform: 'arista_eos' },
  { name: 'bad', platform: 'cisco_ios', fault: 'hostkey-change' as const },
];

describe('netrun hostkeys scan', () => {
  it('records unknown keys, then reports them known; a dry run changes nothing', async () => {
    await withLab({ devices: devices.slice(0, 2) }, async (fixture) => {
      const dry = capture(fixture);
      expect(await main(['hostkeys', 'scan', 'all', '--dry-run'], dry.io)).toBe(0);
      expect(dry.out()).toMatch(/^r1\s+ssh-ed25519 SHA256:\S+ new$/m);
      expect(await readFile(fixture.knownHostsPath, 'utf8')).toBe('');

      const first = capture(fixture);
      expect(await main(['hostkeys', 'scan', 'all'], first.io)).toBe(0);
      expect(first.out()).toMatch(/^r1\s+ssh-ed25519 SHA256:\S+ recorded$/m);
      const recorded = await readFile(fixture.knownHostsPath, 'utf8');
      for (const device of fixture.lab.devices) {
        expect(recorded).toContain(`[127.0.0.1]:${device.port} `);
        expect(first.out()).toContain(device.hostKey.fingerprint);
      }

      const second = capture(fixture);
      expect(await main(['hostkeys', 'scan', 'r1,r2'], second.io)).toBe(0);
      expect(second.out().match(/ known$/gm)).toHaveLength(2);
      expect(await readFile(fixture.knownHostsPath, 'utf8')).toBe(recorded);
    });
  });

  it('reports a changed key as a failure, never overwriting, and strict runs then refuse that device', async () => {
    await withLab({ devices }, async (fixture) => {
      await writeFile(fixture.knownHostsPath, fixture.lab.knownHosts());
      const before = await readFile(fixture.knownHostsPath, 'utf8');
      const scan = capture(fixture);
      expect(await main(['hostkeys', 'scan', 'all'], scan.io)).toBe(1);
      expect(scan.out()).toMatch(/^bad\s+HOSTKEY_MISMATCH: host key for bad .* has changed/m);
      expect(scan.out()).toMatch(/^r1\s+.* known$/m);
      expect(await readFile(fixture.knownHostsPath, 'utf8')).toBe(before);

      const run = capture(fixture, { NETRUN_HOST_KEY_CHECK: 'strict' });
      const strictInventory = await fixture.writeInventory('strict.yaml', (inventory) => {
        delete inventory.defaults.connection?.host_key_check;
      });
      expect(await main(['run', 'show clock', 'all', '-i', strictInventory, '--json'], run.io)).toBe(1);
      const lines = run
        .out()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const byHost = Object.fromEntries(lines.filter((l) => l.type === 'host').map((l) => [l.host, l]));
      expect(byHost.r1.status).toBe('ok');
      expect(byHost.bad.error.code).toBe('HOSTKEY_MISMATCH');
    });
  });

  it('says how to use it when the action is missing', async () => {
    await withLab({ devices: devices.slice(0, 1) }, async (fixture) => {
      const bad = capture(fixture);
      expect(await main(['hostkeys', 'all'], bad.io)).toBe(2);
      expect(bad.err()).toContain('netrun hostkeys takes `scan <target>`');
    });
  });
});
