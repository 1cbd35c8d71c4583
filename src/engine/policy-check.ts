import type { Host } from '../inventory/types.js';
import type { Actor, Policy, Role } from './policy.js';

/**
 * What the policy allows, as pure functions. Default deny: a permission holds only when a role of
 * the actor grants it, for the command and for every device the target selects. A refusal names
 * the permission that is missing (`run`, `push`, `approve`, `admin`) and what would fix it.
 */

export type Permission = 'run' | 'push' | 'approve' | 'admin';

/**
 * What a refusal lacks: a permission, the channel being on the policy's `channels` list, or any
 * role at all (listings are for people the policy names). The audit trail records it.
 */
export type Requirement = Permission | 'channel' | 'role';

export type Decision =
  | { allowed: true; role: string; pattern?: string }
  | { allowed: false; reason: string; missing: Requirement };

/** Whitespace runs count as one space; case does not count (`SHOW VER` is `show ver`). */
export function normaliseCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ').toLowerCase();
}

const compiled = new Map<string, RegExp>();

/** `*` is any text (or none), `?` one character; everything else is literal. */
export function matchesPattern(pattern: string, command: string): boolean {
  const key = normaliseCommand(pattern);
  let regex = compiled.get(key);
  if (!regex) {
    const body = key
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${body}$`, 's');
    compiled.set(key, regex);
  }
  return regex.test(normaliseCommand(command));
}

/** A device is covered by a target pattern matching its name or one of its groups. */
export function coversHost(patterns: readonly string[], host: Pick<Host, 'name' | 'groups'>): boolean {
  return patterns.some(
    (pattern) =>
      matchesPattern(pattern, host.name) || host.groups.some((group) => matchesPattern(pattern, group)),
  );
}

/** The user group IDs the policy names: the only memberships worth looking up. */
export function policyUsergroups(policy: Policy): string[] {
  return [...new Set(policy.roles.flatMap((role) => [...role.usergroups]))];
}

export function rolesOf(policy: Policy, actor: Actor): Role[] {
  return policy.roles.filter(
    (role) => role.users.has(actor.userId) || [...role.usergroups].some((g) => actor.usergroups.has(g)),
  );
}

export function isAdmin(policy: Policy, actor: Actor): boolean {
  return rolesOf(policy, actor).some((role) => role.admin);
}

/** Anyone the policy names at all may list groups, devices and jobs. */
export function isKnown(policy: Policy, actor: Actor): boolean {
  return rolesOf(policy, actor).length > 0;
}

/** Listings show the inventory's names: only people in some role may see them. */
export function checkKnown(policy: Policy, actor: Actor): Decision {
  const role = rolesOf(policy, actor)[0];
  if (role) return { allowed: true, role: role.name };
  return { allowed: false, missing: 'role', reason: notInPolicy(policy, actor, 'use') };
}

/**
 * Channels the policy limits netrun to; everywhere when it names none. It holds for every
 * subcommand and button alike: a channel left off the list gets nothing from netrun.
 */
export function checkChannel(policy: Policy, channel: string): Decision {
  if (!policy.channels || policy.channels.includes(channel)) return { allowed: true, role: 'channel' };
  const where = channel === '' ? 'here' : `in this channel (${channel})`;
  return {
    allowed: false,
    missing: 'channel',
    reason: `netrun does not take commands ${where}: the \`channels\` list in ${policy.source} allows only ${policy.channels.map((c) => `<#${c}>`).join(', ')}. Use one of those channels, or ask an admin to add this one.`,
  };
}

/**
 * A command may run when no `deny` pattern matches and, for every device (when given), some role of
 * the actor has `run` with a matching command pattern and a target pattern covering the device.
 */
