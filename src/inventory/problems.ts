import { NetrunError } from '../errors.js';

export type PathSegment = string | number;

/** One thing wrong with an inventory file; all of them are reported together. */
export interface InventoryProblem {
  path: readonly PathSegment[];
  /** What is wrong, what was expected and what to do; never a secret's value. */
  message: string;
  line?: number;
  /** SECRET_UNSET for references that cannot be resolved; INVENTORY_INVALID otherwise. */
  code: 'INVENTORY_INVALID' | 'SECRET_UNSET';
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** `hosts.r1.groups[1]`; names with dots or spaces are quoted: `hosts["r1.lab"].port`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function formatProblem(source: string, problem: InventoryProblem): string {
  const where = problem.line === undefined ? source : `${source}:${problem.line}`;
  const path = formatPath(problem.path);
  return path === '' ? `${where}: ${problem.message}` : `${where}: ${path}: ${problem.message}`;
}

function byLine(a: InventoryProblem, b: InventoryProblem): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

/** One error for all problems of a file: a count line when there are several, then one line each. */
export function inventoryError(source: string, problems: readonly InventoryProblem[]): NetrunError {
  const sorted = [...problems].sort(byLine);
  // The YAML parser can report one mistake twice at the same place.
  const lines = [...new Set(sorted.map((p) => formatProblem(source, p)))];
  const header = lines.length > 1 ? [`${source} has ${lines.length} problems:`] : [];
  const onlySecrets = sorted.every((p) => p.code === 'SECRET_UNSET');
  return new NetrunError(
    onlySecrets ? 'SECRET_UNSET' : 'INVENTORY_INVALID',
    [...header, ...lines].join('\n'),
    {
      hint: onlySecrets
        ? 'set the environment variables (or create the files) named above, or change the references'
        : `fix ${source} at the places named above, then load it again`,
    },
  );
}

export function problem(
  path: readonly PathSegment[],
  message: string,
  code: InventoryProblem['code'] = 'INVENTORY_INVALID',
): InventoryProblem {
  return { path, message, code };
}

/** A short, safe rendering of a value for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value);
}
