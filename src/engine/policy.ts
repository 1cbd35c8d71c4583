import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { NetrunError } from '../errors.js';
import { type PolicyFile, policyFileSchema } from './policy-schema.js';

/**
 * Who may run what (the minimum of issue 5): default deny; a user may run a command when one of their
 * roles has `run` with a matching pattern and no `deny` pattern matches. Pure evaluation: the caller
 * resolves user group membership (a Slack call) and passes it in.
 */

export interface Role {
  name: string;
  users: ReadonlySet<string>;
  usergroups: ReadonlySet<string>;
  run?: { commands: readonly string[] };
  admin: boolean;
}

export interface Policy {
  /** The file it came from, for messages. */
  source: string;
  roles: readonly Role[];
  deny: readonly string[];
}

/** The person asking: their Slack user ID and the policy's user groups they belong to. */
export interface Actor {
  userId: string;
  usergroups: ReadonlySet<string>;
}

export type Decision = { allowed: true; role: string; pattern?: string } | { allowed: false; reason: string };

export function parsePolicy(text: string, source: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw policyError(source, [`${source}:${line}: YAML syntax error: ${syntax.message.split('\n')[0]}`]);
  }
  const data = doc.toJS() ?? {};
  const parsed = policyFileSchema.safeParse(data);
  if (!parsed.success) {
    const lineOf = (path: readonly PropertyKey[]) => lineOfPath(doc.contents, path, lineCounter);
    throw policyError(source, describeIssues(source, parsed.error, lineOf));
  }
  return fromFile(parsed.data, source);
}

export function loadPolicy(path: string, readFile: (path: string) => string = readUtf8): Policy {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new NetrunError('FILE_UNREADABLE', `cannot read the policy file ${path} (${reason})`, {
      cause: error,
      hint: 'check NETRUN_POLICY and the file permissions; netrun refuses everyone without a policy',
    });
  }
  return parsePolicy(text, path);
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

function fromFile(file: PolicyFile, source: string): Policy {
  const roles = Object.entries(file.roles).map(([name, spec]) => ({
    name,
    users: new Set(spec.users),
    usergroups: new Set(spec.usergroups),
    ...(spec.run ? { run: { commands: spec.run.commands } } : {}),
    admin: spec.admin,
  }));
  return { source, roles, deny: file.deny };
}

function policyError(source: string, lines: string[]): NetrunError {
  const header = lines.length > 1 ? [`${source} has ${lines.length} problems:`] : [];
  return new NetrunError('POLICY_INVALID', [...header, ...lines].join('\n'), {
    hint: `fix ${source} at the places named above (see README, "Policy")`,
  });
}

function describeIssues(
  source: string,
  error: z.ZodError,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): string[] {
  return error.issues.map((issue) => {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
    // An unknown key is reported at its own line, not at the map that holds it.
    const line = lineOf(unknown.length > 0 ? [...issue.path, unknown[0] as string] : issue.path);
    const where = line === undefined ? source : `${source}:${line}`;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const message =
      unknown.length > 0
        ? `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: check the spelling`
        : issue.message;
    return `${where}: ${path.replace(/^\./, '') || '(top level)'}: ${message}`;
  });
}

/** The line of the deepest node on `path` that exists in the file. */
function lineOfPath(root: unknown, path: readonly PropertyKey[], lines: LineCounter): number | undefined {
  let node = root as Node | null;
  let offset = node?.range?.[0];
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String((item.key as { value?: unknown })?.value) === String(segment),
      );
      next = pair?.value;
      offset = (pair?.key as Node | undefined)?.range?.[0] ?? offset;
    } else if (isSeq(node)) next = node.items[Number(segment)];
    if (!next) break;
    node = next as Node;
    offset = node.range?.[0] ?? offset;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

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

export function checkRun(policy: Policy, actor: Actor, command: string): Decision {
  const denied = policy.deny.find((pattern) => matchesPattern(pattern, command));
  if (denied) {
    return {
      allowed: false,
      reason: `\`${command}\` matches the deny pattern \`${denied}\` in ${policy.source}: netrun refuses commands that could chain or redirect into another command.`,
    };
  }
  const runners = rolesOf(policy, actor).filter((role) => role.run);
  if (runners.length === 0) return { allowed: false, reason: notInPolicy(policy, actor, 'run') };
  for (const role of runners) {
    const pattern = role.run?.commands.find((p) => matchesPattern(p, command));
    if (pattern) return { allowed: true, role: role.name, pattern };
  }
  const allowed = [...new Set(runners.flatMap((role) => role.run?.commands ?? []))];
  return {
    allowed: false,
    reason: `\`${command}\` is not allowed for you: your roles (${runners.map((r) => r.name).join(', ')}) allow only ${allowed.map((p) => `\`${p}\``).join(', ')}. Ask an admin to change ${policy.source} if you need more.`,
  };
}

/** Cancel and retry: the person who started the job, or an admin. */
export function checkManageJob(policy: Policy, actor: Actor, ownerId: string, what: string): Decision {
  if (actor.userId === ownerId) return { allowed: true, role: 'requester' };
  const admin = rolesOf(policy, actor).find((role) => role.admin);
  if (admin) return { allowed: true, role: admin.name };
  return {
    allowed: false,
    reason: `Only <@${ownerId}>, who started this job, or a netrun admin may ${what} it.`,
  };
}

export function notInPolicy(policy: Policy, actor: Actor, permission: string): string {
  return `You are not allowed to ${permission === 'run' ? 'run commands with' : 'use'} netrun: your Slack user (${actor.userId}) is in no role with \`${permission}\` in ${policy.source}. Ask a netrun admin to add you.`;
}
