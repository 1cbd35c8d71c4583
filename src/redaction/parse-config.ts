import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { NetrunError } from '../errors.js';
import { type RedactionConfig, redactionConfigSchema, redactionRuleSchema } from './schema.js';

const HINT = 'fix the redaction settings at the places named above';

const RULE_KEYS = Object.keys(redactionRuleSchema.shape);
const TOP_KEYS = Object.keys(redactionConfigSchema.shape);

/** `rules[2] (rule "vendor-key").flags`: the id makes the place findable in a long list. */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  let out = '';
  for (const [i, segment] of path.entries()) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
    if (i === 1 && path[0] === 'rules' && typeof segment === 'number') {
      const id = (data as { rules?: Array<{ id?: unknown }> } | undefined)?.rules?.[segment]?.id;
      if (typeof id === 'string') out += ` (rule "${id}")`;
    }
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const where = describePath(issue.path, data);
  if (issue.code === 'unrecognized_keys') {
    const valid = issue.path.length === 0 ? TOP_KEYS : RULE_KEYS;
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${where === '' ? '' : `${where}: `}unknown key ${keys} — expected one of: ${valid.join(', ')}`;
  }
  return `${where === '' ? '(top level)' : where}: ${issue.message}`;
}

/** Validates redaction settings already read from YAML or JSON; `source` names the file in errors. */
export function parseRedactionConfig(data: unknown, source = 'redaction settings'): RedactionConfig {
  const result = redactionConfigSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${source}: ${describeIssue(issue, data)}`);
  const header = lines.length > 1 ? [`${source} has ${lines.length} problems:`] : [];
  throw new NetrunError('CONFIG_INVALID', [...header, ...lines].join('\n'), { hint: HINT });
}

/** Parses redaction settings from YAML text (the caller reads the file). */
export function parseRedactionYaml(text: string, source = 'redaction settings'): RedactionConfig {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new NetrunError('CONFIG_INVALID', `${source}: YAML syntax error: ${reason}`, {
      hint: 'fix the YAML at the line named above',
      cause: error,
    });
  }
  return parseRedactionConfig(data, source);
}
