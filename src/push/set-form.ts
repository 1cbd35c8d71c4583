/**
 * Junos configs in `display set` form: one `set …` line per leaf. `show configuration` prints the
 * brace form; both are compared as set lines, so the brace form is converted here.
 */

interface Token {
  kind: 'word' | 'punct';
  /** The token as written (strings keep their quotes). */
  raw: string;
  line: number;
}

const TOKEN = /\s+|#[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|[{};[\]]|[^\s{};[\]"]+|"/g;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 0;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const first = raw[0]!;
    if (/\s/.test(first) || first === '#' || raw.startsWith('/*')) {
      line += raw.split('\n').length - 1;
      continue;
    }
    tokens.push({ kind: '{};[]'.includes(raw) ? 'punct' : 'word', raw, line });
    line += raw.split('\n').length - 1;
  }
  return tokens;
}

export interface SetLine {
  text: string;
  /** The line of the source text that ended the statement. */
  line: number;
}

interface Frame {
  words: string[];
  inactive: boolean;
  empty: boolean;
}

/** `inactive:` marks a deactivated statement; `protect:` only guards it against edits. */
const TAGS = new Set(['inactive:', 'protect:']);

class BraceConverter {
  readonly out: SetLine[] = [];
  private readonly stack: Frame[] = [];
  private words: string[] = [];
  private list: string[] | undefined;
  private listOpen = false;
  private inactive = false;

  word(raw: string): void {
    if (this.listOpen) this.list!.push(raw);
    else if (this.words.length === 0 && TAGS.has(raw)) this.inactive ||= raw === 'inactive:';
    else this.words.push(raw);
  }

  private emit(words: readonly string[], inactive: boolean, line: number): void {
    const path = [...this.stack.flatMap((f) => f.words), ...words].join(' ');
    this.out.push({ text: `set ${path}`, line });
    if (inactive) this.out.push({ text: `deactivate ${path}`, line });
    const parent = this.stack.at(-1);
    if (parent) parent.empty = false;
  }

  punct(raw: string, line: number): void {
    if (raw === '[') {
      this.list = [];
      this.listOpen = true;
    } else if (raw === ']') this.listOpen = false;
    else if (raw === ';') this.endStatement(line);
    else if (raw === '{') {
      this.stack.push({ words: this.words, inactive: this.inactive, empty: true });
      this.reset();
    } else if (raw === '}') this.endBlock(line);
  }

  private endStatement(line: number): void {
    // `members [ a b ];` is one set line per value, as `display set` prints it.
    const values = this.list ?? [];
    if (values.length > 0) for (const value of values) this.emit([...this.words, value], this.inactive, line);
    else if (this.words.length > 0) this.emit(this.words, this.inactive, line);
    this.reset();
  }

  private endBlock(line: number): void {
    const frame = this.stack.pop();
    if (!frame) return;
    const parentWords = frame.words;
    // An empty block (`ge-0/0/3 { }`) still configures its name; a deactivated block is marked once.
    if (frame.empty) this.emit(parentWords, frame.inactive, line);
    else if (frame.inactive) {
      const path = [...this.stack.flatMap((f) => f.words), ...parentWords].join(' ');
      this.out.push({ text: `deactivate ${path}`, line });
    }
    const parent = this.stack.at(-1);
    if (parent) parent.empty = false;
    this.reset();
  }

  private reset(): void {
    this.words = [];
    this.list = undefined;
    this.listOpen = false;
    this.inactive = false;
  }
}

/** Converts a brace-form Junos config (`show configuration`) to `display set` lines. */
export function braceToSet(text: string): SetLine[] {
  const converter = new BraceConverter();
  for (const token of tokenize(text)) {
    if (token.kind === 'word') converter.word(token.raw);
    else converter.punct(token.raw, token.line);
  }
  return converter.out;
}

const SET_VERBS = /^(?:set|delete|deactivate|activate|insert|rename|annotate|copy|protect|unprotect)\s/;

/** True when the first statement is a set-style command; false for the brace form. */
export function isSetForm(lines: readonly string[]): boolean {
  const first = lines.map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#') && !l.startsWith('/*'));
  return first === undefined || SET_VERBS.test(`${first} `);
}

/** The words of a set line, quotes removed, so `description "uplink"` equals `description uplink`. */
export function setTokens(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
