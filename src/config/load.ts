import { readFileSync } from 'node:fs';
import { NetrunError } from '../errors.js';
import { type Config, SETTINGS, type Setting, type SettingsTree } from './schema.js';

/** Reads the files named by `*_FILE` variables (Docker secrets); injectable for tests. */
export interface ConfigFiles {
  readFile(path: string): string;
}

export const nodeConfigFiles: ConfigFiles = { readFile: (path) => readFileSync(path, 'utf8') };

export interface LoadConfigInput {
  /** Callers pass `process.env`; nothing else in netrun reads it. */
  env: Readonly<Record<string, string | undefined>>;
  files?: ConfigFiles;
}

type Outcome = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Builds the typed configuration from the environment. Every bad or conflicting setting is reported
 * at once, one line each, as a CONFIG_INVALID error; secret values never appear in the message.
 */
export function loadConfig({ env, files = nodeConfigFiles }: LoadConfigInput): Config {
  const problems: string[] = [];
  const config = build(SETTINGS, (s) => {
    const outcome = readSetting(s, env, files);
    if (outcome.ok) return outcome.value;
    problems.push(outcome.problem);
    return undefined;
  });
  if (problems.length > 0) {
    throw new NetrunError('CONFIG_INVALID', problems.join('\n'), {
      hint: 'fix the environment variables named above (see README, "Configuration")',
    });
  }
  return config as Config;
}

function build(tree: SettingsTree, read: (s: Setting) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    out[key] = isSetting(node) ? read(node) : build(node, read);
  }
  return out;
}

function isSetting(node: Setting | SettingsTree): node is Setting {
  return (node as Setting).kind === 'setting';
}

function clean(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readSetting(s: Setting, env: LoadConfigInput['env'], files: ConfigFiles): Outcome {
  const raw = s.secret ? readSecret(s.env, env, files) : { ok: true as const, value: clean(env[s.env]) };
  if (!raw.ok) return raw;
  const value = raw.value as string | undefined;
  const parsed = s.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: badValue(s, value ?? '') };
}

function badValue(s: Setting, raw: string): string {
  const shown = s.secret ? 'the value is not shown because it is a secret' : `got ${JSON.stringify(raw)}`;
  const extra = s.explain?.(raw);
  return `${s.env} must be ${s.expected} (${extra ? `${extra}; ` : ''}${shown})`;
}

function readSecret(name: string, env: LoadConfigInput['env'], files: ConfigFiles): Outcome {
  const direct = clean(env[name]);
  const fileVar = `${name}_FILE`;
  const path = clean(env[fileVar]);
  if (path === undefined) return { ok: true, value: direct };
  if (direct !== undefined) {
    return { ok: false, problem: `${name} and ${fileVar} are both set: set only one of them` };
  }
  let content: string;
  try {
    content = files.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      problem: `${fileVar} must name a readable file (cannot read ${JSON.stringify(path)}: ${reason})`,
    };
  }
  const value = clean(content);
  if (value === undefined) {
    return {
      ok: false,
      problem: `${fileVar} names an empty file (${JSON.stringify(path)}): put the ${name} value in it`,
    };
  }
  return { ok: true, value };
}
