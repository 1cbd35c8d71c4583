/** Splitting a typed line into words, remembering where each word starts (for the `^` marker). */

export interface Token {
  text: string;
  start: number;
  end: number;
}

export type QuoteStyle = 'literal' | 'group';

/**
 * Words separated by blanks. With `group`, "double" or 'single' quotes keep blanks inside one word
 * and are removed (shell, Junos); with `literal` they are ordinary characters (IOS keeps them).
 */
export function tokenize(line: string, quotes: QuoteStyle): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    while (i < line.length && !isBlank(line[i])) {
      const ch = line[i] as string;
      if (quotes === 'group' && (ch === '"' || ch === "'")) {
        const close = line.indexOf(ch, i + 1);
        const end = close === -1 ? line.length : close;
        text += line.slice(i + 1, end);
        i = close === -1 ? line.length : close + 1;
      } else {
        text += ch;
        i++;
      }
    }
    tokens.push({ text, start, end: i });
  }
  return tokens;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** Quotes a word for display when it holds blanks or is empty (Junos `description "to core";`). */
export function quoteWord(word: string): string {
  return word === '' || /[\s;{}#$]/.test(word) ? `"${word.replaceAll('"', '\\"')}"` : word;
}

/**
 * Splits `show run | include foo | count` at pipe bars that follow a blank or start the line, so a
 * regular expression such as `foo|bar` stays one argument. Returns the command and each pipe stage
 * with its offset in the line.
 */
export function splitPipes(line: string): Array<{ text: string; offset: number }> {
  const parts: Array<{ text: string; offset: number }> = [];
  let offset = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '|' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      parts.push({ text: line.slice(offset, i), offset });
      offset = i + 1;
    }
  }
  parts.push({ text: line.slice(offset), offset });
  return parts;
}
