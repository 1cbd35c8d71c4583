import { NetrunError } from '../errors.js';
import { didYouMean } from '../inventory/index.js';
import { type CompiledRule, compileRule } from './compile.js';
import { applyRule } from './mask.js';
import { parseRedactionConfig } from './parse-config.js';
import { BUILT_IN_RULES } from './patterns.js';
import type { RedactionConfig, RedactionConfigInput } from './schema.js';

/** What a rule is, for `netrun check` and docs; the compiled regex stays inside the redactor. */
export interface RedactionRuleInfo {
  id: string;
  description: string;
  builtIn: boolean;
  pattern: string;
  flags: string;
}

export interface Redactor {
  /** The text with every secret value masked; same number of lines, same indentation. */
  redact(text: string): string;
  /** The active rules, in the order they run (built-ins first, then the configured ones). */
  readonly rules: readonly RedactionRuleInfo[];
}

const BUILT_IN_IDS = new Set(BUILT_IN_RULES.map((r) => r.id));

function checkIds(config: RedactionConfig): string[] {
  const problems: string[] = [];
  for (const id of config.disable) {
    if (!BUILT_IN_IDS.has(id)) {
      const hint = didYouMean(id, BUILT_IN_IDS) || ` — built-in rules are: ${[...BUILT_IN_IDS].join(', ')}`;
      problems.push(`disable: no built-in rule is called "${id}"${hint}`);
    }
  }
  const seen = new Set<string>();
  for (const rule of config.rules) {
    if (BUILT_IN_IDS.has(rule.id)) {
      problems.push(
        `rule "${rule.id}": the id is taken by a built-in rule — choose another id (and list "${rule.id}" under disable: to replace it)`,
      );
    } else if (seen.has(rule.id)) {
      problems.push(`rule "${rule.id}": the id is used twice — give each rule its own id`);
    }
    seen.add(rule.id);
  }
  return problems;
}

function compileAll(config: RedactionConfig): CompiledRule[] {
  const problems = checkIds(config);
  const disabled = new Set(config.disable);
  const sources = [
    ...BUILT_IN_RULES.filter((r) => !disabled.has(r.id)).map((r) => ({ source: r, builtIn: true })),
    ...config.rules.map((r) => ({ source: r, builtIn: false })),
  ];
  const compiled: CompiledRule[] = [];
  for (const { source, builtIn } of sources) {
    const result = compileRule(source, builtIn);
    if (typeof result === 'string') problems.push(`rule "${source.id}": ${result}`);
    else compiled.push(result);
  }
  if (problems.length > 0) {
    const header = problems.length > 1 ? [`the redaction settings have ${problems.length} problems:`] : [];
    throw new NetrunError('CONFIG_INVALID', [...header, ...problems].join('\n'), {
      hint: 'fix the redaction rules named above, or remove them',
    });
  }
  return compiled;
}

/**
 * A redactor for device output: the built-in rules (minus `disable`) and the configured ones.
 * Throws a CONFIG_INVALID NetrunError that names the rule id when a rule is unusable.
 */
export function createRedactor(config: RedactionConfigInput = {}): Redactor {
  const parsed = parseRedactionConfig(config);
  const rules = compileAll(parsed);
  return {
    redact(text: string): string {
      let out = text;
      for (const rule of rules) out = applyRule(out, rule.regex, rule.replace, parsed.mask);
      return out;
    },
    rules: rules.map(({ id, description, builtIn, pattern, flags }) => ({
      id,
      description,
      builtIn,
      pattern,
      flags,
    })),
  };
}

let defaultRedactor: Redactor | undefined;

/** Masks secrets with the built-in rules only: for places that have no configuration at hand. */
export function redactText(text: string): string {
  defaultRedactor ??= createRedactor();
  return defaultRedactor.redact(text);
}
