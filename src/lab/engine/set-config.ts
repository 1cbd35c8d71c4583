/**
 * A Junos-style configuration: a list of `set` paths. Shown either as those paths
 * (`| display set`) or as the brace hierarchy, which is derived from the paths on demand.
 */
import { quoteWord, tokenize } from './tokenize.js';

export interface BraceRules {
  pairs: string[];
  values: string[];
  indent: number;
}

type BraceItem = { leaf: string } | BraceNode;
interface BraceNode {
  label: string;
  items: BraceItem[];
}

function hasPrefix(line: string[], prefix: string[]): boolean {
  return prefix.length <= line.length && prefix.every((t, i) => line[i] === t);
}

function commonPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** After the last line sharing the longest leading path with `path`, so hierarchies stay together. */
function insertionPoint(lines: string[][], path: string[]): number {
  let at = lines.length;
  let best = 0;
  lines.forEach((l, i) => {
    const n = commonPrefix(l, path);
    if (n > 0 && n >= best) {
      best = n;
      at = i + 1;
    }
  });
  return at;
}

export class SetConfig {
  readonly kind = 'set';
  constructor(public lines: string[][] = []) {}

  static parse(text: string): SetConfig {
    const lines: string[][] = [];
    for (const raw of text.split('\n')) {
      const tokens = tokenize(raw.trim(), 'group').map((t) => t.text);
      if (tokens[0] === 'set' && tokens.length > 1) lines.push(tokens.slice(1));
    }
    return new SetConfig(lines);
  }

  clone(): SetConfig {
    return new SetConfig(this.lines.map((l) => [...l]));
  }

  /** `set <path>`; single-value patterns (`system host-name *`) replace the previous value in place. */
  set(path: string[], singleValue: string[][]): void {
    if (this.lines.some((l) => hasPrefix(l, path))) return;
    const pattern = singleValue.find(
      (p) => p.length <= path.length && p.every((t, i) => t === '*' || t === path[i]),
    );
    const key = pattern ? path.slice(0, pattern.length) : undefined;
    const gone = (l: string[]) => (key !== undefined && hasPrefix(l, key)) || hasPrefix(path, l);
    const kept: string[][] = [];
    let at = -1;
    for (const line of this.lines) {
      if (!gone(line)) kept.push(line);
      else if (at === -1) at = kept.length;
    }
    if (at === -1) at = insertionPoint(kept, path);
    kept.splice(at, 0, path);
    this.lines = kept;
  }

  delete(path: string[]): boolean {
    const before = this.lines.length;
    this.lines = this.lines.filter((l) => !hasPrefix(l, path));
    return this.lines.length < before;
  }

  renderSet(prefix: string[] = []): string[] {
    return this.lines.filter((l) => hasPrefix(l, prefix)).map((l) => `set ${l.map(quoteWord).join(' ')}`);
  }

  renderBraces(rules: BraceRules, prefix: string[] = []): string[] {
    const root: BraceNode = { label: '', items: [] };
    for (const line of this.lines) {
      if (hasPrefix(line, prefix)) addPath(root, line.slice(prefix.length), rules);
    }
    const out: string[] = [];
    const emit = (node: BraceNode, depth: number) => {
      const pad = ' '.repeat(rules.indent * depth);
      for (const item of node.items) {
        if ('leaf' in item) out.push(`${pad}${item.leaf};`);
        else {
          out.push(`${pad}${item.label} {`);
          emit(item, depth + 1);
          out.push(`${pad}}`);
        }
      }
    };
    emit(root, 0);
    return out;
  }
}

function child(node: BraceNode, label: string): BraceNode {
  const found = node.items.find((i): i is BraceNode => 'label' in i && i.label === label);
  if (found) return found;
  // A container replaces a bare statement of the same name (`ssh;` becomes `ssh { … }`).
  node.items = node.items.filter((i) => !('leaf' in i && i.leaf === label));
  const created: BraceNode = { label, items: [] };
  node.items.push(created);
  return created;
}

function leaf(node: BraceNode, text: string): void {
  if (node.items.some((i) => ('leaf' in i ? i.leaf === text : i.label === text))) return;
  node.items.push({ leaf: text });
}

function addPath(root: BraceNode, path: string[], rules: BraceRules): void {
  let node = root;
  let i = 0;
  while (i < path.length) {
    const word = path[i] as string;
    const remain = path.length - i;
    if (remain === 1) {
      leaf(node, quoteWord(word));
      return;
    }
    if (rules.values.includes(word)) {
      leaf(node, [word, ...path.slice(i + 1).map(quoteWord)].join(' '));
      return;
    }
    if (rules.pairs.includes(word)) {
      const label = `${word} ${quoteWord(path[i + 1] as string)}`;
      if (remain === 2) {
        leaf(node, label);
        return;
      }
      node = child(node, label);
      i += 2;
    } else {
      node = child(node, quoteWord(word));
      i++;
    }
  }
}
