import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CREDENTIALS, type Lab, startLab } from '../../../src/lab/index.js';

/**
 * Fidelity: Debian's Netmiko (an independent client written against real gear) drives every
 * personality — connect, `show version`, `send_config_set`, save or commit — and the lab's
 * configuration must really change. Tests may name platforms.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./netmiko-fidelity.py', import.meta.url));

const probe = spawnSync(PYTHON, ['-c', 'import netmiko'], { encoding: 'utf8' });
const netmikoMissing =
  probe.status === 0
    ? undefined
    : `${PYTHON} cannot import netmiko (${(probe.stderr || String(probe.error)).trim()})`;
if (netmikoMissing) console.warn(`netmiko fidelity test skipped: ${netmikoMissing}; install python3-netmiko`);

interface Case {
  name: string;
  platform: string;
  transport?: 'telnet';
  deviceType: string;
  show: string;
  showExpect: RegExp;
  config: string[];
  /** Netmiko's way to persist: save_config (IOS, NX-OS, EOS), commit (XR, Junos); linux has none. */
  save: 'save_config' | 'commit' | 'none';
  /** What the lab's running configuration must then contain. */
  shows: string[];
}

const CASES: Case[] = [
  {
    name: 'ios-nm',
    platform: 'cisco_ios',
    deviceType: 'cisco_ios',
    show: 'show version',
    showExpect: /Cisco IOS XE Software, Version/,
    config: ['interface Loopback101', 'description netmiko-ios'],
    save: 'save_config',
    shows: ['interface Loopback101', ' description netmiko-ios'],
  },
  {
    name: 'ios-telnet-nm',
    platform: 'cisco_ios',
    transport: 'telnet',
    deviceType: 'cisco_ios_telnet',
    show: 'show version',
    showExpect: /Cisco IOS XE Software, Version/,
    config: ['ntp server 192.0.2.77'],
    save: 'save_config',
    shows: ['ntp server 192.0.2.77'],
  },
  {
    name: 'nxos-nm',
    platform: 'cisco_nxos',
    deviceType: 'cisco_nxos',
    show: 'show version',
    showExpect: /Cisco Nexus Operating System \(NX-OS\) Software/,
    config: ['interface loopback101', 'description netmiko-nxos'],
    save: 'save_config',
    shows: ['interface loopback101', '  description netmiko-nxos'],
  },
  {
    name: 'xr-nm',
    platform: 'cisco_xr',
    deviceType: 'cisco_xr',
    show: 'show version',
    showExpect: /Cisco IOS XR Software, Version/,
    config: ['interface Loopback101', 'description netmiko-xr'],
    save: 'commit',
    shows: ['interface Loopback101', ' description netmiko-xr'],
  },
  {
    name: 'eos-nm',
    platform: 'arista_eos',
    deviceType: 'arista_eos',
    show: 'show version',
    showExpect: /Arista vEOS-lab/,
    config: ['interface Loopback101', 'description netmiko-eos'],
    save: 'save_config',
    shows: ['interface Loopback101', '   description netmiko-eos'],
  },
  {
    name: 'junos-nm',
    platform: 'juniper_junos',
    deviceType: 'juniper_junos',
    show: 'show version',
    showExpect: /Junos: 21\.2R1\.10/,
    config: ['set interfaces lo0 description netmiko-junos', 'set snmp contact netmiko-noc'],
    save: 'commit',
    shows: ['description netmiko-junos;', 'contact netmiko-noc;'],
  },
  {
    name: 'linux-nm',
    platform: 'linux',
    deviceType: 'linux',
    show: 'uname -a',
    showExpect: /^Linux linux-nm \S+ #1 SMP/,
    config: ['echo "netmiko was here" >> /etc/motd'],
    save: 'none',
    shows: ['netmiko was here'],
  },
];

interface DriveResult {
  ok: boolean;
  error?: string;
  prompt?: string;
  show?: string;
  config?: string;
  saved?: string;
  after?: string;
}

let lab: Lab;
let results: Record<string, DriveResult> = {};

function runScript(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.skipIf(netmikoMissing !== undefined)('Netmiko (python3-netmiko) against the lab', () => {
  beforeAll(async () => {
    lab = await startLab({
      devices: CASES.map((c) => ({
        name: c.name,
        platform: c.platform,
        ...(c.transport ? { transport: c.transport } : {}),
      })),
    });
    const input = CASES.map((c) => ({
      name: c.name,
      device_type: c.deviceType,
      port: lab.devices.find((d) => d.name === c.name)?.port,
      username: LAB_CREDENTIALS.username,
      password: LAB_CREDENTIALS.password,
      // Netmiko's linux driver answers sudo's prompt with `secret`; sudo wants the login password.
      secret: c.platform === 'linux' ? LAB_CREDENTIALS.password : LAB_CREDENTIALS.enableSecret,
      show: c.show,
      config: c.config,
      save: c.save,
    }));
    const run = await runScript(JSON.stringify(input));
    if (run.code !== 0) throw new Error(`netmiko script failed (${run.code}): ${run.stderr}`);
    results = JSON.parse(run.stdout) as Record<string, DriveResult>;
  }, 240_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it.each(CASES)('$deviceType: connects, shows, configures and persists', (c) => {
    const r = results[c.name];
    expect(r, `no result for ${c.name}`).toBeDefined();
    expect(r?.error, `${c.name}: ${r?.error}`).toBeUndefined();
    expect(r?.ok).toBe(true);
    // Netmiko stripped our echo and trailing prompt: the output is the command's output only.
    expect(r?.show).toMatch(c.showExpect);
    expect(r?.show?.startsWith(c.show)).toBe(false);
    expect(r?.show?.trimEnd().endsWith(r?.prompt ?? '\0')).toBe(false);
    const running = lab.device(c.name).runningConfig();
    for (const line of c.shows) expect(running).toContain(line);
    if (c.save !== 'none') {
      const saved = lab.device(c.name).savedConfig();
      for (const line of c.shows) expect(saved).toContain(line);
    }
    // It left configuration mode (or root) behind: the privileged prompt after enable, else the first one.
    const expected = c.save === 'save_config' ? r?.prompt?.replace(/>$/, '#') : r?.prompt;
    expect(r?.after).toBe(expected);
    expect(lab.device(c.name).commands()).toEqual(expect.arrayContaining([c.show, ...c.config]));
  });
});
