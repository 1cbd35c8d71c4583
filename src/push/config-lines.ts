/**
 * The config lines of a push request, from a Slack text box or a file. Each line is typed on the
 * device as written, so a line holding a control character (a tab is a completion key on most
 * CLIs) is refused rather than sent. Blank lines and comment lines (`!`, `#`) are left out: the
 * dry run ignores them, and a Junos CLI would reject a `#` line.
 */

/** Slack's cap on a plain_text_input's value. */
export const SLACK_CONFIG_MAX_CHARS = 3_000;

/** A terminal push reads a file; anything larger is not a hand-written change. */
export const FILE_CONFIG_MAX_CHARS = 1024 * 1024;

export type ConfigLinesResult = { ok: true; lines: string[] } | { ok: false; problem: string };

export interface ConfigLinesOptions {
  /** Refuse longer text, naming the limit (Slack's 3,000 characters, or the file cap). */
  maxChars?: number;
  /** Says where the text came from in problems, e.g. `the config file ./change.txt`. */
  source?: string;
  /** What to suggest when the text is too long. */
  tooLongHint?: string;
}

const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

function describeControl(line: string): string {
  if (line.includes('\t')) return 'a tab';
  const code = CONTROL.exec(line)?.[0].charCodeAt(0) ?? 0;
  return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('!') || trimmed.startsWith('#');
}

export function parseConfigLines(text: string, options: ConfigLinesOptions = {}): ConfigLinesResult {
  const source = options.source ?? 'the config';
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    const hint = options.tooLongHint ? ` ${options.tooLongHint}` : '';
    return {
      ok: false,
      problem: `${capitalise(source)} is ${text.length.toLocaleString('en-US')} characters; at most ${options.maxChars.toLocaleString('en-US')} fit.${hint}`,
    };
  }
  const lines: string[] = [];
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of raw.entries()) {
    const kept = line.trimEnd();
    if (/[\t\x00-\x1f\x7f]/.test(kept)) {
      return {
        ok: false,
        problem: `Line ${index + 1} of ${source} contains ${describeControl(kept)}: each line is typed on the device as written, so use spaces for indentation and plain text only.`,
      };
    }
    const trimmed = kept.trim();
    if (trimmed === '' || isComment(trimmed)) continue;
    lines.push(kept);
  }
  if (lines.length === 0) {
    return {
      ok: false,
      problem: `${capitalise(source)} has no config lines (blank and comment lines do not count).`,
    };
  }
  return { ok: true, lines };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
