import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../src/devices/command-error.js';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { openSession } from '../../../src/devices/session.js';
import { createKnownHostsVerifier } from '../../../src/devices/transport/host-keys.js';
import type { Host } from '../../../src/inventory/types.js';
import { failureOf, testHost } from './hosts.js';

/**
 * The `linux` platform against a real OpenSSH server: started here on 127.0.0.1 with its own config,
 * host key and authorized_keys in a temp folder, on a free port, and stopped by pid afterwards.
 */

const SSHD = '/usr/sbin/sshd';
const unavailable = !existsSync(SSHD)
  ? `${SSHD} is not installed`
  : process.getuid?.() !== 0
    ? 'sshd must run as root to serve logins (this test logs in as root with a key)'
    : undefined;
if (unavailable) console.warn(`[openssh integration] skipped: ${unavailable}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}`);
}

const keygen = (file: string) =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file, '-C', 'netrun-test']);
const fingerprintOfFile = (pub: string) => execFileSync('ssh-keygen', ['-lf', pub]).toString().split(' ')[1];

describe.skipIf(unavailable !== undefined)('linux platform against a real OpenSSH server', () => {
  let dir: string;
  let port: number;
  let sshd: ChildProcess;
  let sshdLog = '';
  let platforms: PlatformRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netrun-sshd-'));
    port = await freePort();
    keygen(join(dir, 'host_key'));
    keygen(join(dir, 'client_key'));
    keygen(join(dir, 'other_key'));
    await writeFile(join(dir, 'authorized_keys'), await readFile(join(dir, 'client_key.pub')));
    // sshd refuses to start without its privilege-separation folder (Debian creates it at boot).
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'LogLevel VERBOSE',
    ].join('\n');
    await writeFile(join(dir, 'sshd_config'), `${config}\n`);
    sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.on('data', (d: Buffer) => {
      sshdLog += d.toString();
    });
    await waitForPort(port, Date.now() + 10_000);
    platforms = await loadPlatformRegistry();
  });

  afterAll(async () => {
    if (sshd?.pid) process.kill(sshd.pid, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  const host = (extra: Partial<Host> = {}): Host =>
    testHost({
      name: 'openssh',
      platform: 'linux',
      port,
      credentials: { username: 'root', privateKeyFile: join(dir, 'client_key') },
      ...extra,
    });

  it('logs in with a key, records the host key (accept-new) and runs exec commands', async () => {
    const knownHosts = join(dir, 'known_hosts');
    const hostKeys = createKnownHostsVerifier({ file: knownHosts, defaultMode: 'accept-new' });
    const session = await openSession(
      host({ connection: { ...host().connection, hostKeyCheck: undefined } }),
      {
        platforms,
        hostKeys,
      },
    );
    try {
      expect(session.connectMs).toBeGreaterThan(0);
      expect((await session.run('uname -s')).output).toBe('Linux');
      const both = await session.run('echo to-stdout; echo to-stderr >&2');
      expect(both.output).toContain('to-stdout');
      expect(both.output).toContain('to-stderr');
      // A failing command that did run is output, not a rejection.
      expect((await session.run('ls /nonexistent-netrun-path; true')).output).toContain('No such file');
      const rejected = await failureOf(session.run('netrun-no-such-command'));
      expect(rejected).toBeInstanceOf(DeviceCommandError);
      expect(rejected.code).toBe('COMMAND_REJECTED');
      expect(rejected.message).toContain('exit status 127');
      expect(session.closed).toBe(false);
      expect((await session.run('echo still-open')).output).toBe('still-open');
    } finally {
      await session.close();
    }
    const recorded = await readFile(knownHosts, 'utf8');
    expect(recorded).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${port} ssh-ed25519 `));
    // The same key passes in strict mode now.
    const strict = createKnownHostsVerifier({ file: knownHosts, defaultMode: 'strict' });
    const again = await openSession(host({ connection: { ...host().connection, hostKeyCheck: undefined } }), {
      platforms,
      hostKeys: strict,
    });
    await again.close();
  });

  it('a known_hosts entry with another key is HOSTKEY_MISMATCH naming the presented fingerprint', async () => {
    const knownHosts = join(dir, 'known_hosts_other');
    const other = (await readFile(join(dir, 'other_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(knownHosts, `# test\n[127.0.0.1]:${port} ${other}\n`);
    const hostKeys = createKnownHostsVerifier({ file: knownHosts, defaultMode: 'strict' });
    const error = await failureOf(
      openSession(host({ connection: { ...host().connection, hostKeyCheck: undefined } }), {
        platforms,
        hostKeys,
      }),
    );
    expect(error.code).toBe('HOSTKEY_MISMATCH');
    expect(error.message).toContain(fingerprintOfFile(join(dir, 'host_key.pub')));
    expect(error.message).toContain(`${knownHosts}:2`);
  });

  it('an unauthorised key is AUTH_FAILED', async () => {
    const hostKeys = createKnownHostsVerifier({ file: join(dir, 'kh3'), defaultMode: 'off' });
    const error = await failureOf(
      openSession(host({ credentials: { username: 'root', privateKeyFile: join(dir, 'other_key') } }), {
        platforms,
        hostKeys,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('a slow command is COMMAND_TIMEOUT and closes the session; a cancel is CANCELLED at once', async () => {
    const hostKeys = createKnownHostsVerifier({ file: join(dir, 'kh4'), defaultMode: 'off' });
    const session = await openSession(host(), { platforms, hostKeys });
    const timeout = await failureOf(session.run('echo started; sleep 5', { timeoutMs: 400 }));
    expect(timeout.code).toBe('COMMAND_TIMEOUT');
    expect(session.closed).toBe(true);
    expect((await failureOf(session.run('true'))).code).toBe('SESSION_CLOSED');

    const second = await openSession(host(), { platforms, hostKeys });
    const controller = new AbortController();
    const started = Date.now();
    const running = second.run('sleep 5', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect((await failureOf(running)).code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(second.closed).toBe(true);
  });

  it('reaches a host through OpenSSH as a jump host (direct-tcpip)', async () => {
    const hostKeys = createKnownHostsVerifier({ file: join(dir, 'kh5'), defaultMode: 'off' });
    const viaJump = host({
      name: 'behind-bastion',
      jumpHost: {
        name: 'bastion',
        address: '127.0.0.1',
        port,
        credentials: { username: 'root', privateKeyFile: join(dir, 'client_key') },
        connectTimeoutMs: 3000,
        legacyAlgorithms: false,
      },
    });
    const before = (sshdLog.match(/Accepted publickey/g) ?? []).length;
    const session = await openSession(viaJump, { platforms, hostKeys });
    try {
      expect((await session.run('echo through-the-bastion')).output).toBe('through-the-bastion');
    } finally {
      await session.close();
    }
    // Two logins: the bastion, then the device through the forwarded channel.
    expect((sshdLog.match(/Accepted publickey/g) ?? []).length - before).toBe(2);
    expect(sshdLog).toMatch(/direct-tcpip|Connection from 127\.0\.0\.1/);
  });
});
