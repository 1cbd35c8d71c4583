import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { NetrunError } from '../../errors.js';
import { type Personality, PersonalitySchema } from './schema.js';

const PERSONALITY_DIR = fileURLToPath(new URL('../personalities/', import.meta.url));

function describeIssues(file: string, issues: z.core.$ZodIssue[]): string {
  const first = issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : '(top level)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem(s))` : '';
  return `lab personality ${file}: ${where}: ${first?.message ?? 'invalid'}${more}`;
}

/** Names of modes an action or block sends the session to; each must exist. */
function referencedModes(p: Personality): Array<[string, string]> {
  const refs: Array<[string, string]> = [['session.startMode', p.session.startMode]];
  for (const [id, mode] of Object.entries(p.modes)) {
    if (mode.parent) refs.push([`modes.${id}.parent`, mode.parent]);
    mode.blocks.forEach((b, i) => {
      refs.push([`modes.${id}.blocks.${i}.mode`, b.mode]);
    });
  }
  p.commands.forEach((c, i) => {
    c.modes.forEach((m, j) => {
      refs.push([`commands.${i}.modes.${j}`, m]);
    });
    const a = c.action;
    if ('to' in a) refs.push([`commands.${i}.action.to`, a.to]);
    if (a.type === 'run') refs.push([`commands.${i}.action.mode`, a.mode]);
  });
  return refs;
}

/** Validates one parsed personality file; `file` names it in error messages. */
export function validatePersonality(data: unknown, file: string): Personality {
  const result = PersonalitySchema.safeParse(data);
  if (!result.success) throw new NetrunError('PLATFORM_INVALID', describeIssues(file, result.error.issues));
  const p = result.data;
  for (const [where, mode] of referencedModes(p)) {
    if (!(mode in p.modes)) {
      throw new NetrunError(
        'PLATFORM_INVALID',
        `lab personality ${file}: ${where}: mode "${mode}" is not defined under modes (defined: ${Object.keys(p.modes).join(', ')})`,
      );
    }
  }
  return p;
}

let cache: Map<string, Personality> | undefined;

/** Every personality in src/lab/personalities, by platform name, in their `order`. Read once. */
export function loadPersonalities(dir: string = PERSONALITY_DIR): Map<string, Personality> {
  if (cache && dir === PERSONALITY_DIR) return cache;
  const list: Personality[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const path = join(dir, name);
    let data: unknown;
    try {
      data = parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message.split('\n', 1)[0] : String(cause);
      throw new NetrunError('PLATFORM_INVALID', `lab personality ${path}: not valid YAML: ${detail}`, {
        cause,
      });
    }
    const p = validatePersonality(data, path);
    if (`${p.platform}.yaml` !== name) {
      throw new NetrunError(
        'PLATFORM_INVALID',
        `lab personality ${path}: platform "${p.platform}" must match the file name`,
      );
    }
    list.push(p);
  }
  list.sort((a, b) => a.order - b.order);
  const map = new Map(list.map((p) => [p.platform, p]));
  if (dir === PERSONALITY_DIR) cache = map;
  return map;
}

/** The platforms the lab can simulate, in their natural order. */
export function labPlatforms(): string[] {
  return [...loadPersonalities().keys()];
}

export function getPersonality(platform: string): Personality {
  const p = loadPersonalities().get(platform);
  if (!p) {
    throw new NetrunError(
      'PLATFORM_UNKNOWN',
      `the lab has no personality "${platform}" (known: ${labPlatforms().join(', ')})`,
    );
  }
  return p;
}
