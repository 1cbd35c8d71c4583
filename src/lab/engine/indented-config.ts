/**
 * A Cisco-style configuration: statements, some of which are blocks (`interface X`) holding
 * indented child statements. Pure data and rules; no I/O.
 */

export interface ConfigNode {
  text: string;
  block: boolean;
  children: ConfigNode[];
}

export interface StatementRules {
  negation: string;
  /** Statements that hold one value: a new `hostname X` replaces the old one. */
  singleValue: string[];
  /** Negations shown in the configuration when nothing was removed (`no ip domain lookup`). */
  recordNegation: string[];
}

function startsWithWords(text: string, prefix: string): boolean {
  return text === prefix || text.startsWith(`${prefix} `);
}

function firstWord(text: string): string {
  return text.split(' ', 1)[0] as string;
}

export class IndentedConfig {
  readonly kind = 'indented';
  constructor(readonly root: ConfigNode = { text: '', block: true, children: [] }) {}

  /** Reads configuration text: indentation nests; `!`, blank and `end` lines are decoration. */
  static parse(text: string, isBlock: (line: string) => boolean): IndentedConfig {
    const root: ConfigNode = { text: '', block: true, children: [] };
    const stack: Array<{ indent: number; node: ConfigNode }> = [{ indent: -1, node: root }];
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\s+$/, '');
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('!') || trimmed === 'end') continue;
      const indent = line.length - line.trimStart().length;
      while (stack.length > 1 && (stack[stack.length - 1] as { indent: number }).indent >= indent)
        stack.pop();
      const parent = (stack[stack.length - 1] as { node: ConfigNode }).node;
      const node: ConfigNode = { text: trimmed, block: isBlock(trimmed), children: [] };
      parent.children.push(node);
      if (parent !== root) parent.block = true;
      stack.push({ indent, node });
    }
    return new IndentedConfig(root);
  }

  clone(): IndentedConfig {
    const copy = (n: ConfigNode): ConfigNode => ({
      text: n.text,
      block: n.block,
      children: n.children.map(copy),
    });
    return new IndentedConfig(copy(this.root));
  }

  /** Top-level lines first, then blocks, each block followed by the separator, as the device prints them. */
  render(indent: number, separator: string | null): string[] {
    const out: string[] = [];
    const emit = (node: ConfigNode, depth: number) => {
      out.push(`${' '.repeat(indent * depth)}${node.text}`);
      for (const child of node.children) emit(child, depth + 1);
    };
    for (const node of this.root.children) {
      if (!node.block) {
        out.push(node.text);
        continue;
      }
      if (separator !== null && out.length > 0 && out[out.length - 1] !== separator) out.push(separator);
      emit(node, 0);
      if (separator !== null) out.push(separator);
    }
    if (separator !== null && out[out.length - 1] !== separator) out.push(separator);
    return out;
  }
}

function insertionIndex(siblings: ConfigNode[], text: string): number {
  const word = firstWord(text);
  for (let i = siblings.length - 1; i >= 0; i--) {
    if (firstWord((siblings[i] as ConfigNode).text) === word) return i + 1;
  }
  return siblings.length;
}

/** Adds (or finds) a statement under `parent`, replacing what it supersedes. */
export function addStatement(
  parent: ConfigNode,
  text: string,
  rules: StatementRules,
  block = false,
): ConfigNode {
  const existing = parent.children.find((c) => c.text === text);
  if (existing) {
    existing.block ||= block;
    return existing;
  }
  const negated = `${rules.negation} ${text}`;
  const single = rules.singleValue.find((p) => startsWithWords(text, p));
  const no = `${rules.negation} `;
  const supersedes = (c: ConfigNode) =>
    c.text === negated ||
    // `ip address X` replaces `no ip address`; `no shutdown` replaces `shutdown`.
    (c.text.startsWith(no) && startsWithWords(text, c.text.slice(no.length))) ||
    (text.startsWith(no) && c.text === text.slice(no.length)) ||
    (single !== undefined && !c.block && startsWithWords(c.text, single));
  // A replacement takes the place of what it replaces (`hostname` stays near the top).
  const replaced = parent.children.findIndex(supersedes);
  parent.children = parent.children.filter((c) => !supersedes(c));
  const node: ConfigNode = { text, block, children: [] };
  const at = replaced === -1 ? insertionIndex(parent.children, text) : replaced;
  parent.children.splice(at, 0, node);
  return node;
}

/**
 * `no <rest>`: removes what `rest` names. For statements the device shows in their negative form
 * (`no ip address`, `no shutdown` on NX-OS), the negation itself is then recorded.
 */
export function negateStatement(parent: ConfigNode, rest: string, rules: StatementRules): boolean {
  const before = parent.children.length;
  parent.children = parent.children.filter((c) => !startsWithWords(c.text, rest));
  const removed = parent.children.length < before;
  const recorded = rules.recordNegation.find((p) => startsWithWords(rest, p));
  if (recorded) addStatement(parent, `${rules.negation} ${recorded}`, rules);
  return removed;
}
