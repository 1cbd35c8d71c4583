import { describe, expect, it } from 'vitest';
import {
  describeHosts,
  explainTarget,
  type Inventory,
  parseInventory,
  selectTargets,
  summarizeHosts,
} from '../../../src/inventory/index.js';
import { failure } from './helpers.js';

const inventory: Inventory = parseInventory(
  `
defaults: { platform: cisco_ios }
groups:
  ams: { data: { site: ams } }
  lon: { data: { site: lon } }
  core-routers: { platform: cisco_xr, data: { role: core } }
  edge-switches: { platform: arista_eos, data: { role: edge } }
  spare: {}
hosts:
  r1: { address: 10.0.0.1, groups: [core-routers, ams], data: { tags: [pe, mpls], vlan: 10 } }
  r2: { address: 10.0.0.2, groups: [core-routers, lon], data: { tags: [pe] } }
  sw1: { address: 10.0.1.1, groups: [edge-switches, ams] }
  sw2: { address: 10.0.1.2, groups: [edge-switches, lon] }
  fw1: { address: 10.0.2.1, platform: linux, data: { role: firewall, site: ams } }
`,
  { source: 'inventory.yaml', env: {}, baseDir: '/', homeDir: '/' },
);

const names = (expression: string) => selectTargets(inventory, expression).map((h) => h.name);

describe('selectTargets', () => {
  it.each([
    ['all', ['r1', 'r2', 'sw1', 'sw2', 'fw1']],
    ['core-routers', ['r1', 'r2']],
    ['r2', ['r2']],
    ['sw2,r1', ['r1', 'sw2']],
    ['core-routers,sw1', ['r1', 'r2', 'sw1']],
    ['core-routers, ams', ['r1', 'r2', 'sw1']],
    ['r1,r1,core-routers', ['r1', 'r2']],
    ['core-routers,!r1', ['r2']],
    ['all,!lon', ['r1', 'sw1', 'fw1']],
    ['!core-routers', ['sw1', 'sw2', 'fw1']],
    ['role=core', ['r1', 'r2']],
    ['role=core,site=ams', ['r1']],
    ['site=ams', ['r1', 'sw1', 'fw1']],
    ['ams,role=edge', ['sw1']],
    ['platform=arista_eos', ['sw1', 'sw2']],
    ['platform=cisco_xr,site=lon', ['r2']],
    ['tags=pe', ['r1', 'r2']],
    ['tags=mpls', ['r1']],
    ['vlan=10', ['r1']],
    ['all,!role=core', ['sw1', 'sw2', 'fw1']],
    ['site=ams,!fw1', ['r1', 'sw1']],
    [' core-routers , , ', ['r1', 'r2']],
  ])('%s → %j', (expression, expected) => {
    expect(names(expression)).toEqual(expected);
  });

  it('returns hosts in inventory order whatever the order of terms', () => {
    expect(names('fw1,sw1,r2')).toEqual(['r2', 'sw1', 'fw1']);
  });

  it('says "did you mean" for an unknown group or host', () => {
    expect(failure(() => names('core-routres'))).toMatchObject({
      code: 'TARGET_UNKNOWN',
      lines: ['unknown target "core-routres" — did you mean "core-routers"?'],
      hint: 'use `netrun groups` or `/netrun groups` to list targets',
    });
    expect(failure(() => names('sw3')).lines).toEqual([
      'unknown target "sw3" — did you mean "sw1", "sw2" or "fw1"?',
    ]);
  });

  it('reports every unknown term at once, including excluded ones', () => {
    expect(failure(() => names('r1,nothing-like-it,!edge-swiches')).lines).toEqual([
      'unknown target "nothing-like-it": no group or host has that name',
      'unknown target "edge-swiches" — did you mean "edge-switches"?',
    ]);
  });

  it('names an unknown filter key with the nearest key and the keys that exist', () => {
    expect(failure(() => names('rol=core')).lines).toEqual([
      'unknown filter key "rol" in "rol=core" — did you mean "role"? (filters work on: platform, site, role, tags, vlan)',
    ]);
  });

  it('explains which terms selected what when nothing is left', () => {
    expect(failure(() => names('core-routers,site=par'))).toMatchObject({
      code: 'TARGET_EMPTY',
      lines: [
        'target "core-routers,site=par" selects no devices: core-routers selects 2; site=par keeps 0 of 2 (site values there: ams, lon)',
      ],
    });
    expect(failure(() => names('r1,!ams')).lines).toEqual([
      'target "r1,!ams" selects no devices: r1 selects 1; !ams removes 1 of 1',
    ]);
    expect(failure(() => names('spare')).lines).toEqual([
      'target "spare" selects no devices: spare selects 0',
    ]);
  });

  it('suggests the nearest value of a filter that kept nothing', () => {
    expect(failure(() => names('role=cor')).lines).toEqual([
      'target "role=cor" selects no devices: role=cor keeps 0 of 5 (role values there: core)',
    ]);
  });

  it('says when the filtered hosts have no such key at all', () => {
    expect(failure(() => names('core-routers,vlan=10,tags=mpls,!r1')).lines).toEqual([
      'target "core-routers,vlan=10,tags=mpls,!r1" selects no devices: core-routers selects 2; vlan=10 keeps 1 of 2; tags=mpls keeps 1 of 1; !r1 removes 1 of 1',
    ]);
    expect(failure(() => names('edge-switches,tags=pe')).lines).toEqual([
      'target "edge-switches,tags=pe" selects no devices: edge-switches selects 2; tags=pe keeps 0 of 2 (none of them has tags)',
    ]);
  });

  it.each([
    ['', 'no target given: name a group, a host, "all", or a filter such as role=core'],
    [' , ', 'no target given: name a group, a host, "all", or a filter such as role=core'],
    ['r1,!', '"!" needs a name after "!", e.g. !r1'],
    ['role=', '"role=" needs a key and a value, e.g. role=core'],
    ['=core', '"=core" needs a key and a value, e.g. role=core'],
  ])('refuses the malformed target %j as USAGE', (expression, line) => {
    expect(failure(() => names(expression))).toMatchObject({ code: 'USAGE', lines: [line] });
  });

  it('explains a successful selection too (for previews)', () => {
    expect(explainTarget(inventory, 'all,site=ams,!role=firewall')).toMatchObject({
      hosts: [{ name: 'r1' }, { name: 'sw1' }],
      steps: [
        { term: 'all', count: 5 },
        { term: 'site=ams', count: 3, of: 5 },
        { term: '!role=firewall', count: 1, of: 3 },
      ],
    });
  });

  it('says an empty inventory has no hosts', () => {
    const empty = parseInventory('hosts: {}', { source: 'inv.yaml', env: {}, baseDir: '/', homeDir: '/' });
    expect(failure(() => selectTargets(empty, 'all')).lines).toEqual([
      'target "all" selects no devices: inv.yaml has no hosts',
    ]);
  });
});

describe('summarizeHosts / describeHosts', () => {
  it('counts platforms, most common first', () => {
    const hosts = selectTargets(inventory, 'all');
    expect(summarizeHosts(hosts)).toEqual({
      count: 5,
      platforms: [
        { platform: 'arista_eos', count: 2 },
        { platform: 'cisco_xr', count: 2 },
        { platform: 'linux', count: 1 },
      ],
    });
    expect(describeHosts(hosts)).toBe('5 devices (2 arista_eos, 2 cisco_xr, 1 linux)');
    expect(describeHosts(selectTargets(inventory, 'r1'))).toBe('1 device (1 cisco_xr)');
    expect(describeHosts([])).toBe('no devices');
  });
});
