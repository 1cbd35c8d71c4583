import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/engine/policy.js';
import { lintPolicy } from '../../../src/engine/policy-lint.js';
import type { Host, Inventory } from '../../../src/inventory/types.js';
import { makeHost } from '../../helpers/make-host.js';

function host(name: string, groups: string[]): Host {
  return { ...makeHost(name), groups };
}

const inventory: Inventory = {
  source: 'inventory.yaml',
  hosts: [host('r1', ['core-routers']), host('sw1', ['edge-switches']), host('sw2', ['edge-switches'])],
  groups: [
    { name: 'core-routers', parents: [], hostCount: 1 },
    { name: 'edge-switches', parents: [], hostCount: 2 },
  ],
};

const lint = (yaml: string) => lintPolicy(parsePolicy(yaml, 'policy.yaml'), inventory);

describe('lintPolicy', () => {
  it('finds nothing wrong with a policy whose patterns all match and whose pushes can be approved', () => {
    expect(
      lint(`
roles:
  noc: { users: [U0ALICE001], run: { targets: [edge-*, r1] }, push: { targets: [edge-switches] } }
  leads: { users: [U0BOB00001], approve: { targets: ['*'] }, admin: true }
`),
    ).toEqual([]);
  });

  it('warns about target patterns that match no group or host, at their path', () => {
    const findings = lint(`
roles:
  noc: { users: [U0ALICE001], run: { targets: [edge-*, egde-switches] } }
  leads: { users: [U0BOB00001], approve: { targets: [core-ruoters] } }
`);
    expect(findings).toEqual([
      {
        path: 'roles.noc.run.targets[1]',
        message: expect.stringContaining('"egde-switches" matches no group or host in inventory.yaml'),
      },
      {
        path: 'roles.leads.approve.targets[0]',
        message: expect.stringContaining('"core-ruoters" matches no group or host'),
      },
    ]);
  });

  it('warns about pushes nobody may approve, naming the devices', () => {
    const findings = lint(`
roles:
  pushers: { usergroups: [S0PUSHERS1], push: { targets: ['*'] } }
  edge-approvers: { users: [U0BOB00001], approve: { targets: [edge-switches] } }
`);
    expect(findings).toEqual([
      {
        path: 'roles.pushers.push.targets',
        message: expect.stringContaining('no role may approve pushes to r1'),
      },
    ]);
  });

  it('warns when the only approver is the only pusher: self-approval is never allowed', () => {
    const findings = lint(`
roles:
  solo: { users: [U0ALICE001], push: { targets: [edge-switches] }, approve: { targets: ['*'] } }
`);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('the only approver of pushes to sw1, sw2 is U0ALICE001');
  });

  it('warns about roles without members or without permissions', () => {
    const findings = lint(`
roles:
  empty: { run: {} }
  idle: { users: [U0ALICE001] }
`);
    expect(findings.map((f) => f.path)).toEqual(['roles.empty', 'roles.idle']);
    expect(findings[0]?.message).toContain('no users and no usergroups');
    expect(findings[1]?.message).toContain('grants no permission');
  });
});
