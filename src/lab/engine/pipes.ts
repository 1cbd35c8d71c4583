/** Output filters after `|`: include/exclude/begin/section/count (IOS), match/except/count/display set (Junos), grep/wc/head/tail (shell). */
import type { PipeSpec } from '../personality/schema.js';
import { buildTree, type MatchOptions, matchTokens, type TreeNode } from './command-tree.js';
import { renderTemplate } from './template.js';
import { type QuoteStyle, tokenize } from './tokenize.js';

type LineOp = (lines: Iterable<string>) => Iterable<string>;

export interface PipePlan {
  ops: LineOp[];
  displaySet: boolean;
  noMore: boolean;
}

export type PipeError = { kind: 'invalid' | 'ambiguous' | 'incomplete'; column: number; token: string };

export function pipeTree(pipes: PipeSpec[]): TreeNode<PipeSpec> {
  return buildTree(pipes.map((p) => ({ words: p.words, payload: p })));
}

function toRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

function* filter(lines: Iterable<string>, keep: (line: string) => boolean): Iterable<string> {
  for (const line of lines) if (keep(line)) yield line;
}

function* begin(lines: Iterable<string>, re: RegExp): Iterable<string> {
  let on = false;
  for (const line of lines) {
    on ||= re.test(line);
    if (on) yield line;
  }
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** IOS `| section`: matching lines with the more-indented lines under them. */
function* section(lines: Iterable<string>, re: RegExp): Iterable<string> {
  let depth = -1;
  for (const line of lines) {
    if (depth >= 0 && line.trim() !== '' && indentOf(line) > depth) {
      yield line;
      continue;
    }
    depth = -1;
    if (re.test(line)) {
      depth = indentOf(line);
      yield line;
    }
  }
}

function makeOp(spec: PipeSpec, args: Record<string, string>, quotes: QuoteStyle): LineOp | undefined {
  const raw = args.pattern ?? '';
  const pattern =
    quotes === 'group'
      ? tokenize(raw, 'group')
          .map((t) => t.text)
          .join(' ')
      : raw;
  const re = toRegex(pattern);
  const n = Number(args.n ?? 10);
  switch (spec.op) {
    case 'include':
      return (lines) => filter(lines, (l) => re.test(l));
    case 'exclude':
      return (lines) => filter(lines, (l) => !re.test(l));
    case 'begin':
      return (lines) => begin(lines, re);
    case 'section':
      return (lines) => section(lines, re);
    case 'count':
      return (lines) => {
        const counted = raw === '' ? [...lines] : [...filter(lines, (l) => re.test(l))];
        return [renderTemplate(spec.text ?? '{count}', { count: counted.length })];
      };
    case 'head':
      return (lines) => [...lines].slice(0, n);
    case 'tail':
      return (lines) => (n === 0 ? [] : [...lines].slice(-n));
    default:
      return undefined;
  }
}

export function planPipes(
  stages: Array<{ text: string; offset: number }>,
  tree: TreeNode<PipeSpec>,
  opts: MatchOptions & { quotes: QuoteStyle },
): PipePlan | PipeError {
  const plan: PipePlan = { ops: [], displaySet: false, noMore: false };
  for (const stage of stages) {
    const tokens = tokenize(stage.text, 'literal');
    const m = matchTokens(tree, tokens, stage.text, opts);
    if (m.kind !== 'match') {
      const index = m.kind === 'invalid' || m.kind === 'ambiguous' ? m.index : tokens.length - 1;
      const token = tokens[index];
      const kind = m.kind === 'empty' ? 'incomplete' : m.kind;
      return { kind, column: stage.offset + (token?.start ?? 0), token: token?.text ?? '' };
    }
    if (m.payload.op === 'no-more') plan.noMore = true;
    else if (m.payload.op === 'display-set') plan.displaySet = true;
    const op = makeOp(m.payload, m.args, opts.quotes);
    if (op) plan.ops.push(op);
  }
  return plan;
}

export function applyPipes(lines: Iterable<string>, plan: PipePlan): Iterable<string> {
  return plan.ops.reduce<Iterable<string>>((acc, op) => op(acc), lines);
}
