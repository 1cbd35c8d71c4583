/**
 * The `/netrun` grammar, as a pure function of the text Slack sends:
 *
 *   /netrun <command words> <target>        run a command; the last word is the target
 *   /netrun "show ip int brief | include up" edge
 *   /netrun help | groups | jobs
 *   /netrun devices <target>
 *   /netrun cancel <job>
 *   /netrun push <target>                   reserved for config pushes
 *
 * Words split on whitespace; a word that starts with a quote (" or ', or their typographic forms,
 * which some Slack clients substitute) runs to the matching quote, so a command or target can hold
 * spaces and pipes. A quote inside a word is literal (`description Bob's`). There are no backslash
 * escapes: device regexes use backslashes. Anything that is not one valid single line is refused.
 */

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'groups' }
  | { kind: 'jobs' }
  | { kind: 'devices'; target: string }
  | { kind: 'cancel'; jobId: string }
  | { kind: 'push'; target: string }
  | { kind: 'run'; command: string; target: string }
  | { kind: 'invalid'; problem: ParseProblem; message: string };

export type ParseProblem =
  | 'empty'
  | 'too-long'
  | 'control-character'
  | 'unterminated-quote'
  | 'missing-target'
  | 'usage';

/** Slack caps slash-command text well below this; anything longer is not a typed command. */
export const MAX_TEXT_CHARS = 4_000;
export const MAX_COMMAND_CHARS = 1_000;
export const MAX_TARGET_CHARS = 1_000;

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Opening quote → the characters that close it (typographic pairs close either way round). */
const CLOSERS: Record<string, string[]> = {
  '"': ['"'],
  "'": ["'"],
  '“': ['”', '“', '"'],
  '”': ['”', '“', '"'],
  '„': ['“', '”', '"'],
  '‘': ['’', '‘', "'"],
  '’': ['’', '‘', "'"],
};
const SINGLE_QUOTES = new Set(["'", '‘', '’']);

export interface Word {
  /** The word without its quotes. */
  text: string;
  /** The word as typed, with typographic quotes made plain: what a device should see mid-command. */
  raw: string;
  quoted: boolean;
}

type Problem = { problem: ParseProblem; message: string };

export const USAGE_LINE =
  'Usage: `/netrun <command> <target>` (the last word is the target), e.g. `/netrun show version core-routers`. `/netrun help` lists the rest.';

/** Slack escapes exactly these three in command text; nothing else is decoded. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

// C0/C1 controls (newline, tab, escape...), Unicode line/paragraph separators, and format characters
// (zero-width and bidi overrides) that would make a command read differently from what runs.
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function describeForbidden(char: string): string {
  if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') return 'a line break';
  if (char === '\t') return 'a tab';
  const code = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
  return `an invisible control character (U+${code})`;
}

function checkCharacters(text: string): Problem | undefined {
  if (text.length > MAX_TEXT_CHARS) {
    return {
      problem: 'too-long',
      message: `That is ${text.length} characters long; netrun takes at most ${MAX_TEXT_CHARS}. Send one command on one line.`,
    };
  }
  const found = FORBIDDEN.exec(text);
  if (!found) return undefined;
  return {
    problem: 'control-character',
    message: `The command contains ${describeForbidden(found[0])}. netrun runs exactly one single-line command: a line break would send a second command to every device.`,
  };
}

/** Splits into words; Unicode spaces (a no-break space from a pasted command) count as spaces. */
export function splitWords(text: string): Word[] | Problem {
  const words: Word[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    if (CLOSERS[char] === undefined) {
      const end = text.slice(index).search(/\s/u);
      const stop = end === -1 ? text.length : index + end;
      const word = text.slice(index, stop);
      words.push({ text: word, raw: word, quoted: false });
      index = stop;
      continue;
    }
    const read = readQuoted(text, index, char);
    if ('problem' in read) return read;
    words.push(read.word);
    index = read.next;
  }
  return words;
}

