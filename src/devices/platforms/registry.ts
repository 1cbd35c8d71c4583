import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { NetrunError } from '../../errors.js';
import { compilePlatform, type Platform } from './platform.js';
import { platformFileSchema } from './schema.js';

/** The folder holding the built-in platform files (next to this module, in src/ and in dist/). */
export const BUILTIN_PLATFORMS_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface PlatformRegistry {
  /** The platform for a name or alias; PLATFORM_UNKNOWN (listing the known names) otherwise. */
  get(name: string): Platform;
  find(name: string): Platform | undefined;
  /** Canonical names, sorted. */
  names(): string[];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  return `${where === '' ? '(top level)' : where}: ${issue.message}`;
}

/** Parse and validate one platform file's text; PLATFORM_INVALID naming the file and the path in it. */
export function parsePlatformFile(text: string, file: string): Platform {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    const at = line === undefined ? '' : ` line ${line}:`;
    throw new NetrunError(
      'PLATFORM_INVALID',
      `${file}:${at} not valid YAML (${yamlError.message.split('\n')[0]})`,
    );
  }
  const result = platformFileSchema.safeParse(doc.toJS());
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map(describeIssue);
    throw new NetrunError('PLATFORM_INVALID', `${file}: ${lines.join('; ')}`);
  }
  const expected = basename(file, extname(file));
  if (result.data.name !== expected) {
    throw new NetrunError(
      'PLATFORM_INVALID',
      `${file}: name: "${result.data.name}" must match the file name ("${expected}"); rename one of them`,
    );
  }
  return compilePlatform(result.data, file);
}

/** Index platforms by name and alias; a later platform of the same name replaces an earlier one. */
export function createPlatformRegistry(platforms: readonly Platform[]): PlatformRegistry {
  const byName = new Map<string, Platform>();
  for (const p of platforms) byName.set(p.name, p);
  const byAlias = new Map<string, Platform>();
  for (const p of byName.values()) {
    for (const alias of p.aliases) {
      const clash = byName.get(alias) ?? byAlias.get(alias);
      if (clash && clash !== p) {
        throw new NetrunError(
          'PLATFORM_INVALID',
          `${p.source}: aliases: "${alias}" is already the name or an alias of platform "${clash.name}" (${clash.source})`,
        );
      }
      byAlias.set(alias, p);
    }
  }
  const names = [...byName.keys()].sort();
  const find = (name: string) => byName.get(name) ?? byAlias.get(name);
  return {
    find,
    names: () => [...names],
    get(name) {
      const platform = find(name);
      if (platform) return platform;
      throw new NetrunError(
        'PLATFORM_UNKNOWN',
        `unknown platform "${name}"; known platforms: ${names.join(', ')}`,
      );
    },
  };
}

async function loadFolder(dir: string): Promise<Platform[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new NetrunError('FILE_UNREADABLE', `cannot read the platforms folder ${dir}`, { cause: error });
  }
  const files = entries.filter((f) => /\.ya?ml$/i.test(f)).sort();
  const platforms: Platform[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const text = await readFile(path, 'utf8');
    platforms.push(parsePlatformFile(text, path));
  }
  return platforms;
}

export interface LoadPlatformsOptions {
  /** A folder of extra platform files (config NETRUN_PLATFORMS_DIR); its files win over built-ins. */
  userDir?: string;
  /** Replace the built-in folder (tests). */
  builtinDir?: string;
}

/** Load the built-in platforms plus the user's folder; any bad file stops start-up with PLATFORM_INVALID. */
export async function loadPlatformRegistry(options: LoadPlatformsOptions = {}): Promise<PlatformRegistry> {
  const builtin = await loadFolder(options.builtinDir ?? BUILTIN_PLATFORMS_DIR);
  const user = options.userDir === undefined ? [] : await loadFolder(options.userDir);
  const userNames = new Set<string>();
  for (const p of user) {
    if (userNames.has(p.name))
      throw new NetrunError('PLATFORM_INVALID', `${p.source}: name "${p.name}" appears twice`);
    userNames.add(p.name);
  }
  return createPlatformRegistry([...builtin, ...user]);
}
