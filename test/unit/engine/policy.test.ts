import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Actor, loadPolicy, parsePolicy } from '../../../src/engine/policy.js';
import {
  checkManageJob,
  checkRun,
  isAdmin,
  isKnown,
  matchesPattern,
  policyUsergroups,
} from '../../../src/engine/policy-check.js';
import { DEFAULT_RUN_COMMANDS } from '../../../src/engine/policy-schema.js';
import { isNetrunError } from '../../../src/errors.js';

const FIXTURE = 'test/fixtures/slack/policy.yaml';
const policy = loadPolicy(FIXTURE);

function actor(userId: string, usergroups: string[] = []): Actor {
  return { userId, usergroups: new Set(usergroups) };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('matchesPattern', () => {
  it('matches globs on whole commands, ignoring case and repeated spaces', () => {
    expect(matchesPattern('show *', 'show version')).toBe(true);
    expect(matchesPattern('show *', 'SHOW   Version')).toBe(true);
    expect(matchesPattern('show *', 'show')).toBe(false);
    expect(matchesPattern('show *', 'configure terminal')).toBe(false);
    expect(matchesPattern('show version', 'show version | include uptime')).toBe(false);
    expect(matchesPattern('ping ?.?.?.?', 'ping 1.2.3.4')).toBe(true);
  });

  it('treats regex characters in patterns literally', () => {
    expect(matchesPattern('show (x)', 'show (x)')).toBe(true);
    expect(matchesPattern('show a.c', 'show abc')).toBe(false);
  });
});

describe('checkRun', () => {
  it('allows a listed user the default read-only commands', () => {
    expect(checkRun(policy, actor('U0ALICE001'), 'show version')).toEqual({
      allowed: true,
      role: 'netops',
      pattern: 'show *',
    });
    expect(checkRun(policy, actor('U0ALICE001'), 'traceroute 10.0.0.1').allowed).toBe(true);
  });

  it('allows members of a listed user group', () => {
    expect(checkRun(policy, actor('U0ERIN0001', ['S0NETOPS01']), 'display version').allowed).toBe(true);
  });

  it('refuses everyone else by default, saying which user and which file', () => {
    const decision = checkRun(policy, actor('U0MALLORY1'), 'show version');
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.reason).toContain('U0MALLORY1');
      expect(decision.reason).toContain(FIXTURE);
      expect(decision.reason).toContain('`run`');
    }
  });

  it('refuses a command no role of the user allows, listing what is allowed', () => {
    const decision = checkRun(policy, actor('U0CAROL001'), 'show running-config');
    expect(decision).toMatchObject({ allowed: false });
    if (!decision.allowed) expect(decision.reason).toContain('allow only `show version`');
    expect(checkRun(policy, actor('U0ALICE001'), 'configure terminal').allowed).toBe(false);
    expect(checkRun(policy, actor('U0ALICE001'), 'reload').allowed).toBe(false);
  });

  it('refuses chaining and redirection even when a role allows the command', () => {
    for (const command of [
      'ping 10.0.0.1; reboot',
      'ping `id`',
      'ping $(id)',
      'show x && reload',
      'ping 10.0.0.1 & reboot',
      'traceroute &',
      'show run > /tmp/x',
    ]) {
      const decision = checkRun(policy, actor('U0ALICE001'), command);
      expect(decision.allowed, command).toBe(false);
      if (!decision.allowed) expect(decision.reason).toContain('deny pattern');
    }
    expect(checkRun(policy, actor('U0ALICE001'), 'show ip int brief | include up').allowed).toBe(true);
  });

  it('gives an admin no run permission of its own', () => {
    expect(checkRun(policy, actor('U0DAVE0001'), 'show version').allowed).toBe(false);
  });
});

describe('jobs and membership', () => {
  it('lets the requester or an admin manage a job', () => {
    expect(checkManageJob(policy, actor('U0ALICE001'), 'U0ALICE001', 'cancel').allowed).toBe(true);
    expect(checkManageJob(policy, actor('U0DAVE0001'), 'U0ALICE001', 'cancel')).toEqual({
      allowed: true,
      role: 'leads',
    });
    const other = checkManageJob(policy, actor('U0CAROL001'), 'U0ALICE001', 'cancel');
    expect(other.allowed).toBe(false);
    if (!other.allowed) expect(other.reason).toContain('<@U0ALICE001>');
  });

  it('knows who is in the policy at all, and who is an admin', () => {
    expect(isKnown(policy, actor('U0CAROL001'))).toBe(true);
    expect(isKnown(policy, actor('U0MALLORY1'))).toBe(false);
    expect(isAdmin(policy, actor('U0DAVE0001'))).toBe(true);
    expect(isAdmin(policy, actor('U0ALICE001'))).toBe(false);
  });

  it('lists the user groups worth looking up', () => {
    expect(policyUsergroups(policy)).toEqual(['S0NETOPS01']);
  });
});

describe('parsePolicy', () => {
  it('fills `run: {}` with the read-only defaults', () => {
    const parsed = parsePolicy('roles:\n  r:\n    users: [U0A1]\n    run: {}\n', 'p.yaml');
    expect(parsed.roles[0]?.run?.commands).toEqual([...DEFAULT_RUN_COMMANDS]);
  });

  it('refuses an empty file: it must say who may do what', () => {
    expect(() => parsePolicy('', 'p.yaml')).toThrow(/p\.yaml:.*roles: expected `roles:`/);
  });

  it('reports every problem with file, line and path, and what was expected', () => {
    const error = thrown(() => loadPolicy('test/fixtures/slack/policy-bad.yaml'));
    expect(isNetrunError(error, 'POLICY_INVALID')).toBe(true);
    const text = error.message;
    expect(text).toContain('policy-bad.yaml has');
    expect(text).toMatch(/policy-bad\.yaml:3: roles\.netops\.users\[0\]: expected a Slack user ID/);
    expect(text).toMatch(
      /policy-bad\.yaml:4: roles\.netops\.usergroups\[0\]: expected a Slack user group ID/,
    );
    expect(text).toMatch(/policy-bad\.yaml:6: roles\.netops\.run\.commands/);
    expect(text).toMatch(/policy-bad\.yaml:7: roles\.netops: unknown key "admn": check the spelling/);
    expect(text).toMatch(/policy-bad\.yaml:8: deny/);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = thrown(() => parsePolicy('roles:\n  a: [\n', 'broken.yaml'));
    expect(error.message).toMatch(/^broken\.yaml:\d+: YAML syntax error/);
  });

  it('says which file could not be read', () => {
    const error = thrown(() => loadPolicy('/nonexistent/policy.yaml'));
    expect(isNetrunError(error, 'FILE_UNREADABLE')).toBe(true);
    expect(error.message).toContain('/nonexistent/policy.yaml (ENOENT)');
  });

  it('parses the fixture the Slack tests use', () => {
    expect(parsePolicy(readFileSync(FIXTURE, 'utf8'), FIXTURE).roles.map((r) => r.name)).toEqual([
      'netops',
      'version-only',
      'leads',
    ]);
  });
});
