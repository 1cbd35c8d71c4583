import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { NetrunError } from '../errors.js';
import { type PolicyFile, policyFileSchema } from './policy-schema.js';

/**
 * Reading the policy file. What it allows is decided in policy-check.ts (pure: the caller resolves
 * user group membership, a Slack call, and passes it in).
 */

export interface Role {
  name: string;
  users: ReadonlySet<string>;
  usergroups: ReadonlySet<string>;
  run?: { commands: readonly string[]; targets: readonly string[] };
  push?: { targets: readonly string[] };
  approve?: { targets: readonly string[] };
  admin: boolean;
}

export interface Policy {
  /** The file it came from, for messages. */
  source: string;
  roles: readonly Role[];
  deny: readonly string[];
  /** Channel IDs where netrun answers; undefined = every channel it is in. */
  channels?: readonly string[];
}

/** The person asking: their Slack user ID and the policy's user groups they belong to. */
export interface Actor {
  userId: string;
  usergroups: ReadonlySet<string>;
}

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
    ...(spec.run ? { run: { commands: spec.run.commands, targets: spec.run.targets } } : {}),
    ...(spec.push ? { push: { targets: spec.push.targets } } : {}),
    ...(spec.approve ? { approve: { targets: spec.approve.targets } } : {}),
    admin: spec.admin,
  }));
  return { source, roles, deny: file.deny, ...(file.channels ? { channels: file.channels } : {}) };
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
