import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { openSession } from '../../../src/devices/session.js';
import { acceptAnyHostKey, createKnownHostsVerifier } from '../../../src/devices/transport/host-keys.js';
import { type Lab, type LabFault, startLab } from '../../../src/lab/index.js';
import { byName, labHost } from './lab-fixture.js';

/**
 * Every lab fault ends in its coded error (or completes cleanly) within its timeout. Short timeouts:
 * connect 1.5 s, command 2 s; bounds below are generous (a loaded CI box), never tight.
 */
const CONNECT_MS = 1500;
const COMMAND_MS = 2000;
const SLACK_MS = 2500;

const FAULT_PLATFORMS = ['cisco_ios', 'juniper_junos'];
const FAULTS: LabFault[] = [
  'auth-reject',
  'auth-silence',
  'refuse',
  'black-hole',
  'hang',
  'drop',
  'trickle',
  'garbage',
  'huge-output',
  'hostkey-change',
  'pager',
  'invalid',
];

let lab: Lab;
let platforms: PlatformRegistry;
const dev = (platform: string, fault: LabFault) => `${platform}-${fault}`;

beforeAll(async () => {
  platforms = await loadPlatformRegistry();
  lab = await startLab({
    devices: FAULT_PLATFORMS.flatMap((platform) =>
      FAULTS.map((fault) => ({ name: dev(platform, fault), platform, fault })),
    ),
  });
});

afterAll(async () => {
  await lab?.stop();
});

function host(name: string, commandTimeoutMs = COMMAND_MS) {
  return labHost(byName(lab.devices, name), {
    connection: { connectTimeoutMs: CONNECT_MS, commandTimeoutMs },
  });
}

async function timed<T>(
  promise: Promise<T>,
): Promise<{ value?: T; error?: Error & { code?: string }; ms: number }> {
  const started = Date.now();
  try {
    return { value: await promise, ms: Date.now() - started };
  } catch (error) {
    return { error: error as Error & { code?: string }, ms: Date.now() - started };
  }
}

describe.each(FAULT_PLATFORMS)('%s faults', (platform) => {
  const deps = () => ({ platforms, hostKeys: acceptAnyHostKey });

  it.each([
    ['auth-reject', 'AUTH_FAILED'],
    ['auth-silence', 'AUTH_TIMEOUT'],
    ['refuse', 'CONNECT_REFUSED'],
    ['black-hole', 'CONNECT_TIMEOUT'],
  ] as const)('%s → %s when opening', async (fault, code) => {
    const { error, ms } = await timed(openSession(host(dev(platform, fault)), deps()));
    expect(error?.code).toBe(code);
    // One connect budget for TCP/banner/kex and one for authentication.
    expect(ms).toBeLessThan(2 * CONNECT_MS + SLACK_MS);
    if (fault === 'auth-silence') expect(error?.message).toContain('wrong password');
    if (fault === 'black-hole') expect(error?.message).toContain('no SSH banner');
  });

  it.each([
    ['hang', 'COMMAND_TIMEOUT'],
    ['drop', 'SESSION_CLOSED'],
    ['invalid', 'COMMAND_REJECTED'],
  ] as const)('%s → %s on a show command', async (fault, code) => {
    const session = await openSession(host(dev(platform, fault)), deps());
    const { error, ms } = await timed(session.run('show version'));
    expect(error?.code).toBe(code);
    expect(ms).toBeLessThan(COMMAND_MS + SLACK_MS);
    if (fault !== 'invalid') {
      expect(session.closed).toBe(true);
      expect(error?.message).toMatch(/last characters seen: ".+"/s);
    }
    await session.close();
  });

  it('trickle, garbage and pager complete with clean output', async () => {
    for (const fault of ['trickle', 'garbage', 'pager'] as const) {
      const session = await openSession(host(dev(platform, fault), 20_000), deps());
      try {
        const { output } = await session.run('show version');
        expect(output.length, fault).toBeGreaterThan(50);
        expect(output, fault).not.toMatch(/\x1b|--More--|---\(more|\r|\x07/);
        const config = await session.runningConfig();
        expect(config.split('\n').length, fault).toBeGreaterThan(5);
        expect(config, fault).not.toMatch(/--More--|---\(more/);
      } finally {
        await session.close();
      }
    }
  });

  it('huge-output: ~10 MB of running config arrives whole', async () => {
    const session = await openSession(host(dev(platform, 'huge-output'), 60_000), deps());
    try {
      const started = Date.now();
      const config = await session.runningConfig();
      expect(config.length).toBeGreaterThan(9 * 1024 * 1024);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(config.slice(-200)).not.toMatch(/[#>]\s*$/);
    } finally {
      await session.close();
    }
  }, 90_000);

  it('hostkey-change → HOSTKEY_MISMATCH against the usual key, naming the new fingerprint', async () => {
    const device = byName(lab.devices, dev(platform, 'hostkey-change'));
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'netrun-kh-'));
    try {
      await writeFile(join(dir, 'known_hosts'), `${device.hostKey.knownHostsLine}\n`);
      const hostKeys = createKnownHostsVerifier({ file: join(dir, 'known_hosts'), defaultMode: 'strict' });
      const h = host(device.name);
      const { error, ms } = await timed(
        openSession(
          { ...h, connection: { ...h.connection, hostKeyCheck: undefined } },
          { platforms, hostKeys },
        ),
      );
      expect(error?.code).toBe('HOSTKEY_MISMATCH');
      expect(error?.message).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
      expect(error?.message).not.toContain(`presented ${device.hostKey.type} ${device.hostKey.fingerprint}`);
      expect(error?.message).toContain(`known_hosts:1`);
      expect(ms).toBeLessThan(CONNECT_MS + SLACK_MS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('cancel', () => {
  it('an abort during a hung command closes the session at once with CANCELLED', async () => {
    const session = await openSession(host(dev('cisco_ios', 'hang'), 30_000), {
      platforms,
      hostKeys: acceptAnyHostKey,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { error, ms } = await timed(session.run('show version', { signal: controller.signal }));
    expect(error?.code).toBe('CANCELLED');
    expect(ms).toBeLessThan(2000);
    expect(session.closed).toBe(true);
  });

  it('an abort while connecting to a black hole is CANCELLED', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const h = host(dev('cisco_ios', 'black-hole'));
    const { error, ms } = await timed(
      openSession(
        { ...h, connection: { ...h.connection, connectTimeoutMs: 20_000 } },
        { platforms, hostKeys: acceptAnyHostKey },
        { signal: controller.signal },
      ),
    );
    expect(error?.code).toBe('CANCELLED');
    expect(ms).toBeLessThan(2000);
  });
});
