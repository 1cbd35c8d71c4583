/**
 * Config-mode statements of indented (Cisco-style) configurations: which level a statement belongs
 * to, abbreviation of its first word and of interface names, sub-mode blocks and `no` forms.
 */
import type { IndentedConfigSpec, Personality } from '../personality/schema.js';
import { addStatement, type ConfigNode, type IndentedConfig, negateStatement } from './indented-config.js';
import type { Token } from './tokenize.js';

export interface ConfigLevel {
  mode: string;
  node?: ConfigNode;
}

export type StatementResult = { ok: true; levels: ConfigLevel[]; line: string } | { ok: false };

export function expandWord(word: string, accept: string[], abbreviate: boolean): string | undefined {
  if (accept.includes('*')) return word;
  const lower = word.toLowerCase();
  const exact = accept.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  if (!abbreviate) return undefined;
  const prefixed = accept.filter((a) => a.toLowerCase().startsWith(lower));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `gi0/1` → `GigabitEthernet0/1`, `lo1` → `Loopback1`, as IOS completes interface names. */
export function expandInterfaceName(name: string, known: string[]): string {
  const m = /^([A-Za-z-]+)(.*)$/.exec(name);
  if (!m) return name;
  const typed = (m[1] as string).toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === typed);
  const prefixed = known.filter((k) => k.toLowerCase().startsWith(typed));
  const full = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined);
  return full ? full + (m[2] as string) : name;
}

/** The statement as stored: expanded first word, single spaces, interface name completed. */
function normalise(words: string[], spec: IndentedConfigSpec): string {
  if (words[0] === 'interface' && words[1]) {
    const rest = words.slice(1).join('');
    return `interface ${expandInterfaceName(rest, spec.interfaceNames)}`;
  }
  return words.join(' ');
}

/**
 * Applies one statement. It is tried at the innermost level first, then outwards, as IOS does: a
 * global command typed in `(config-if)#` leaves the interface and applies globally.
 */
export function applyStatement(
  p: Personality,
  store: IndentedConfig,
  levels: ConfigLevel[],
  tokens: Token[],
  abbreviate: boolean,
): StatementResult {
  const spec = p.config as IndentedConfigSpec;
  const words = tokens.map((t) => t.text);
  const negated = words[0]?.toLowerCase() === spec.negation && words.length > 1;
  const body = negated ? words.slice(1) : words;
  for (let depth = levels.length - 1; depth >= 0; depth--) {
    const level = levels[depth] as ConfigLevel;
    const mode = p.modes[level.mode];
    const first = mode ? expandWord(body[0] as string, mode.accept, abbreviate) : undefined;
    if (!mode || first === undefined) continue;
    const text = normalise([first, ...body.slice(1)], spec);
    const parent = level.node ?? store.root;
    const kept = levels.slice(0, depth + 1);
    const indent = ' '.repeat(spec.indent * depth);
    if (negated) {
      negateStatement(parent, text, spec);
      return { ok: true, levels: kept, line: `${indent}${spec.negation} ${text}` };
    }
    const block = mode.blocks.find((b) => new RegExp(b.match).test(text));
    const node = addStatement(parent, text, spec, block !== undefined);
    const next = block ? [...kept, { mode: block.mode, node }] : kept;
    return { ok: true, levels: next, line: `${indent}${text}` };
  }
  return { ok: false };
}
