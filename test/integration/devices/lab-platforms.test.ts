import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceCommandError } from '../../../src/devices/command-error.js';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { openSession } from '../../../src/devices/session.js';
import { acceptAnyHostKey } from '../../../src/devices/transport/host-keys.js';
import { type Lab, startLab } from '../../../src/lab/index.js';
import { failureOf } from './hosts.js';
import { byName, labHost } from './lab-fixture.js';

/**
 * Every platform against its lab personality: show commands, privilege, config pushes with and without
 * save, and a rejected line. Vendor specifics live in this table (tests may name platforms).
 */
interface PlatformCase {
  platform: string;
  show: string;
  showExpect: RegExp;
  config: [string, string];
  /** What the lab's running config shows for the two config lines. */
  configShows: [string, string];
  badLine: string;
  rejectExpect: RegExp;
  /** Commit platforms persist on commit, with or without save. */
  commitSaves: boolean;
}

const CASES: PlatformCase[] = [
  {
    platform: 'cisco_ios',
    show: 'show version',
    showExpect: /Cisco IOS XE Software/,
    config: ['interface Loopback91', 'description netrun-ios-test'],
    configShows: ['interface Loopback91', 'description netrun-ios-test'],
    badLine: 'frobnicate the widgets',
    rejectExpect: /% Invalid input detected/,
    commitSaves: false,
  },
  {
    platform: 'cisco_nxos',
    show: 'show version',
    showExpect: /NX-OS/i,
    config: ['interface loopback91', 'description netrun-nxos-test'],
    configShows: ['interface loopback91', 'description netrun-nxos-test'],
    badLine: 'frobnicate the widgets',
    rejectExpect: /% Invalid command|% Invalid input/,
    commitSaves: false,
  },
  {
    platform: 'cisco_xr',
    show: 'show version',
    showExpect: /IOS.XR/i,
    config: ['interface Loopback91', 'description netrun-xr-test'],
    configShows: ['interface Loopback91', 'description netrun-xr-test'],
    badLine: 'frobnicate the widgets',
    rejectExpect: /% Invalid input detected/,
    commitSaves: true,
  },
  {
    platform: 'arista_eos',
    show: 'show version',
    showExpect: /Arista/i,
    config: ['interface Loopback91', 'description netrun-eos-test'],
    configShows: ['interface Loopback91', 'description netrun-eos-test'],
    badLine: 'frobnicate the widgets',
    rejectExpect: /% Invalid input/,
    commitSaves: false,
  },
  {
    platform: 'juniper_junos',
    show: 'show version',
    showExpect: /Junos/i,
    config: ['set interfaces lo0 description netrun-junos-test', 'set system location building netrun-b1'],
    configShows: ['netrun-junos-test', 'netrun-b1'],
    badLine: 'frobnicate the widgets',
    rejectExpect: /unknown command|syntax error/,
    commitSaves: true,
  },
];

let lab: Lab;
let platforms: PlatformRegistry;

