import type { GroupRef } from './schema.js';

/** A rule ready to run: its regex carries `g` (every match) and `d` (group positions). */
export interface CompiledRule {
  id: string;
  description: string;
  builtIn: boolean;
  /** The pattern as written, and the flags as written (without the added `g` and `d`). */
  pattern: string;
  flags: string;
  replace: readonly GroupRef[];
  regex: RegExp;
}

export interface RuleSource {
  id: string;
  description?: string;
  pattern: string;
  flags: string;
  replace: GroupRef | readonly GroupRef[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The capture groups a pattern declares: how many, and their names. */
function groupsOf(pattern: string, flags: string): { count: number; names: Set<string> } {
  // `|` lets the pattern match the empty text, so exec() returns every group (as undefined).
  const match = new RegExp(`(?:${pattern})|`, flags).exec('')!;
  return { count: match.length - 1, names: new Set(Object.keys(match.groups ?? {})) };
}

function checkGroup(group: GroupRef, count: number, names: Set<string>): string | undefined {
  if (typeof group === 'number') {
    if (group <= count) return undefined;
    return `replace: group ${group} does not exist — the pattern has ${count} capture group${count === 1 ? '' : 's'}; use a number from 0 to ${count}, or add a group (…) around the secret`;
  }
  if (names.has(group)) return undefined;
  const known = [...names].map((n) => `"${n}"`).join(', ');
  return `replace: no capture group is named "${group}" — ${known === '' ? 'the pattern has no named groups; write (?<name>…) around the secret' : `the pattern names ${known}`}`;
}

/**
 * Compiles one rule, or says what is wrong with it (the caller prefixes the rule id). The checks
 * run on built-in rules too, so a broken built-in fails every test at once rather than in the field.
 */
export function compileRule(source: RuleSource, builtIn: boolean): CompiledRule | string {
  const flags = `${source.flags}gd`;
  let regex: RegExp;
  try {
    regex = new RegExp(source.pattern, flags);
  } catch (error) {
    return `pattern is not a valid regular expression: ${errorText(error)} — fix the pattern (JavaScript syntax, without surrounding slashes)`;
  }
  const replace = Array.isArray(source.replace) ? source.replace : [source.replace as GroupRef];
  const { count, names } = groupsOf(source.pattern, source.flags);
  for (const group of replace) {
    const problem = checkGroup(group, count, names);
    if (problem) return problem;
  }
  if (new RegExp(source.pattern, source.flags).test('')) {
    return 'pattern matches an empty text, so it would match everywhere — make the secret part required (\\S+ rather than \\S*)';
  }
  return {
    id: source.id,
    description: source.description ?? '',
    builtIn,
    pattern: source.pattern,
    flags: source.flags,
    replace,
    regex,
  };
}
