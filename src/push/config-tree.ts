/**
 * Indented configs (IOS, NX-OS, IOS XR, EOS) as a tree: a line followed by more-indented lines is
 * their parent. Each vendor indents by a different amount (1, 2 or 3 spaces), so only "more than
 * the parent" counts, never a fixed width.
 */

export interface ConfigNode {
  /** Whitespace-normalised text: what lines are compared by. */
  key: string;
  /** The line as written, trailing whitespace removed. */
  text: string;
  indent: number;
  /** Index of this line in the parsed lines. */
  line: number;
  /** Index of the last line of this node's block (its own line when it has no children). */
  last: number;
  children: ConfigNode[];
}

export function normaliseLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/**
 * `!` starts a comment on every indented platform (IOS XR also closes blocks with ` !`); netrun's
 * own requests may use `#` as in a script.
 */
function isSkipped(trimmed: string): boolean {
  return trimmed === '' || trimmed.startsWith('!') || trimmed.startsWith('#');
}

/** The top-level nodes of an indented config; comment and blank lines belong to no node. */
export function parseIndented(
  lines: readonly string[],
  skip: (key: string) => boolean = () => false,
): ConfigNode[] {
  const roots: ConfigNode[] = [];
  const stack: ConfigNode[] = [];
  lines.forEach((raw, line) => {
    const text = raw.trimEnd();
    const key = normaliseLine(text);
    if (isSkipped(key) || skip(key)) return;
    const indent = leadingWhitespace(text).length;
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    const node: ConfigNode = { key, text, indent, line, last: line, children: [] };
    (stack.at(-1)?.children ?? roots).push(node);
    for (const ancestor of stack) ancestor.last = line;
    stack.push(node);
  });
  return roots;
}

/** Splits a config into lines: CRLF tolerated, one trailing newline not counted as a line. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
