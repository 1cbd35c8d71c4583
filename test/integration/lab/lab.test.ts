import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Lab, labDeviceSpecs, startLab } from '../../../src/lab/index.js';
import { connectClient, LabTerminal } from './lab-client.js';

/** The Lab object: session counters, inventory, known_hosts, start errors and stop. */
let lab: Lab;
const portOf = (name: string) => lab.devices.find((d) => d.name === name)?.port as number;

beforeAll(async () => {
  lab = await startLab({
    devices: [
      ...labDeviceSpecs(12),
      { name: 'tel-1', platform: 'cisco_ios', transport: 'telnet' },
      { name: 'old-1', platform: 'arista_eos', legacyOnly: true, fault: 'hang' },
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('concurrent sessions', () => {
  it('counts active, peak and total sessions per device and lab-wide', async () => {
    lab.resetStats();
    const a = portOf('ios-001');
    const b = portOf('eos-001');
    const clients = await Promise.all([
      ...Array.from({ length: 5 }, () => connectClient({ port: a })),
      ...Array.from({ length: 3 }, () => connectClient({ port: b })),
    ]);
    expect(lab.device('ios-001').stats()).toEqual({ activeSessions: 5, peakSessions: 5, totalSessions: 5 });
    expect(lab.device('eos-001').stats()).toEqual({ activeSessions: 3, peakSessions: 3, totalSessions: 3 });
    expect(lab.stats()).toEqual({ activeSessions: 8, peakSessions: 8, totalSessions: 8 });
    for (const c of clients.slice(0, 4)) c.end();
    await until(() => lab.stats().activeSessions === 4);
    expect(lab.device('ios-001').stats()).toEqual({ activeSessions: 1, peakSessions: 5, totalSessions: 5 });
    const again = await connectClient({ port: a });
    expect(lab.stats()).toEqual({ activeSessions: 5, peakSessions: 8, totalSessions: 9 });
    lab.resetStats();
    expect(lab.stats()).toEqual({ activeSessions: 5, peakSessions: 5, totalSessions: 0 });
    for (const c of [...clients.slice(4), again]) c.end();
    await until(() => lab.stats().activeSessions === 0);
    expect(lab.device('ios-001').stats().activeSessions).toBe(0);
  });
});

describe('inventoryYaml', () => {
  it('is YAML with a group per platform, the role groups, and every host on its port', () => {
    const inv = parse(lab.inventoryYaml()) as {
      defaults: Record<string, unknown> & { connection: Record<string, unknown> };
      groups: Record<string, { platform?: string; data?: { role?: string } }>;
      hosts: Record<
        string,
        { address: string; port: number; groups: string[]; transport?: string; connection?: object }
      >;
    };
    expect(Object.keys(inv.groups)).toEqual([
      'cisco_ios',
      'cisco_nxos',
      'cisco_xr',
      'arista_eos',
      'juniper_junos',
      'linux',
      'core-routers',
      'edge-switches',
    ]);
    expect(inv.groups.cisco_xr?.platform).toBe('cisco_xr');
    expect(inv.groups['core-routers']?.data?.role).toBe('core');
    expect(inv.defaults.password).toBe(`\${env:NETRUN_LAB_PASSWORD}`);
    expect(inv.defaults.enable_secret).toBe(`\${env:NETRUN_LAB_ENABLE}`);
    expect(inv.defaults.connection.host_key_check).toBe('off');
    expect(Object.keys(inv.hosts)).toHaveLength(14);
    expect(inv.hosts['xr-001']).toMatchObject({
      address: '127.0.0.1',
      port: portOf('xr-001'),
      groups: ['cisco_xr', 'core-routers'],
    });
    expect(inv.hosts['linux-001']?.groups).toEqual(['linux']);
    expect(inv.hosts['tel-1']?.transport).toBe('telnet');
    expect(inv.hosts['old-1']?.connection).toEqual({ legacy_algorithms: true });
    const literal = parse(lab.inventoryYaml({ literalCredentials: true })) as {
      defaults: { password: string };
    };
    expect(literal.defaults.password).toBe('netrun-lab');
  });

  it('knownHosts lists the SSH devices with their usual keys', () => {
    const lines = lab.knownHosts().trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe(
      `[127.0.0.1]:${portOf('ios-001')} ${lab.devices[0]?.hostKey.knownHostsLine.split(' ').slice(1).join(' ')}`,
    );
    expect(lab.knownHosts()).toMatch(new RegExp(`\\[127\\.0\\.0\\.1\\]:${portOf('old-1')} ssh-rsa `));
  });
});

describe('start and stop', () => {
  it('rejects unknown platforms, duplicate names and ports in use, naming them', async () => {
    await expect(startLab({ devices: [{ name: 'x', platform: 'vax_vms' }] })).rejects.toThrow(
      /no personality "vax_vms" \(known: cisco_ios, /,
    );
    await expect(
      startLab({
        devices: [
          { name: 'x', platform: 'linux' },
          { name: 'x', platform: 'linux' },
        ],
      }),
    ).rejects.toThrow(/"x" is used twice/);
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const taken = (holder.address() as { port: number }).port;
    try {
      await expect(startLab({ devices: [{ name: 'busy', platform: 'linux', port: taken }] })).rejects.toThrow(
        `lab device busy: port ${taken} on 127.0.0.1 is already in use`,
      );
    } finally {
      holder.close();
    }
  });

  it('stop() ends open sessions and frees the ports', async () => {
    const small = await startLab({ devices: [{ name: 's1', platform: 'cisco_ios' }] });
    const port = small.devices[0]?.port as number;
    const t = await LabTerminal.open({ port });
    await t.readUntil(/s1>$/);
    await small.stop();
    await until(() => t.closed);
    await expect(connectClient({ port })).rejects.toThrow(/ECONNREFUSED/);
    await small.stop();
  });
});