export function checkRun(policy: Policy, actor: Actor, command: string, hosts?: readonly Host[]): Decision {
  const denied = policy.deny.find((pattern) => matchesPattern(pattern, command));
  if (denied) {
    return {
      allowed: false,
      missing: 'run',
      reason: `\`${command}\` matches the deny pattern \`${denied}\` in ${policy.source}: netrun refuses commands that could chain or redirect into another command, whatever \`run\` permission a role grants.`,
    };
  }
  const runners = rolesOf(policy, actor).filter((role) => role.run);
  if (runners.length === 0)
    return { allowed: false, missing: 'run', reason: notInPolicy(policy, actor, 'run') };
  const matching = runners
    .map((role) => ({ role, pattern: role.run?.commands.find((p) => matchesPattern(p, command)) }))
    .filter((m): m is { role: Role; pattern: string } => m.pattern !== undefined);
  if (matching.length === 0) {
    const allowed = [...new Set(runners.flatMap((role) => role.run?.commands ?? []))];
    return {
      allowed: false,
      missing: 'run',
      reason: `\`${command}\` is not allowed for you: your roles (${names(runners)}) allow only ${allowed.map((p) => `\`${p}\``).join(', ')} (their \`run\` permission). Ask an admin to change ${policy.source} if you need more.`,
    };
  }
  const first = matching[0] as { role: Role; pattern: string };
  const uncovered = uncoveredHosts(hosts, (host) =>
    matching.some((m) => coversHost(m.role.run?.targets ?? [], host)),
  );
  if (uncovered.length === 0) return { allowed: true, role: first.role.name, pattern: first.pattern };
  const targets = [...new Set(matching.flatMap((m) => m.role.run?.targets ?? []))];
  return {
    allowed: false,
    missing: 'run',
    reason: `You may run \`${command}\` only on ${quoted(targets)}; not on ${listHosts(uncovered)} (your \`run\` permission does not cover them). Narrow the target, or ask an admin to change ${policy.source}.`,
  };
}

/** Requesting a push: a role with `push` whose targets cover every device. */
export function checkPush(policy: Policy, actor: Actor, hosts: readonly Host[]): Decision {
  return checkTargets(policy, actor, hosts, 'push', 'request config pushes to');
}

/** Approving someone else's push: a role with `approve` whose targets cover every device. */
export function checkApprove(policy: Policy, actor: Actor, hosts: readonly Host[]): Decision {
  return checkTargets(policy, actor, hosts, 'approve', 'approve config pushes to');
}

function checkTargets(
  policy: Policy,
  actor: Actor,
  hosts: readonly Host[],
  permission: 'push' | 'approve',
  verb: string,
): Decision {
  const roles = rolesOf(policy, actor).filter((role) => role[permission]);
  if (roles.length === 0)
    return { allowed: false, missing: permission, reason: notInPolicy(policy, actor, permission) };
  const uncovered = uncoveredHosts(hosts, (host) =>
    roles.some((role) => coversHost(role[permission]?.targets ?? [], host)),
  );
  if (uncovered.length === 0) return { allowed: true, role: (roles[0] as Role).name };
  const targets = [...new Set(roles.flatMap((role) => role[permission]?.targets ?? []))];
  return {
    allowed: false,
    missing: permission,
    reason: `You may ${verb} ${quoted(targets)} only; \`${permission}\` does not cover ${listHosts(uncovered)}. Ask an admin to change ${policy.source}.`,
  };
}

/** Cancel and retry: the person who started the job, or an admin. */
export function checkManageJob(policy: Policy, actor: Actor, ownerId: string, what: string): Decision {
  if (actor.userId === ownerId) return { allowed: true, role: 'requester' };
  const admin = rolesOf(policy, actor).find((role) => role.admin);
  if (admin) return { allowed: true, role: admin.name };
  return {
    allowed: false,
    missing: 'admin',
    reason: `Only <@${ownerId}>, who started this job, or a netrun admin (\`admin\` permission) may ${what} it.`,
  };
}

const PERMISSION_WORDS: Record<Permission | 'use', string> = {
  use: 'use',
  run: 'run commands with',
  push: 'request config pushes with',
  approve: 'approve config pushes with',
  admin: 'administer',
};

export function notInPolicy(policy: Policy, actor: Actor, permission: Permission | 'use'): string {
  const role = permission === 'use' ? 'no role' : `no role with \`${permission}\``;
  return `You are not allowed to ${PERMISSION_WORDS[permission]} netrun: your Slack user (${actor.userId}) is in ${role} in ${policy.source}. Ask a netrun admin to add you.`;
}

function uncoveredHosts(hosts: readonly Host[] | undefined, covered: (host: Host) => boolean): Host[] {
  return (hosts ?? []).filter((host) => !covered(host));
}

function names(roles: readonly Role[]): string {
  return roles.map((role) => role.name).join(', ');
}

function quoted(patterns: readonly string[]): string {
  return patterns.map((p) => `\`${p}\``).join(', ');
}

function listHosts(hosts: readonly Host[]): string {
  const shown = hosts.slice(0, 5).map((host) => host.name);
  return `${shown.join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''}`;
}
