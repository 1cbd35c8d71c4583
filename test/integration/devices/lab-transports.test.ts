import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { openSession } from '../../../src/devices/session.js';
import { acceptAnyHostKey, createKnownHostsVerifier } from '../../../src/devices/transport/host-keys.js';
import { scanHostKey } from '../../../src/devices/transport/scan.js';
import type { Host } from '../../../src/inventory/types.js';
import { LAB_CREDENTIALS, type Lab, startLab } from '../../../src/lab/index.js';
import { failureOf } from './hosts.js';
import { byName, labHost } from './lab-fixture.js';

let lab: Lab;
let platforms: PlatformRegistry;
let dir: string;

beforeAll(async () => {
  platforms = await loadPlatformRegistry();
  dir = await mkdtemp(join(tmpdir(), 'netrun-transport-'));
  lab = await startLab({
    devices: [
      { name: 'bastion', platform: 'linux' },
      { name: 'ios-behind', platform: 'cisco_ios' },
      { name: 'ios-telnet', platform: 'cisco_ios', transport: 'telnet' },
      { name: 'nxos-telnet', platform: 'cisco_nxos', transport: 'telnet' },
      { name: 'junos-telnet', platform: 'juniper_junos', transport: 'telnet' },
      { name: 'ios-old', platform: 'cisco_ios', legacyOnly: true },
      { name: 'eos-keys', platform: 'arista_eos' },
      ...Array.from({ length: 12 }, (_, i) => ({ name: `many-${i}`, platform: 'arista_eos' })),
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
  await rm(dir, { recursive: true, force: true });
});

const deps = () => ({ platforms, hostKeys: acceptAnyHostKey });
const withCheck = (h: Host, hostKeyCheck: Host['connection']['hostKeyCheck']): Host => ({
  ...h,
  connection: { ...h.connection, hostKeyCheck },
});

describe('jump host', () => {
  it('reaches a device through the lab linux device (direct-tcpip)', async () => {
    const bastion = byName(lab.devices, 'bastion');
    const target = labHost(byName(lab.devices, 'ios-behind'));
    const before = lab.device('bastion').stats().totalSessions;
    const session = await openSession(
      {
        ...target,
        jumpHost: {
          name: 'bastion',
          address: bastion.address,
          port: bastion.port,
          credentials: { username: LAB_CREDENTIALS.username, password: LAB_CREDENTIALS.password },
          connectTimeoutMs: 2000,
          legacyAlgorithms: false,
        },
      },
      deps(),
    );
    try {
      expect((await session.run('show version')).output).toMatch(/Cisco IOS XE Software/);
      expect(lab.device('bastion').stats().totalSessions).toBe(before + 1);
    } finally {
      await session.close();
    }
  });

  it('carries a telnet session through the jump host too', async () => {
    const bastion = byName(lab.devices, 'bastion');
    const session = await openSession(
      {
        ...labHost(byName(lab.devices, 'ios-telnet')),
        jumpHost: {
          name: 'bastion',
          address: bastion.address,
          port: bastion.port,
          credentials: { username: LAB_CREDENTIALS.username, password: LAB_CREDENTIALS.password },
          connectTimeoutMs: 2000,
          legacyAlgorithms: false,
        },
      },
      deps(),
    );
    try {
      expect((await session.run('show version')).output).toMatch(/Cisco IOS XE Software/);
    } finally {
      await session.close();
    }
  });

  it('a refused port behind the jump host is CONNECT_REFUSED naming the jump host', async () => {
    const bastion = byName(lab.devices, 'bastion');
    const target = { ...labHost(byName(lab.devices, 'ios-behind')), port: 1 };
    const error = await failureOf(
      openSession(
        {
          ...target,
          jumpHost: {
            name: 'bastion',
            address: bastion.address,
            port: bastion.port,
            credentials: { username: LAB_CREDENTIALS.username, password: LAB_CREDENTIALS.password },
            connectTimeoutMs: 2000,
            legacyAlgorithms: false,
          },
        },
        deps(),
      ),
    );
    expect(error.code).toMatch(/CONNECT_REFUSED|CONNECT_FAILED/);
    expect(error.message).toContain('bastion');
  });
});

describe('telnet', () => {
  for (const name of ['ios-telnet', 'nxos-telnet', 'junos-telnet']) {
    it(`${name}: logs in, runs a show command and pushes config with save`, async () => {
      const device = byName(lab.devices, name);
      const session = await openSession(labHost(device), deps());
      try {
        expect((await session.run('show version')).output.length).toBeGreaterThan(50);
        const line =
          device.platform === 'juniper_junos'
            ? 'set interfaces lo0 description via-telnet'
            : 'interface Loopback77';
        const outcome = await session.pushConfig([line], { save: true });
        expect(outcome.applied).toEqual([line]);
        expect(outcome.saved).toBe(true);
        expect(lab.device(name).savedConfig()).toMatch(/via-telnet|[Ll]oopback77/);
      } finally {
        await session.close();
      }
    });
  }

  it('a wrong telnet password is AUTH_FAILED', async () => {
    const error = await failureOf(
      openSession(labHost(byName(lab.devices, 'ios-telnet'), { password: 'wrong' }), deps()),
    );
    expect(error.code).toBe('AUTH_FAILED');
  });
});

describe('known_hosts modes', () => {
  it('strict: an unknown device is HOSTKEY_UNKNOWN with its fingerprint', async () => {
    const device = byName(lab.devices, 'eos-keys');
    const hostKeys = createKnownHostsVerifier({
      file: join(dir, 'strict_known_hosts'),
      defaultMode: 'strict',
    });
    const error = await failureOf(
      openSession(withCheck(labHost(device), undefined), { platforms, hostKeys }),
    );
    expect(error.code).toBe('HOSTKEY_UNKNOWN');
    expect(error.message).toContain(device.hostKey.fingerprint);
  });

  it('accept-new records the key, then a changed key fails naming the presented fingerprint and file:line', async () => {
    const device = byName(lab.devices, 'eos-keys');
    const file = join(dir, 'accept_known_hosts');
    await writeFile(file, '# netrun test\n');
    const hostKeys = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    const first = await openSession(withCheck(labHost(device), undefined), { platforms, hostKeys });
    await first.close();
    const recorded = await readFile(file, 'utf8');
    const [, type, key] = device.hostKey.knownHostsLine.split(' ');
    expect(recorded).toContain(`[127.0.0.1]:${device.port} ${type} ${key}`);

    lab.device('eos-keys').setFault('hostkey-change');
    try {
      const error = await failureOf(
        openSession(withCheck(labHost(device), undefined), { platforms, hostKeys }),
      );
      expect(error.code).toBe('HOSTKEY_MISMATCH');
      expect(error.message).toMatch(/presented \S+ SHA256:\S+/);
      expect(error.message).toContain(`${file}:2`);
      expect(error.message).toContain(device.hostKey.fingerprint);
    } finally {
      lab.device('eos-keys').setFault(undefined);
    }
  });

  it('many concurrent first contacts record each device exactly once', async () => {
    const file = join(dir, 'many_known_hosts');
    const hostKeys = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    const devices = lab.devices.filter((d) => d.name.startsWith('many-'));
    const sessions = await Promise.all(
      devices.map((d) => openSession(withCheck(labHost(d), undefined), { platforms, hostKeys })),
    );
    await Promise.all(sessions.map((s) => s.close()));
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(devices.length);
    expect(new Set(lines).size).toBe(devices.length);
  });
});

describe('host key scan', () => {
  it('fetches a device key without logging in, matching the lab fingerprint', async () => {
    const device = byName(lab.devices, 'eos-keys');
    const before = lab.device('eos-keys').commands().length;
    const scanned = await scanHostKey({
      host: device.name,
      address: device.address,
      port: device.port,
      connectTimeoutMs: 2000,
      legacyAlgorithms: false,
    });
    expect(scanned.fingerprint).toBe(device.hostKey.fingerprint);
    expect(scanned.knownHostsLine).toBe(device.hostKey.knownHostsLine);
    expect(lab.device('eos-keys').commands().length).toBe(before);
  });

  it('scanning a legacy-only device needs the legacy opt-in too', async () => {
    const device = byName(lab.devices, 'ios-old');
    const target = { host: device.name, address: device.address, port: device.port, connectTimeoutMs: 2000 };
    expect((await failureOf(scanHostKey({ ...target, legacyAlgorithms: false }))).code).toBe(
      'HANDSHAKE_FAILED',
    );
    expect((await scanHostKey({ ...target, legacyAlgorithms: true })).keyType).toBe('ssh-rsa');
  });
});

describe('legacy algorithms', () => {
  it('a legacy-only device fails the handshake without the opt-in, suggesting it', async () => {
    const error = await failureOf(openSession(labHost(byName(lab.devices, 'ios-old')), deps()));
    expect(error.code).toBe('HANDSHAKE_FAILED');
    expect((error as unknown as { hint: string }).hint).toContain('legacy_algorithms');
  });

  it('works with legacy_algorithms on', async () => {
    const host = labHost(byName(lab.devices, 'ios-old'), { connection: { legacyAlgorithms: true } });
    const session = await openSession(host, deps());
    try {
      expect((await session.run('show version')).output).toMatch(/Cisco IOS XE Software/);
    } finally {
      await session.close();
    }
  });
});
