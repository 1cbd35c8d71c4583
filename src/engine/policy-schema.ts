import { z } from 'zod';

/**
 * The policy file: who may do what from Slack. Roles name their members (Slack user IDs and user
 * group IDs) and what they grant: `run` (command patterns × target patterns), `push` and `approve`
 * (target patterns) and `admin` (manage anyone's jobs). Anything not granted is refused. Strict
 * objects: a typo is an error, never a silently ignored key.
 */

/** What `run: {}` allows when it lists no commands: read-only commands only. */
export const DEFAULT_RUN_COMMANDS = ['show *', 'display *', 'ping *', 'traceroute *'] as const;

/**
 * Refused whatever a role allows: each would let one allowed command become another (a shell on a
 * Linux host runs `ping x; reboot` and `ping x & reboot` as two commands, and `>` writes files).
 * A single `&` is in the list, not only `&&`: the fuzz test found `traceroute x & …` let through.
 */
export const DEFAULT_DENY_COMMANDS = ['*;*', '*`*', '*$(*', '*&*', '*||*', '*>*', '*<*'] as const;

const userId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user ID such as U012AB3CD (Profile → ⋮ → Copy member ID)');
const usergroupId = z
  .string()
  .regex(/^S[A-Z0-9]{2,}$/, 'expected a Slack user group ID such as S0123ABCD (starts with S)');
const pattern = z
  .string()
  .trim()
  .min(1, 'expected a command pattern such as "show *"')
  .max(500, 'expected a pattern of at most 500 characters');

const channelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'expected a Slack channel ID such as C012AB3CD (channel details → bottom)');
const targetPattern = z
  .string()
  .trim()
  .min(1, 'expected a target pattern: a group or host name, `*` wildcards allowed, such as "edge-*"')
  .max(200, 'expected a target pattern of at most 200 characters');

/** Group or host names (`*` and `?` wildcards); a device is covered when its name or one of its groups matches. */
function targetList(what: string) {
  return z
    .array(targetPattern, { error: `expected a list of target patterns such as ['edge-switches', 'lab-*']` })
    .min(1, `list at least one target pattern for \`${what}\` (use '*' for every device)`);
}

export const runPermissionSchema = z.strictObject({
  /** Glob patterns (`*` any text, `?` one character), matched case-insensitively on whole commands. */
  commands: z
    .array(pattern, { error: "expected a list of command patterns such as ['show *']" })
    .min(1, 'list at least one command pattern, or leave out `commands` for the read-only defaults')
    .default([...DEFAULT_RUN_COMMANDS]),
  /** Where those commands may run; every device when left out (read-only commands by default). */
  targets: targetList('run').default(['*']),
});

/** Config pushes name their targets explicitly: there is no default for changing the network. */
export const pushPermissionSchema = z.strictObject({ targets: targetList('push') });
export const approvePermissionSchema = z.strictObject({ targets: targetList('approve') });

export const roleSchema = z.strictObject({
  description: z.string().optional(),
  users: z.array(userId, { error: 'expected a list of Slack user IDs' }).default([]),
  usergroups: z.array(usergroupId, { error: 'expected a list of Slack user group IDs' }).default([]),
  run: runPermissionSchema.optional(),
  /** May request config pushes to these targets (someone else must approve). */
  push: pushPermissionSchema.optional(),
  /** May approve or reject other people's push requests for these targets. */
  approve: approvePermissionSchema.optional(),
  /** May cancel and retry anyone's jobs. */
  admin: z.boolean().default(false),
});

export const policyFileSchema = z.strictObject({
  roles: z.record(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a role name of letters, digits, _ . -'),
    roleSchema,
    { error: 'expected `roles:`, a map from role names to roles (see README, "Policy")' },
  ),
  /** When given, netrun answers commands only in these channels (IDs); elsewhere it refuses. */
  channels: z.array(channelId, { error: 'expected a list of Slack channel IDs' }).min(1).optional(),
  /** Patterns refused for everyone; replaces the default list when given. */
  deny: z
    .array(pattern, { error: "expected a list of command patterns such as ['*;*']" })
    .default([...DEFAULT_DENY_COMMANDS]),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type RoleSpec = z.infer<typeof roleSchema>;
