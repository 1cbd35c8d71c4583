import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  BUILTIN_PLATFORMS_DIR,
  createPlatformRegistry,
  type Platform,
  type PlatformRegistry,
  parsePlatformFile,
} from '../devices/platforms/index.js';
import { loadPolicy, type Policy } from '../engine/index.js';
import { isNetrunError } from '../errors.js';
import { type Inventory, loadInventory } from '../inventory/index.js';
import { createRedactor, parseRedactionYaml, type Redactor } from '../redaction/index.js';

/**
 * The file checks of `netrun check`: each reads one kind of file, never throws, and turns every
 * problem into a line that names the file (and the line and path in it, when the loader knows them).
 */

export interface CheckProblem {
  severity: 'error' | 'warning';
  /** The file (or `environment`) the problem is in. */
  file: string;
  /** `file:line: path: what is wrong`, as the loaders word it. */
  message: string;
}

export function problemsOf(error: unknown, file: string, severity: CheckProblem['severity'] = 'error') {
  if (!isNetrunError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ severity, file, message: `${file}: ${detail} (an unexpected error: please report it)` }];
  }
  const lines = error.message
    .split('\n')
    .filter((line) => line.trim() !== '' && !/\bha(s|ve) \d+ problems:$/.test(line));
  const located = lines.map((line) => (line.startsWith(file) ? line : `${file}: ${line}`));
  // A lone problem (an unreadable file) gets its hint: it is the whole story of that file.
  if (located.length === 1 && error.hint) located[0] = `${located[0]} — ${error.hint}`;
  return located.map((message) => ({ severity, file, message }));
}

export interface PlatformCheck {
  registry?: PlatformRegistry;
  builtin: number;
  user: number;
  problems: CheckProblem[];
}

/** Every platform file on its own, so one bad file does not hide the next. */
export async function checkPlatforms(userDir: string | undefined, builtinDir = BUILTIN_PLATFORMS_DIR) {
  const problems: CheckProblem[] = [];
  const builtin = await parseFolder(builtinDir, problems);
  const user = userDir === undefined ? [] : await parseFolder(userDir, problems);
  const check: PlatformCheck = { builtin: builtin.length, user: user.length, problems };
  try {
    check.registry = createPlatformRegistry([...builtin, ...user]);
  } catch (error) {
    problems.push(...problemsOf(error, userDir ?? builtinDir));
  }
  return check;
}

async function parseFolder(dir: string, problems: CheckProblem[]): Promise<Platform[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    const message = `${dir}: cannot read the platforms folder (${reason}) — check NETRUN_PLATFORMS_DIR or --platforms`;
    problems.push({ severity: 'error', file: dir, message });
    return [];
  }
  const platforms: Platform[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const platform = parsePlatformFile(await readFile(path, 'utf8'), path);
      const twin = seen.get(platform.name);
      if (twin) {
        const message = `${path}: name: "${platform.name}" is also the name in ${twin}; keep one of them`;
        problems.push({ severity: 'error', file: path, message });
        continue;
      }
      seen.set(platform.name, path);
      platforms.push(platform);
    } catch (error) {
      problems.push(...problemsOf(error, path));
    }
  }
  return platforms;
}

/** Stands in for every secret under `--no-secrets`: never a real value, never printed. */
const PLACEHOLDER_SECRET = 'netrun-check-placeholder';

/**
 * With `secrets: false` (CI, where the secrets are not set), `${env:…}` and `${file:…}` references
 * count as set, so the rest of the file is still checked.
 */
export function checkInventory(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  secrets = true,
) {
  const options = secrets
    ? { env }
    : {
        env: new Proxy(env, { get: (target, key) => target[key as string] ?? PLACEHOLDER_SECRET }),
        homeDir: env.HOME ?? homedir(),
        readFile: (file: string) => (file === path ? readFileSync(file, 'utf8') : PLACEHOLDER_SECRET),
      };
  try {
    return { inventory: loadInventory(path, options) as Inventory | undefined, problems: [] };
  } catch (error) {
    return { inventory: undefined, problems: problemsOf(error, path) };
  }
}

export function checkPolicyFile(path: string) {
  try {
    return { policy: loadPolicy(path) as Policy | undefined, problems: [] };
  } catch (error) {
    return { policy: undefined, problems: problemsOf(error, path) };
  }
}

/** The built-in rules always; the team's file (NETRUN_REDACTION) when set. */
export async function checkRedaction(path: string | undefined) {
  const file = path ?? 'built-in redaction rules';
  try {
    const config = path === undefined ? {} : parseRedactionYaml(await readFile(path, 'utf8'), path);
    return { redactor: createRedactor(config) as Redactor | undefined, problems: [] };
  } catch (error) {
    if (isNetrunError(error)) return { redactor: undefined, problems: problemsOf(error, file) };
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    const message = `${file}: cannot read the redaction rules file (${reason}) — check NETRUN_REDACTION`;
    return { redactor: undefined, problems: [{ severity: 'error' as const, file, message }] };
  }
}

/** Cross-check: every host's platform (or alias) must be a known platform. */
export function unknownPlatforms(inventory: Inventory, registry: PlatformRegistry): CheckProblem[] {
  const unknown = new Map<string, string[]>();
  for (const host of inventory.hosts) {
    if (registry.find(host.platform)) continue;
    unknown.set(host.platform, [...(unknown.get(host.platform) ?? []), host.name]);
  }
  return [...unknown].map(([platform, hosts]) => ({
    severity: 'error',
    file: inventory.source,
    message: `${inventory.source}: platform "${platform}" of ${hosts.length === 1 ? 'host' : 'hosts'} ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''} is not a known platform; known: ${registry.names().join(', ')}`,
  }));
}
