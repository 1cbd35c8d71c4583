import { z } from 'zod';

/**
 * The policy file: who may do what from Slack. Roles name their members (Slack user IDs and user
 * group IDs) and what they grant. Today a role grants `run` (command patterns) and `admin` (manage
 * anyone's jobs); later permissions (targets, push, approve, channels) are new keys on the same role,
 * so files written now stay valid. Strict objects: a typo is an error, never a silently ignored key.
 */

/** What `run: {}` allows when it lists no commands: read-only commands only. */
export const DEFAULT_RUN_COMMANDS = ['show *', 'display *', 'ping *', 'traceroute *'] as const;

/**
 * Refused whatever a role allows: each would let one allowed command become another (a shell on a
 * Linux host runs `ping x; reboot` as two commands, and `>` writes files).
 */
export const DEFAULT_DENY_COMMANDS = ['*;*', '*`*', '*$(*', '*&&*', '*||*', '*>*', '*<*'] as const;

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

export const runPermissionSchema = z.strictObject({
  /** Glob patterns (`*` any text, `?` one character), matched case-insensitively on whole commands. */
  commands: z
    .array(pattern, { error: "expected a list of command patterns such as ['show *']" })
    .min(1, 'list at least one command pattern, or leave out `commands` for the read-only defaults')
    .default([...DEFAULT_RUN_COMMANDS]),
});

export const roleSchema = z.strictObject({
  description: z.string().optional(),
  users: z.array(userId, { error: 'expected a list of Slack user IDs' }).default([]),
  usergroups: z.array(usergroupId, { error: 'expected a list of Slack user group IDs' }).default([]),
  run: runPermissionSchema.optional(),
  /** May cancel and retry anyone's jobs. */
  admin: z.boolean().default(false),
});

export const policyFileSchema = z.strictObject({
  roles: z.record(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a role name of letters, digits, _ . -'),
    roleSchema,
    { error: 'expected `roles:`, a map from role names to roles (see README, "Policy")' },
  ),
  /** Patterns refused for everyone; replaces the default list when given. */
  deny: z
    .array(pattern, { error: "expected a list of command patterns such as ['*;*']" })
    .default([...DEFAULT_DENY_COMMANDS]),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type RoleSpec = z.infer<typeof roleSchema>;
