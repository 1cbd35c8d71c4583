import type { Host, Inventory } from '../inventory/types.js';
import type { Policy, Role } from './policy.js';
import { coversHost, matchesPattern } from './policy-check.js';

/**
 * Cross-checks of a valid policy against a valid inventory, for `netrun check`. Pure. Each finding
 * is a warning: the policy still works, but some part of it cannot do what its author meant.
 */
export interface PolicyFinding {
  /** Where in the policy file: `roles.noc.run.targets[1]`. */
  path: string;
  message: string;
}

type Scope = 'run' | 'push' | 'approve';
const SCOPES: readonly Scope[] = ['run', 'push', 'approve'];

export function lintPolicy(policy: Policy, inventory: Inventory): PolicyFinding[] {
  return [
    ...policy.roles.flatMap((role) => lintRole(role, inventory)),
    ...unapprovablePushes(policy, inventory),
  ];
}

function lintRole(role: Role, inventory: Inventory): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const at = `roles.${role.name}`;
  if (role.users.size === 0 && role.usergroups.size === 0) {
    findings.push({ path: at, message: 'has no users and no usergroups: it grants nothing to anyone' });
  }
  if (!role.run && !role.push && !role.approve && !role.admin) {
    findings.push({
      path: at,
      message: 'grants no permission (run, push, approve or admin): nobody gains anything from it',
    });
  }
  for (const scope of SCOPES) {
    role[scope]?.targets.forEach((pattern, index) => {
      if (matchesSomething(pattern, inventory)) return;
      findings.push({
        path: `${at}.${scope}.targets[${index}]`,
        message: `"${pattern}" matches no group or host in ${inventory.source}: check the spelling (patterns use * and ?)`,
      });
    });
  }
  return findings;
}

function matchesSomething(pattern: string, inventory: Inventory): boolean {
  return (
    inventory.hosts.some((host) => matchesPattern(pattern, host.name)) ||
    inventory.groups.some((group) => matchesPattern(pattern, group.name))
  );
}

/**
 * A push needs another person with `approve` on every device. A device someone may push to but
 * nobody may approve, or only the pusher themself, is a push that can never run.
 */
function unapprovablePushes(policy: Policy, inventory: Inventory): PolicyFinding[] {
  const approvers = policy.roles.filter((role) => role.approve);
  return policy.roles.flatMap((role) => {
    if (!role.push) return [];
    const pushable = inventory.hosts.filter((host) => coversHost(role.push?.targets ?? [], host));
    const unapproved = pushable.filter(
      (host) => !approvers.some((a) => coversHost(a.approve?.targets ?? [], host)),
    );
    if (unapproved.length > 0) {
      return [
        {
          path: `roles.${role.name}.push.targets`,
          message: `no role may approve pushes to ${listNames(unapproved)} (no \`approve\` target covers them): such pushes could never run`,
        },
      ];
    }
    const onlySelf = pushable.filter((host) => onlyApproverIsPusher(role, host, approvers));
    if (onlySelf.length === 0) return [];
    return [
      {
        path: `roles.${role.name}.push.targets`,
        message: `the only approver of pushes to ${listNames(onlySelf)} is ${[...role.users][0]}, who also requests them and cannot approve their own: add another approver`,
      },
    ];
  });
}

/** True when exactly one user, and no group, may approve `host`, and that user is this push role's only member. */
function onlyApproverIsPusher(pusher: Role, host: Host, approvers: readonly Role[]): boolean {
  const covering = approvers.filter((a) => coversHost(a.approve?.targets ?? [], host));
  if (covering.some((a) => a.usergroups.size > 0) || pusher.usergroups.size > 0) return false;
  const users = new Set(covering.flatMap((a) => [...a.users]));
  return users.size === 1 && pusher.users.size === 1 && users.has([...pusher.users][0] as string);
}

function listNames(hosts: readonly Host[]): string {
  const shown = hosts.slice(0, 5).map((host) => host.name);
  return `${shown.join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''}`;
}
