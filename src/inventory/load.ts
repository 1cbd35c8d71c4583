import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import { NetrunError } from '../errors.js';
import { checkReferences } from './check-references.js';
import { interpolateInventory } from './interpolate.js';
import { type InventoryProblem, inventoryError, problem } from './problems.js';
import { resolveInventory } from './resolve.js';
import { checkSchema } from './schema-problems.js';
import type { Inventory } from './types.js';
import { readYaml } from './yaml-source.js';

export type ReadTextFile = (path: string) => string;

const readUtf8: ReadTextFile = (path) => readFileSync(path, 'utf8');

export interface ParseInventoryOptions {
  /** Names the file in messages. */
  source: string;
  /** Looked up by `${env:NAME}`; callers pass the environment they were given. */
  env: Readonly<Record<string, string | undefined>>;
  /** Folder that relative key paths and `${file:…}` paths are relative to. */
  baseDir: string;
  /** Reads `${file:…}` references; node:fs by default. */
  readFile?: ReadTextFile;
  /** For `~` in paths; default env.HOME, then the OS's idea of it. */
  homeDir?: string;
}

export interface LoadInventoryOptions {
  env: Readonly<Record<string, string | undefined>>;
  readFile?: ReadTextFile;
  homeDir?: string;
}

function located(problems: InventoryProblem[], lineOf: (p: InventoryProblem['path']) => number | undefined) {
  return problems.map((p) => (p.line === undefined ? { ...p, line: lineOf(p.path) } : p));
}

/**
 * YAML text → resolved inventory. Every problem of the file is collected (syntax, duplicates,
 * references, schema, inheritance) and thrown together as one NetrunError, one line each.
 */
export function parseInventory(text: string, options: ParseInventoryOptions): Inventory {
  const { source, env, baseDir, readFile = readUtf8 } = options;
  const homeDir = options.homeDir ?? env.HOME ?? homedir();
  const yaml = readYaml(text);
  if (!yaml.syntaxOk) throw inventoryError(source, yaml.problems);
  if (yaml.data === undefined || yaml.data === null) {
    throw inventoryError(source, [
      problem([], 'the file is empty: expected a hosts: map (see the inventory format)'),
    ]);
  }
  const secrets = interpolateInventory(yaml.data, { env, readFile, baseDir, homeDir });
  const schema = checkSchema(secrets.data);
  const problems = [
    ...yaml.problems,
    ...secrets.problems,
    ...schema.problems,
    ...checkReferences(secrets.data),
  ];
  // Inheritance needs a file of the right shape; then its own problems join the others.
  const resolved = schema.file ? resolveInventory(schema.file, { source, baseDir, homeDir }) : undefined;
  problems.push(...(resolved?.problems ?? []));
  if (problems.length > 0 || !resolved) throw inventoryError(source, located(problems, yaml.lineOf));
  return resolved.inventory;
}

/** Reads and parses an inventory file; relative paths inside it are relative to its folder. */
export function loadInventory(path: string, options: LoadInventoryOptions): Inventory {
  const readFile = options.readFile ?? readUtf8;
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new NetrunError('FILE_UNREADABLE', `cannot read the inventory file ${path} (${reason})`, {
      cause: error,
      hint: 'check the path (NETRUN_INVENTORY or --inventory) and its permissions',
    });
  }
  return parseInventory(text, { ...options, readFile, source: path, baseDir: dirname(resolvePath(path)) });
}
