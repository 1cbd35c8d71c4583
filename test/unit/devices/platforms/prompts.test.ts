import { beforeAll, describe, expect, it } from 'vitest';
import { matchPrompt } from '../../../../src/devices/channel/prompt.js';
import { findModePath } from '../../../../src/devices/platforms/platform.js';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../../src/devices/platforms/registry.js';

/** Prompts as real devices print them (from vendor docs, Netmiko/scrapli test fixtures). */
const PROMPTS: Record<string, [string, string | undefined][]> = {
  cisco_ios: [
    ['r1>', 'exec'],
    ['r1#', 'privileged'],
    ['r1(config)#', 'config'],
    ['r1(config-if)#', 'config'],
    ['r1(config-router-af)#', 'config'],
    ['r1(tcl)#', undefined],
    ['Password: ', undefined],
  ],
  cisco_nxos: [
    ['n9k-1# ', 'privileged'],
    ['n9k-1(config)# ', 'config'],
    ['n9k-1(config-if)# ', 'config'],
    ['n9k-1(config-s)# ', undefined],
  ],
  cisco_xr: [
    ['RP/0/RSP0/CPU0:xr1#', 'privileged'],
    ['RP/0/RSP0/CPU0:xr1(config)#', 'config'],
    ['RP/0/RP0/CPU0:xr1(config-if)#', 'config'],
  ],
  arista_eos: [
    ['sw1>', 'exec'],
    ['sw1#', 'privileged'],
    ['sw1(s1)#', 'privileged'],
    ['sw1(config-if-Et1)#', 'config'],
    ['sw1(config-s-sess1)#', undefined],
  ],
  juniper_junos: [
    ['netrun@vmx1> ', 'exec'],
    ['netrun@vmx1# ', 'config'],
    ['[edit]', undefined],
    ['---(more 52%)---', undefined],
  ],
  linux: [
    ['netrun@lab1:~$ ', 'user'],
    ['root@lab1:/etc# ', 'root'],
    ['[sudo] password for netrun: ', undefined],
  ],
};

describe('built-in platform prompts', () => {
  let registry: PlatformRegistry;
  beforeAll(async () => {
    registry = await loadPlatformRegistry();
  });

  for (const [platform, cases] of Object.entries(PROMPTS)) {
    it(`${platform} recognises its modes`, () => {
      const modes = registry.get(platform).modes;
      for (const [line, mode] of cases) expect([line, matchPrompt(line, modes)?.mode]).toEqual([line, mode]);
    });
  }

  it('captures the hostname part as base, so look-alikes from other devices do not count', () => {
    const modes = registry.get('cisco_ios').modes;
    expect(matchPrompt('r1(config-if)#', modes)?.base).toBe('r1');
    expect(matchPrompt('core2#', modes, 'r1')).toBeUndefined();
    expect(matchPrompt('r1#', modes, 'r1')?.mode).toBe('privileged');
    // IOS shortens long hostnames in config mode.
    expect(matchPrompt('very-long-hostnam(config)#', modes, 'very-long-hostname-01')?.mode).toBe('config');
  });

  it('has a path between every mode and the default and config modes', () => {
    for (const name of registry.names()) {
      const p = registry.get(name);
      for (const mode of p.modes) {
        if (p.transitions.length === 0) continue;
        if (p.config)
          expect(findModePath(p, mode.name, p.config.mode), `${name}: ${mode.name} → config`).toBeDefined();
      }
      if (p.config)
        expect(findModePath(p, p.config.mode, p.defaultMode), `${name}: config → default`).toBeDefined();
    }
    const ios = registry.get('cisco_ios');
    expect(findModePath(ios, 'exec', 'config')?.map((t) => t.command)).toEqual([
      'enable',
      'configure terminal',
    ]);
  });
});
