/**
 * The command parser of a network CLI: a tree of keywords and arguments built from a personality's
 * command list, matched the way IOS or Junos match typed input — unique prefixes stand for whole
 * keywords (`sh ip int br`), and a failure is reported at the word where it happened.
 */
import type { Token } from './tokenize.js';

export type WordSpec =
  | { kind: 'literal'; text: string }
  | { kind: 'arg'; name: string; type: 'word' | 'int' | 'rest' };

export interface TreeNode<T> {
  literals: Array<{ text: string; node: TreeNode<T> }>;
  arg?: { spec: Extract<WordSpec, { kind: 'arg' }>; node: TreeNode<T> };
  payload?: T;
}

export type MatchResult<T> =
  | { kind: 'match'; payload: T; args: Record<string, string>; keywords: string[] }
  | { kind: 'empty' }
  | { kind: 'invalid'; index: number }
  | { kind: 'ambiguous'; index: number }
  | { kind: 'incomplete' };

export interface MatchOptions {
  abbreviate: boolean;
  caseInsensitive: boolean;
}

/** `terminal length <n:int>` → literal, literal, int argument; `<text...>` takes the rest of the line. */
export function parseWords(words: string): WordSpec[] {
  return words
    .trim()
    .split(/\s+/)
    .map((w): WordSpec => {
      const m = /^<([a-zA-Z][\w-]*)(?::(word|int))?(\.\.\.)?>$/.exec(w);
      if (!m) return { kind: 'literal', text: w };
      const type = m[3] ? 'rest' : ((m[2] as 'word' | 'int' | undefined) ?? 'word');
      return { kind: 'arg', name: m[1] as string, type };
    });
}

function emptyNode<T>(): TreeNode<T> {
  return { literals: [] };
}

export function buildTree<T>(entries: Array<{ words: string; payload: T }>): TreeNode<T> {
  const root = emptyNode<T>();
  for (const entry of entries) {
    let node = root;
    for (const spec of parseWords(entry.words)) {
      if (spec.kind === 'literal') {
        let next = node.literals.find((l) => l.text === spec.text);
        if (!next) {
          next = { text: spec.text, node: emptyNode<T>() };
          node.literals.push(next);
        }
        node = next.node;
      } else {
        node.arg ??= { spec, node: emptyNode<T>() };
        node = node.arg.node;
      }
    }
    // The first definition wins, so a personality can list a specific form before a general one.
    node.payload ??= entry.payload;
  }
  return root;
}

type Step<T> = { node: TreeNode<T>; keyword?: string } | { fail: 'invalid' | 'ambiguous' };

function stepLiteral<T>(node: TreeNode<T>, word: string, opts: MatchOptions): Step<T> | undefined {
  const norm = (s: string) => (opts.caseInsensitive ? s.toLowerCase() : s);
  const w = norm(word);
  const exact = node.literals.find((l) => norm(l.text) === w);
  if (exact) return { node: exact.node, keyword: exact.text };
  if (!opts.abbreviate) return undefined;
  const prefixed = node.literals.filter((l) => norm(l.text).startsWith(w));
  if (prefixed.length === 1) {
    const only = prefixed[0] as { text: string; node: TreeNode<T> };
    return { node: only.node, keyword: only.text };
  }
  if (prefixed.length > 1 && !node.arg) return { fail: 'ambiguous' };
  return undefined;
}

export function matchTokens<T>(
  tree: TreeNode<T>,
  tokens: Token[],
  line: string,
  opts: MatchOptions,
): MatchResult<T> {
  if (tokens.length === 0) return { kind: 'empty' };
  let node = tree;
  const args: Record<string, string> = {};
  const keywords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const lit = stepLiteral(node, token.text, opts);
    if (lit && 'fail' in lit) return { kind: lit.fail, index: i };
    if (lit) {
      node = lit.node;
      if (lit.keyword) keywords.push(lit.keyword);
      continue;
    }
    const arg = node.arg;
    if (!arg) return { kind: 'invalid', index: i };
    if (arg.spec.type === 'rest') {
      args[arg.spec.name] = line.slice(token.start).trimEnd();
      node = arg.node;
      break;
    }
    if (arg.spec.type === 'int' && !/^\d+$/.test(token.text)) return { kind: 'invalid', index: i };
    args[arg.spec.name] = token.text;
    node = arg.node;
  }
  if (node.payload === undefined) return { kind: 'incomplete' };
  return { kind: 'match', payload: node.payload, args, keywords };
}