function readQuoted(text: string, start: number, open: string): { word: Word; next: number } | Problem {
  const closers = CLOSERS[open] ?? [open];
  let close = -1;
  for (let i = start + 1; i < text.length && close === -1; i += 1) {
    if (closers.includes(text[i] as string)) close = i;
  }
  if (close === -1) {
    return {
      problem: 'unterminated-quote',
      message: `The quote ${open} at character ${start + 1} is never closed. Quote the whole command: \`/netrun "show ip int brief | include up" edge\`.`,
    };
  }
  // Text glued to the closing quote belongs to the same word, as in a shell.
  const rest = text.slice(close + 1);
  const tail = rest.slice(0, rest.search(/\s|$/u));
  const inner = text.slice(start + 1, close).replace(/\s/gu, ' ');
  const plain = SINGLE_QUOTES.has(open) ? "'" : '"';
  return {
    word: { text: inner + tail, raw: `${plain}${inner}${plain}${tail}`, quoted: true },
    next: close + 1 + tail.length,
  };
}

function invalid(problem: ParseProblem, message: string): ParsedCommand {
  return { kind: 'invalid', problem, message };
}

function keyword(words: Word[]): ParsedCommand | undefined {
  const first = words[0];
  if (!first || first.quoted) return undefined;
  const name = first.text.toLowerCase();
  const argument = words[1]?.text.trim() ?? '';
  const arity = words.length;
  switch (name) {
    case 'help':
      return { kind: 'help' };
    case 'groups':
    case 'jobs':
      if (arity === 1) return { kind: name };
      return invalid('usage', `\`/netrun ${name}\` takes no arguments.`);
    case 'devices':
    case 'push':
      if (arity === 2 && argument !== '') return { kind: name, target: argument };
      return invalid('usage', `Usage: \`/netrun ${name} <target>\`, e.g. \`/netrun ${name} core-routers\`.`);
    case 'cancel':
      if (arity === 2 && JOB_ID.test(argument)) return { kind: 'cancel', jobId: argument };
      return invalid('usage', 'Usage: `/netrun cancel <job>`, with the job id shown on the job’s message.');
    default:
      return undefined;
  }
}

function runCommand(words: Word[]): ParsedCommand {
  if (words.length < 2) {
    return invalid(
      'missing-target',
      `Give a command and a target. ${USAGE_LINE.replace('Usage: ', 'For example ')}`,
    );
  }
  const target = (words.at(-1) as Word).text.trim();
  const commandWords = words.slice(0, -1);
  // One quoted word is the whole command; quotes inside a longer command are the device's own syntax
  // (Junos `match "a b"`), so they stay as typed.
  const only = commandWords.length === 1 ? commandWords[0] : undefined;
  const command = only ? only.text.trim() : commandWords.map((w) => w.raw).join(' ');
  if (command === '') return invalid('empty', 'The command is empty: nothing to run.');
  if (target === '')
    return invalid('missing-target', 'The target is empty. Name a group, a host or a filter.');
  if (command.length > MAX_COMMAND_CHARS) {
    return invalid('too-long', `The command is ${command.length} characters; at most ${MAX_COMMAND_CHARS}.`);
  }
  if (target.length > MAX_TARGET_CHARS) {
    return invalid('too-long', `The target is ${target.length} characters; at most ${MAX_TARGET_CHARS}.`);
  }
  return { kind: 'run', command, target };
}

/** Never throws: every input becomes a command or an `invalid` with a message for the user. */
export function parseCommand(rawText: string): ParsedCommand {
  const text = unescapeSlackText(typeof rawText === 'string' ? rawText : '');
  const bad = checkCharacters(text);
  if (bad) return invalid(bad.problem, bad.message);
  const words = splitWords(text);
  if ('problem' in words) return invalid(words.problem, words.message);
  if (words.length === 0) return invalid('empty', `Nothing to run. ${USAGE_LINE}`);
  return keyword(words) ?? runCommand(words);
}