beforeAll(async () => {
  platforms = await loadPlatformRegistry();
  lab = await startLab({
    devices: [
      ...CASES.flatMap((c) => [1, 2, 3].map((i) => ({ name: `${c.platform}-${i}`, platform: c.platform }))),
      { name: 'linux-1', platform: 'linux' },
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
});

const deps = () => ({ platforms, hostKeys: acceptAnyHostKey });
const open = (name: string, options?: Parameters<typeof labHost>[1]) =>
  openSession(labHost(byName(lab.devices, name), options), deps());

describe.each(CASES)('$platform against the lab', (c) => {
  it('runs show commands (clean output) and the show-config command', async () => {
    const session = await open(`${c.platform}-1`);
    try {
      const { output } = await session.run(c.show);
      expect(output).toMatch(c.showExpect);
      expect(output).not.toMatch(/\x1b|--More--|\r/);
      expect(output.split('\n')[0]).not.toContain(c.show);
      const config = await session.runningConfig();
      expect(config.length).toBeGreaterThan(20);
      const rejected = await failureOf(session.run(c.badLine));
      expect(rejected).toBeInstanceOf(DeviceCommandError);
      expect(rejected.code).toBe('COMMAND_REJECTED');
      expect(rejected.message).toMatch(c.rejectExpect);
      // A rejection leaves the session usable.
      expect((await session.run(c.show)).output).toMatch(c.showExpect);
    } finally {
      await session.close();
    }
  });

  it('pushes config and saves it when asked', async () => {
    const name = `${c.platform}-2`;
    const session = await open(name);
    try {
      const outcome = await session.pushConfig(c.config, { save: true });
      expect(outcome).toEqual({ applied: c.config, saved: true });
      for (const shown of c.configShows) {
        expect(lab.device(name).runningConfig()).toContain(shown);
        expect(lab.device(name).savedConfig()).toContain(shown);
      }
      expect((await session.run(c.show)).output).toMatch(c.showExpect);
    } finally {
      await session.close();
    }
  });

  it('pushes without save, and stops at the first rejected line', async () => {
    const name = `${c.platform}-3`;
    const session = await open(name);
    try {
      const plain = await session.pushConfig([c.config[0]], { save: false });
      expect(plain.applied).toEqual([c.config[0]]);
      expect(plain.saved).toBe(c.commitSaves);
      expect(lab.device(name).runningConfig()).toContain(c.configShows[0]);
      if (!c.commitSaves) expect(lab.device(name).savedConfig()).not.toContain(c.configShows[0]);

      const outcome = await session.pushConfig([...c.config, c.badLine, 'description never-sent'], {
        save: true,
      });
      expect(outcome.applied).toEqual(c.config);
      expect(outcome.rejected?.line).toBe(c.badLine);
      expect(outcome.rejected?.message).toMatch(c.rejectExpect);
      expect(outcome.saved).toBe(false);
      expect(lab.device(name).commands()).not.toContain('description never-sent');
      // Transactional platforms drop the half-typed change; others keep the lines they accepted.
      if (c.commitSaves) expect(lab.device(name).runningConfig()).not.toContain(c.configShows[1]);
      else expect(lab.device(name).runningConfig()).toContain(c.configShows[1]);
      expect((await session.run(c.show)).output).toMatch(c.showExpect);
    } finally {
      await session.close();
    }
  });
});

describe('privilege (enable)', () => {
  for (const platform of ['cisco_ios', 'arista_eos']) {
    it(`${platform}: logs in to user mode and enables with the secret`, async () => {
      const name = `${platform}-1`;
      const session = await open(name);
      await session.close();
      expect(lab.device(name).commands()).toContain('enable');
    });

    it(`${platform}: a wrong enable secret is ENABLE_FAILED`, async () => {
      const error = await failureOf(open(`${platform}-1`, { enableSecret: 'wrong-secret' }));
      expect(error.code).toBe('ENABLE_FAILED');
    });

    it(`${platform}: without an enable secret, show commands work and a push is ENABLE_FAILED`, async () => {
      const session = await open(`${platform}-1`, { enableSecret: null });
      try {
        expect((await session.run('show version')).output.length).toBeGreaterThan(10);
        const error = await failureOf(session.pushConfig(['interface Loopback92']));
        expect(error.code).toBe('ENABLE_FAILED');
        expect(error.message).toContain('no enable secret');
        // Refused before typing `enable`, so the session is still usable.
        expect(session.closed).toBe(false);
        expect((await session.run('show version')).output.length).toBeGreaterThan(10);
      } finally {
        await session.close();
      }
    });
  }
});

describe('linux (exec channel)', () => {
  it('runs commands over exec and refuses config pushes', async () => {
    const session = await open('linux-1');
    try {
      const { output } = await session.run('uname -a');
      expect(output).toMatch(/Linux/);
      expect((await failureOf(session.pushConfig(['x']))).code).toBe('COMMAND_INVALID');
    } finally {
      await session.close();
    }
  });
});
