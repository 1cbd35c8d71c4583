import type { z } from 'zod';
import { describeValue, type InventoryProblem, type PathSegment, problem } from './problems.js';
import { type InventoryFile, inventoryFileSchema, SECRET_FIELDS, SECTION_KEYS } from './schema.js';
import { nearest } from './suggest.js';

/** What a good value looks like, by field name; completes "expected …". */
const FIELD_EXPECTED: Record<string, string> = {
  platform: 'a platform name (the name of a platform file; see README, Platforms)',
  transport: '"ssh" or "telnet"',
  port: 'a whole number from 1 to 65535',
  address: 'a host name or IP address',
  username: 'a user name (text)',
  password: 'text (quote it, e.g. "0123", so YAML keeps it exactly)',
  passphrase: 'text (quote it so YAML keeps it exactly)',
  enable_secret: 'text (quote it so YAML keeps it exactly)',
  private_key_file: 'the path of a private key file',
  connection: 'a map of connection settings (connect_timeout, command_timeout, …)',
  connect_timeout: 'a number of seconds greater than 0 (at most 86400)',
  command_timeout: 'a number of seconds greater than 0 (at most 86400)',
  host_timeout: 'a number of seconds greater than 0 (at most 86400)',
  keepalive_interval: 'a number of seconds, 0 for off (at most 86400)',
  legacy_algorithms: 'true or false',
  host_key_check: 'one of strict, accept-new, off',
  jump_host: 'the name of an inventory host, or a map with address (and port, username, password, …)',
  data: 'a map of key: value pairs',
  description: 'text',
  concurrency: 'a whole number from 1 to 10000',
  groups: 'a list of group names, e.g. [core-routers]',
};

function expectedAt(path: readonly PathSegment[]): string {
  const [section, , field] = path;
  if (path.length === 0) return 'a map with hosts: (and optionally defaults: and groups:)';
  if (path.length === 1 && section === 'defaults') return 'a map of settings inherited by every host';
  if (path.length === 1) return `a map of ${section === 'hosts' ? 'host' : 'group'} names to their settings`;
  if (path.length === 2 && section === 'hosts') return 'a map of host settings with at least address';
  if (path.length === 2 && section === 'groups') return 'a map of group settings (or nothing)';
  if (field === 'groups' && typeof path.at(-1) === 'number') return 'a group name';
  const last = [...path].reverse().find((s) => typeof s === 'string') as string;
  return FIELD_EXPECTED[last] ?? 'a valid value';
}

function keysAt(path: readonly PathSegment[]): readonly string[] {
  const last = path.at(-1);
  if (path.length === 0) return SECTION_KEYS.top;
  if (last === 'connection') return SECTION_KEYS.connection;
  if (last === 'jump_host') return SECTION_KEYS.jumpHost;
  if (path[0] === 'defaults') return SECTION_KEYS.defaults;
  return path[0] === 'groups' ? SECTION_KEYS.group : SECTION_KEYS.host;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/** Schema problems carry two notes used only to drop redundant lines. */
type SchemaProblem = InventoryProblem & { meant?: string; missing?: boolean };

function pathKey(path: readonly PathSegment[]): string {
  return path.join('\u0000');
}

function unknownKeys(path: readonly PathSegment[], keys: readonly string[]): SchemaProblem[] {
  const valid = keysAt(path);
  return keys.map((key) => {
    const meant = nearest(key, valid, 1)[0];
    const hint = meant ? ` — did you mean "${meant}"?` : ` — expected one of: ${valid.join(', ')}`;
    return { ...problem([...path, key], `unknown key${hint}`), meant };
  });
}

function badValue(data: unknown, path: readonly PathSegment[]): SchemaProblem {
  const value = valueAt(data, path);
  const expected = expectedAt(path);
  if (value === undefined) {
    const why =
      path[0] === 'hosts' && path.length === 3 && path[2] === 'address'
        ? ' (every host needs its own address)'
        : '';
    return { ...problem(path, `missing: expected ${expected}${why}`), missing: true };
  }
  const field = path.at(-1);
  const secret = typeof field === 'string' && SECRET_FIELDS.has(field);
  // A secret's type is safe to name; its content is not.
  const got = secret ? `a ${value === null ? 'empty value' : typeof value}` : describeValue(value);
  return problem(path, `expected ${expected}, got ${got}`);
}

function convert(data: unknown, issue: z.core.$ZodIssue, prefix: readonly PathSegment[]): SchemaProblem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  if (issue.code === 'unrecognized_keys') return unknownKeys(path, issue.keys);
  if (issue.code === 'invalid_union') {
    // Explain the branch that matched the value's shape (the inline jump host map), not all of them.
    const branch = issue.errors.find((errors) =>
      errors.every((e) => e.path.length > 0 || e.code !== 'invalid_type'),
    );
    if (branch) return branch.flatMap((e) => convert(data, e, path));
  }
  return [badValue(data, path)];
}

export function checkSchema(data: unknown): { file?: InventoryFile; problems: InventoryProblem[] } {
  const parsed = inventoryFileSchema.safeParse(data);
  if (parsed.success) return { file: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => convert(data, issue, []));
  // `adress: …` already says "did you mean address"; "address: missing" beside it would be noise.
  const misspelt = new Set(
    problems.flatMap((p) => (p.meant ? [pathKey([...p.path.slice(0, -1), p.meant])] : [])),
  );
  // Several checks on one value (too small and not whole) read as one problem.
  const seen = new Set<string>();
  return {
    problems: problems
      .filter((p) => !(p.missing && misspelt.has(pathKey(p.path))))
      .filter((p) => {
        const key = `${pathKey(p.path)}\u0001${p.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map(({ meant: _meant, missing: _missing, ...p }) => p),
  };
}
