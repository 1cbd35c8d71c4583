/** Just enough shell: `a; b`, `a && b`, `cmd | grep x`, `cmd > file`, `cmd >> file`. Quotes respected. */

export interface ShellStep {
  /** How this step joins the previous one. */
  join: ';' | '&&';
  command: string;
  /** Pipe stages after the command, with their offsets in the original line. */
  pipes: Array<{ text: string; offset: number }>;
  redirect?: { path: string; append: boolean };
  offset: number;
}

/** Positions of unquoted characters; quotes toggle. */
function scan(line: string, visit: (i: number, ch: string) => number | undefined): void {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    const skip = visit(i, ch);
    if (skip) i += skip;
  }
}

function splitSequence(line: string): Array<{ join: ';' | '&&'; text: string; offset: number }> {
  const parts: Array<{ join: ';' | '&&'; text: string; offset: number }> = [];
  let start = 0;
  let join: ';' | '&&' = ';';
  scan(line, (i, ch) => {
    const isAnd = ch === '&' && line[i + 1] === '&';
    if (ch !== ';' && !isAnd) return undefined;
    parts.push({ join, text: line.slice(start, i), offset: start });
    join = isAnd ? '&&' : ';';
    start = i + (isAnd ? 2 : 1);
    return isAnd ? 1 : 0;
  });
  parts.push({ join, text: line.slice(start), offset: start });
  return parts.filter((p) => p.text.trim() !== '');
}

function parseStep(part: { join: ';' | '&&'; text: string; offset: number }): ShellStep {
  let text = part.text;
  let redirect: ShellStep['redirect'];
  let at = -1;
  scan(text, (i, ch) => {
    if (ch === '>' && at === -1) at = i;
    return undefined;
  });
  if (at !== -1) {
    const append = text[at + 1] === '>';
    const path = text
      .slice(at + (append ? 2 : 1))
      .trim()
      .replace(/^["']|["']$/g, '');
    redirect = { path, append };
    text = text.slice(0, at);
  }
  const bars: number[] = [];
  scan(text, (i, ch) => {
    if (ch === '|') bars.push(i);
    return undefined;
  });
  const cuts = [-1, ...bars, text.length];
  const segments = cuts.slice(1).map((end, k) => {
    const from = (cuts[k] as number) + 1;
    return { text: text.slice(from, end), offset: part.offset + from };
  });
  const [command, ...pipes] = segments;
  return { join: part.join, command: command?.text ?? '', pipes, redirect, offset: part.offset };
}

export function parseShellLine(line: string): ShellStep[] {
  return splitSequence(line).map(parseStep);
}
