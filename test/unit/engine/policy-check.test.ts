import { describe, expect, it } from 'vitest';
import { type Actor, parsePolicy } from '../../../src/engine/policy.js';
import {
  checkApprove,
  checkChannel,
  checkKnown,
  checkManageJob,
  checkPush,
  checkRun,
  coversHost,
} from '../../../src/engine/policy-check.js';
import { isNetrunError } from '../../../src/errors.js';
import type { Host } from '../../../src/inventory/types.js';
import { makeHost } from '../../helpers/make-host.js';

const policy = parsePolicy(
  `
channels: [C0NETOPS01]
roles:
  noc:
    users: [U0ALICE001]
    run: { targets: [edge-*, lab] }
  pushers:
    usergroups: [S0PUSHERS1]
    push: { targets: [edge-switches] }
  approvers:
    users: [U0BOB00001]
    approve: { targets: ['*'] }
  core-readers:
    users: [U0BOB00001]
    run: { commands: ['show version'], targets: [core-routers] }
`,
  'policy.yaml',
);

const alice: Actor = { userId: 'U0ALICE001', usergroups: new Set() };
const carol: Actor = { userId: 'U0CAROL001', usergroups: new Set(['S0PUSHERS1']) };
const bob: Actor = { userId: 'U0BOB00001', usergroups: new Set() };

function host(name: string, groups: string[]): Host {
  return { ...makeHost(name), groups };
}
const edge = host('sw1', ['edge-switches', 'ams']);
const core = host('r1', ['core-routers']);
const labBox = host('lab', []);

describe('target patterns', () => {
  it('cover a device by its name or any of its groups, with wildcards', () => {
    expect(coversHost(['edge-*'], edge)).toBe(true);
    expect(coversHost(['lab'], labBox)).toBe(true);
    expect(coversHost(['edge-*', 'lab'], core)).toBe(false);
    expect(coversHost(['r?'], core)).toBe(true);
  });
});

describe('checkRun with targets', () => {
  it('allows a command on devices its role covers, and names the uncovered ones otherwise', () => {
    expect(checkRun(policy, alice, 'show version', [edge, labBox]).allowed).toBe(true);
    const refused = checkRun(policy, alice, 'show version', [edge, core]);
    expect(refused).toMatchObject({ allowed: false, missing: 'run' });
    expect(refused.allowed || refused.reason).toContain('only on `edge-*`, `lab`; not on r1');
  });

  it('combines roles: each device needs a role that allows both the command and the device', () => {
    expect(checkRun(policy, bob, 'show version', [core]).allowed).toBe(true);
    expect(checkRun(policy, bob, 'show clock', [core]).allowed).toBe(false);
    expect(checkRun(policy, bob, 'show version', [edge]).allowed).toBe(false);
  });

  it('defaults run targets to every device', () => {
    const open = parsePolicy('roles:\n  all:\n    users: [U0ALICE001]\n    run: {}\n', 'p.yaml');
    expect(checkRun(open, alice, 'show version', [edge, core, labBox]).allowed).toBe(true);
  });
});

describe('checkPush and checkApprove', () => {
  it('needs the push permission covering every device, through a user group', () => {
    expect(checkPush(policy, carol, [edge]).allowed).toBe(true);
    const partial = checkPush(policy, carol, [edge, core]);
    expect(partial).toMatchObject({ allowed: false, missing: 'push' });
    expect(partial.allowed || partial.reason).toContain('`push` does not cover r1');
    const none = checkPush(policy, alice, [edge]);
    expect(none.allowed || none.reason).toContain('is in no role with `push`');
  });

  it('needs the approve permission', () => {
    expect(checkApprove(policy, bob, [edge, core]).allowed).toBe(true);
    expect(checkApprove(policy, carol, [edge])).toMatchObject({ allowed: false, missing: 'approve' });
  });

  it('requires push and approve to name their targets', () => {
    const error = (() => {
      try {
        parsePolicy('roles:\n  p:\n    users: [U0ALICE001]\n    push: {}\n', 'p.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(isNetrunError(error, 'POLICY_INVALID')).toBe(true);
    expect((error as Error).message).toContain('p.yaml:4: roles.p.push.targets');
  });
});

describe('checkChannel and admin', () => {
  it('limits netrun to the listed channels', () => {
    expect(checkChannel(policy, 'C0NETOPS01').allowed).toBe(true);
    const elsewhere = checkChannel(policy, 'C0RANDOM01');
    expect(elsewhere.allowed || elsewhere.reason).toContain('does not take commands in this channel');
  });

  it('says the admin permission is what is missing to manage another person’s job', () => {
    expect(checkManageJob(policy, alice, 'U0CAROL001', 'cancel')).toMatchObject({
      allowed: false,
      missing: 'admin',
    });
  });
});

describe('every refusal names what is missing', () => {
  const stranger: Actor = { userId: 'U0STRANGE1', usergroups: new Set() };
  const refusals = [
    ['run: not in any role', checkRun(policy, stranger, 'show version'), 'run', '`run`'],
    ['run: command not allowed', checkRun(policy, bob, 'show clock'), 'run', '`run`'],
    ['run: deny pattern', checkRun(policy, alice, 'show version; reload'), 'run', '`run`'],
    ['run: target not covered', checkRun(policy, alice, 'show version', [core]), 'run', '`run`'],
    ['push', checkPush(policy, alice, [edge]), 'push', '`push`'],
    ['approve', checkApprove(policy, carol, [edge]), 'approve', '`approve`'],
    ['admin', checkManageJob(policy, alice, 'U0CAROL001', 'retry'), 'admin', '`admin`'],
    ['channel', checkChannel(policy, 'C0RANDOM01'), 'channel', '`channels`'],
    ['role', checkKnown(policy, stranger), 'role', 'no role'],
  ] as const;

  for (const [name, decision, missing, words] of refusals) {
    it(`${name}: missing ${missing}, said in the reason`, () => {
      expect(decision).toMatchObject({ allowed: false, missing });
      expect(decision.allowed || decision.reason).toContain(words);
    });
  }

  it('lets anyone in a role through checkKnown, and every channel when the policy lists none', () => {
    expect(checkKnown(policy, carol)).toMatchObject({ allowed: true, role: 'pushers' });
    const open = parsePolicy('roles:\n  all:\n    users: [U0ALICE001]\n    run: {}\n', 'p.yaml');
    expect(checkChannel(open, 'C0ANYWHERE').allowed).toBe(true);
  });
});
