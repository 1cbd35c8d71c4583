import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CREDENTIALS, type Lab, startLab } from '../../../src/lab/index.js';
import { LabTerminal } from './lab-client.js';

/**
 * Each network personality over real SSH (ssh2's Client with a PTY): banner and prompts, enable,
 * paging and paging off, an invalid command with its `^` marker, and a config change that shows in
 * the running configuration and is saved or committed. Tests may name platforms.
 */
interface NetCase {
  platform: string;
  banner: RegExp;
  /** The prompt after login, and its text (for the caret column). */
  first: RegExp;
  enable?: { wrongAnswer: RegExp };
  priv: RegExp;
  privText: string;
  pagingOff: string;
  long: string;
  more: string;
  invalid: { line: string; message: RegExp; caretUnder?: string };
  configure: string;
  configPrompt: RegExp;
  lines: string[];
  leave: string;
  persist: string;
  persisted: RegExp;
  /** Running config changes only when committed (XR, Junos). */
  candidate: boolean;
  shows: string[];
}

const CASES: NetCase[] = [
  {
    platform: 'cisco_ios',
    banner: /Unauthorised access is prohibited/,
    first: /ios-t>$/,
    enable: { wrongAnswer: /Password: $/ },
    priv: /ios-t#$/,
    privText: 'ios-t#',
    pagingOff: 'terminal length 0',
    long: 'show version',
    more: ' --More-- ',
    invalid: {
      line: 'show bogus',
      message: /% Invalid input detected at '\^' marker\./,
      caretUnder: 'bogus',
    },
    configure: 'configure terminal',
    configPrompt: /ios-t\(config\)#$/,
    lines: ['interface Loopback42', 'description lab-test'],
    leave: 'end',
    persist: 'write memory',
    persisted: /Building configuration\.\.\.\r\n\[OK\]/,
    candidate: false,
    shows: ['interface Loopback42', ' description lab-test'],
  },
  {
    platform: 'cisco_nxos',
    banner: /Cisco Nexus Operating System \(NX-OS\) Software/,
    first: /nxos-t# $/,
    priv: /nxos-t# $/,
    privText: 'nxos-t# ',
    pagingOff: 'terminal length 0',
    long: 'show version',
    more: '\x1b[7m--More--\x1b[27m',
    invalid: { line: 'show bogus', message: /% Invalid command at '\^' marker\./, caretUnder: 'bogus' },
    configure: 'configure terminal',
    configPrompt: /nxos-t\(config\)# $/,
    lines: ['interface loopback42', 'description lab-test'],
    leave: 'end',
    persist: 'copy running-config startup-config',
    persisted: /Copy complete\./,
    candidate: false,
    shows: ['interface loopback42', '  description lab-test'],
  },
  {
    platform: 'cisco_xr',
    banner: /^/,
    first: /RP\/0\/RSP0\/CPU0:xr-t#$/,
    priv: /RP\/0\/RSP0\/CPU0:xr-t#$/,
    privText: 'RP/0/RSP0/CPU0:xr-t#',
    pagingOff: 'terminal length 0',
    long: 'show running-config',
    more: ' --More-- ',
    invalid: {
      line: 'show bogus',
      message: /% Invalid input detected at '\^' marker\./,
      caretUnder: 'bogus',
    },
    configure: 'configure terminal',
    configPrompt: /RP\/0\/RSP0\/CPU0:xr-t\(config\)#$/,
    lines: ['interface Loopback42', 'description lab-test'],
    leave: 'end',
    persist: 'commit',
    persisted: /RP\/0\/RSP0\/CPU0:xr-t\(config-if\)#$/,
    candidate: true,
    shows: ['interface Loopback42', ' description lab-test'],
  },
  {
    platform: 'arista_eos',
    banner: /Last login: .* from 127\.0\.0\.1/,
    first: /eos-t>$/,
    enable: { wrongAnswer: /% Access denied\r\neos-t>$/ },
    priv: /eos-t#$/,
    privText: 'eos-t#',
    pagingOff: 'terminal length 0',
    long: 'show running-config',
    more: ' --More-- ',
    invalid: { line: 'show bogus', message: /% Invalid input \(at token 1: 'bogus'\)/ },
    configure: 'configure terminal',
    configPrompt: /eos-t\(config\)#$/,
    lines: ['interface Loopback42', 'description lab-test'],
    leave: 'end',
    persist: 'write memory',
    persisted: /Copy completed successfully\./,
    candidate: false,
    shows: ['interface Loopback42', '   description lab-test'],
  },
  {
    platform: 'juniper_junos',
    banner: /--- JUNOS 21\.2R1\.10/,
    first: /netrun@junos-t> $/,
    priv: /netrun@junos-t> $/,
    privText: 'netrun@junos-t> ',
    pagingOff: 'set cli screen-length 0',
    long: 'show version',
    more: '---(more)---',
    invalid: { line: 'show bogus', message: /syntax error, expecting <command>\./, caretUnder: 'bogus' },
    configure: 'configure',
    configPrompt: /\[edit\]\r\nnetrun@junos-t# $/,
    lines: ['set interfaces lo0 description lab-test', 'set system domain-search lab.example'],
    leave: 'exit configuration-mode',
    persist: 'commit',
    persisted: /commit complete\r\n\r\n\[edit\]\r\nnetrun@junos-t# $/,
    candidate: true,
    shows: ['description lab-test;', 'domain-search lab.example;'],
  },
];

