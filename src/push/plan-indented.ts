import type { Edit } from './apply-edits.js';
import { type ConfigNode, leadingWhitespace, parseIndented } from './config-tree.js';
import type { PlannedLine } from './types.js';

/**
 * Where a requested node is looked for in the running config: the children of the matching
 * parent block (or the top level), and where a missing line would be added.
 */
interface Scope {
  nodes: readonly ConfigNode[];
  /** Line index before which a new line goes. */
  insertAt: number;
  /** Indentation of a new line: that of the block's existing children, else the parent's plus the request's. */
  indentFor(request: ConfigNode, requestParent: ConfigNode | undefined): string;
}

interface Context {
  out: PlannedLine[];
  edits: Edit[];
}

/** Moving between modes, not configuration: never planned, never compared. */
const MODE_WORDS = new Set(['end', 'exit', 'configure terminal', 'conf t']);

function isNegation(node: ConfigNode): boolean {
  return node.children.length === 0 && node.key.startsWith('no ');
}

/** Running lines `no X` removes: X itself, or X with more words (`no logging host 10.0.0.9` → `logging host 10.0.0.9 vrf MGMT`). */
function negated(node: ConfigNode, scope: Scope): ConfigNode[] {
  const target = node.key.slice(3);
  return scope.nodes.filter((n) => n.key === target || n.key.startsWith(`${target} `));
}

function renderSubtree(node: ConfigNode, indent: string): string[] {
  return [
    `${indent}${node.text.trim()}`,
    ...node.children.flatMap((child) =>
      renderSubtree(child, indent + ' '.repeat(child.indent - node.indent)),
    ),
  ];
}

function markMissing(node: ConfigNode, parents: string[], ctx: Context): void {
  ctx.out.push({ index: node.line, text: node.text, parents, status: 'new', reason: 'missing' });
  for (const child of node.children) markMissing(child, [...parents, node.key], ctx);
}

/**
 * Children of the matching block(s). New lines go after the last child, but before a closing
 * `exit-address-family` (IOS) so they stay inside the sub-mode.
 */
function scopeOf(matches: readonly ConfigNode[]): Scope {
  const block = matches.at(-1)!;
  const nodes = matches.flatMap((m) => m.children);
  const lastChild = block.children.at(-1);
  const insertAt = lastChild?.key.startsWith('exit') ? lastChild.line : block.last + 1;
  const childIndent = block.children[0] ? leadingWhitespace(block.children[0].text) : undefined;
  const parentIndent = leadingWhitespace(block.text);
  return {
    nodes,
    insertAt,
    indentFor: (request, requestParent) =>
      childIndent ?? parentIndent + ' '.repeat(Math.max(1, request.indent - (requestParent?.indent ?? 0))),
  };
}

function planNode(
  node: ConfigNode,
  parent: ConfigNode | undefined,
  scope: Scope,
  parents: string[],
  ctx: Context,
) {
  const entry: PlannedLine = {
    index: node.line,
    text: node.text,
    parents,
    status: 'present',
    reason: 'found',
  };
  if (isNegation(node)) {
    const existing = negated(node, scope);
    if (existing.length === 0) entry.reason = 'already-absent';
    else Object.assign(entry, { status: 'new', reason: 'removes-existing' });
    for (const n of existing) ctx.edits.push({ kind: 'delete', from: n.line, to: n.last });
    ctx.out.push(entry);
    return entry.status === 'present';
  }
  const matches = scope.nodes.filter((n) => n.key === node.key);
  if (matches.length === 0) {
    markMissing(node, parents, ctx);
    ctx.edits.push({
      kind: 'insert',
      at: scope.insertAt,
      lines: renderSubtree(node, scope.indentFor(node, parent)),
    });
    return false;
  }
  ctx.out.push(entry);
  const complete = planNodes(node.children, node, scopeOf(matches), [...parents, node.key], ctx);
  if (!complete) Object.assign(entry, { status: 'new', reason: 'has-new-children' });
  return complete;
}

function planNodes(
  nodes: readonly ConfigNode[],
  parent: ConfigNode | undefined,
  scope: Scope,
  parents: string[],
  ctx: Context,
): boolean {
  let complete = true;
  for (const node of nodes) complete = planNode(node, parent, scope, parents, ctx) && complete;
  return complete;
}

/** Top-level lines go at the end, before a closing `end` (IOS, IOS XR, EOS print one). */
function topScope(running: readonly string[], roots: readonly ConfigNode[]): Scope {
  const last = roots.at(-1);
  const insertAt = last?.key === 'end' && last.children.length === 0 ? last.line : running.length;
  return { nodes: roots, insertAt, indentFor: () => '' };
}

export function planIndented(running: readonly string[], requested: readonly string[]) {
  const roots = parseIndented(running);
  const request = parseIndented(requested, (key) => MODE_WORDS.has(key));
  const ctx: Context = { out: [], edits: [] };
  planNodes(request, undefined, topScope(running, roots), [], ctx);
  return { lines: ctx.out, edits: ctx.edits, before: running };
}