const nameOf = (platform: string) => `${platform.split('_').pop()}-t`;

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    devices: [
      ...CASES.map((c) => ({ name: nameOf(c.platform), platform: c.platform })),
      { name: 'linux-t', platform: 'linux' },
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
});

const portOf = (name: string) => lab.devices.find((d) => d.name === name)?.port as number;

async function privileged(c: NetCase): Promise<LabTerminal> {
  const t = await LabTerminal.open({ port: portOf(nameOf(c.platform)) });
  await t.readUntil(c.first);
  if (c.enable) {
    await t.run('enable', /Password: $/);
    await t.run(LAB_CREDENTIALS.enableSecret, c.priv);
  }
  return t;
}

describe.each(CASES)('$platform over SSH', (c) => {
  it('shows its banner and prompt, and enables with the secret', async () => {
    const t = await LabTerminal.open({ port: portOf(nameOf(c.platform)) });
    try {
      expect(await t.readUntil(c.first)).toMatch(c.banner);
      if (c.enable) {
        expect(await t.run('enable', /Password: $/)).toMatch(/^enable\r\nPassword: $/);
        // The secret is not echoed; a wrong one is refused the platform's way.
        expect(await t.run('not-the-secret', c.enable.wrongAnswer)).not.toContain('not-the-secret');
        if (/Password: $/.test(c.enable.wrongAnswer.source))
          await t.run(LAB_CREDENTIALS.enableSecret, c.priv);
        else {
          await t.run('enable', /Password: $/);
          await t.run(LAB_CREDENTIALS.enableSecret, c.priv);
        }
      }
      expect(await t.run('', c.priv)).toMatch(c.priv);
    } finally {
      t.close();
    }
  });

  it('pages long output with --More-- until paging is turned off', async () => {
    const t = await privileged(c);
    try {
      t.write(`${c.long}\n`);
      const first = await t.readUntil(new RegExp(escapeRegex(c.more)));
      const lines = first.split('\r\n');
      expect(lines[0]).toBe(c.long);
      // 24-line screen: 23 lines of output, then the pager.
      expect(lines.length - 1).toBe(24);
      // Enter: one more line, then the pager again; space: the next page (or the end); q: quit.
      t.write('\r');
      const oneLine = await t.readUntil(new RegExp(`${escapeRegex(c.more)}$`));
      expect(oneLine.split('\r\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(2);
      t.write('q');
      const quit = await t.readUntil(c.priv);
      expect(quit).not.toContain(c.more);

      t.write(`${c.long}\n`);
      await t.readUntil(new RegExp(escapeRegex(c.more)));
      t.write(' ');
      const second = await t.readUntil(new RegExp(`(${escapeRegex(c.more)}|${c.priv.source})`));
      expect(second.split('\r\n').length).toBeGreaterThan(2);
      if (second.endsWith(c.more)) {
        t.write('q');
        await t.readUntil(c.priv);
      }

      await t.run(c.pagingOff, c.priv);
      const whole = await t.run(c.long, c.priv);
      expect(whole).not.toContain(c.more);
      expect(whole.split('\r\n').length).toBeGreaterThan(30);
    } finally {
      t.close();
    }
  });

  it('rejects an invalid command the way the platform does', async () => {
    const t = await privileged(c);
    try {
      const out = await t.run(c.invalid.line, c.priv);
      expect(out).toMatch(c.invalid.message);
      if (c.invalid.caretUnder) {
        const caretLine = out.split('\r\n').find((l) => /^\s*\^$/.test(l)) ?? '';
        const column = c.privText.length + c.invalid.line.indexOf(c.invalid.caretUnder);
        expect(caretLine.indexOf('^')).toBe(column);
      }
      // Still usable afterwards.
      expect(await t.run('', c.priv)).toMatch(c.priv);
    } finally {
      t.close();
    }
  });

  it('applies config lines, shows them in the running config, and saves or commits them', async () => {
    const name = nameOf(c.platform);
    const t = await privileged(c);
    try {
      await t.run(c.pagingOff, c.priv);
      await t.run(c.configure, c.configPrompt);
      for (const line of c.lines) await t.run(line, /[#>] ?$/);
      const device = lab.device(name);
      if (c.candidate) {
        for (const s of c.shows) expect(device.runningConfig()).not.toContain(s);
        expect(await t.run(c.persist, c.persisted)).toMatch(c.persisted);
        await t.run(c.leave, c.priv);
      } else {
        await t.run(c.leave, c.priv);
        for (const s of c.shows) expect(device.savedConfig()).not.toContain(s);
        expect(await t.run(c.persist, c.priv)).toMatch(c.persisted);
      }
      for (const s of c.shows) {
        expect(device.runningConfig()).toContain(s);
        expect(device.savedConfig()).toContain(s);
      }
      const show = c.platform === 'juniper_junos' ? 'show configuration' : 'show running-config';
      const shown = await t.run(show, c.priv);
      for (const s of c.shows) expect(shown).toContain(s);
      expect(device.commands()).toEqual(expect.arrayContaining([c.configure, ...c.lines, c.persist]));
    } finally {
      t.close();
    }
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('platform details', () => {
  it('cisco_ios: copy running-config startup-config asks for the destination; `no` removes a line', async () => {
    const t = await privileged(CASES[0] as NetCase);
    try {
      await t.run('configure terminal', /\(config\)#$/);
      await t.run('int lo43', /\(config-if\)#$/);
      await t.run('ip address 10.43.0.1 255.255.255.255', /\(config-if\)#$/);
      await t.run('no ip address', /\(config-if\)#$/);
      await t.run('hostname ios-renamed', /ios-renamed\(config\)#$/);
      await t.run('hostname ios-t', /ios-t\(config\)#$/);
      await t.run('end', /ios-t#$/);
      expect(await t.run('copy running-config startup-config', /\? $/)).toContain(
        'Destination filename [startup-config]? ',
      );
      await t.run('', /\[OK\]\r\nios-t#$/);
      const saved = lab.device('ios-t').savedConfig();
      expect(saved).toMatch(/interface Loopback43\n no ip address\n/);
      expect(saved).not.toContain('10.43.0.1');
    } finally {
      t.close();
    }
  });

  it('cisco_xr: leaving with uncommitted changes asks, and "no" discards them', async () => {
    const t = await LabTerminal.open({ port: portOf('xr-t') });
    try {
      await t.readUntil(/xr-t#$/);
      await t.run('configure', /\(config\)#$/);
      await t.run('hostname xr-discarded', /\(config\)#$/);
      expect(await t.run('show configuration', /\(config\)#$/)).toContain('hostname xr-discarded');
      expect(await t.run('end', /\[cancel\]:$/)).toContain('Uncommitted changes found');
      await t.run('no', /xr-t#$/);
      expect(lab.device('xr-t').runningConfig()).not.toContain('xr-discarded');
    } finally {
      t.close();
    }
  });

  it('juniper_junos: the shared candidate survives leaving without commit; display set; rollback', async () => {
    const t = await LabTerminal.open({ port: portOf('junos-t') });
    try {
      await t.readUntil(/junos-t> $/);
      await t.run('configure', /# $/);
      await t.run('set snmp location "rack 7"', /# $/);
      await t.run('exit configuration-mode', /\(yes\) $/);
      await t.run('yes', /junos-t> $/);
      expect(lab.device('junos-t').runningConfig()).not.toContain('rack 7');
      expect(await t.run('configure', /# $/)).toContain(
        'The configuration has been changed but not committed',
      );
      expect(await t.run('show | display set | match snmp', /# $/)).toContain('set snmp location "rack 7"');
      await t.run('rollback 0', /# $/);
      expect(await t.run('show snmp', /# $/)).not.toContain('rack 7');
      await t.run('set snmp location "rack 8"', /# $/);
      await t.run('commit and-quit', /junos-t> $/);
      expect(lab.device('junos-t').runningConfig()).toContain('location "rack 8";');
    } finally {
      t.close();
    }
  });
});
