import { cleanTerminalText } from './clean.js';

/**
 * From what the device sent in answer to one command to the output a person wants: no echo of the
 * command, no trailing prompt, no prompt decorations (Junos `[edit]`), no terminal control sequences.
 */

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** True when `line` is the device's echo of `command` (some devices re-print the line with a prompt). */
export function isEcho(line: string, command: string): boolean {
  const seen = squash(line);
  const typed = squash(command);
  if (typed === '') return seen === '';
  return seen === typed || seen.endsWith(` ${typed}`) || seen.endsWith(typed);
}

export interface ExtractOptions {
  /** The command typed; its echo (first line) is removed. Omit when nothing was typed. */
  command?: string;
  /** Whether the last line is a prompt to drop (true when the read ended on a prompt). */
  endsWithPrompt: boolean;
  /** Lines just above the prompt that belong to it. */
  trailingLines?: readonly RegExp[];
}

function dropBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

/** Clean `raw` and cut the echo and prompt off it. */
export function extractOutput(raw: string, options: ExtractOptions): string {
  const lines = cleanTerminalText(raw).split('\n');
  if (options.command !== undefined && lines.length > 0 && isEcho(lines[0]!, options.command)) lines.shift();
  if (options.endsWithPrompt && lines.length > 0) lines.pop();
  const trailing = options.trailingLines ?? [];
  while (lines.length > 0) {
    const last = lines[lines.length - 1]!.trim();
    if (last === '' || trailing.some((re) => re.test(last))) lines.pop();
    else break;
  }
  return dropBlankEdges(lines).join('\n');
}

export interface FailureMatch {
  /** The output line that matched, trimmed: the device's own words. */
  message: string;
  pattern: RegExp;
}

/**
 * Whether the device refused the command: a failure pattern on one of the first `scanLines` lines. Errors
 * come right after the echo; scanning only the start keeps a `show logging` that quotes an old
 * `% Invalid input` from counting as a rejection.
 */
export function findFailure(
  output: string,
  patterns: readonly RegExp[],
  scanLines: number,
): FailureMatch | undefined {
  if (patterns.length === 0) return undefined;
  let seen = 0;
  let from = 0;
  while (seen < scanLines && from <= output.length) {
    const next = output.indexOf('\n', from);
    const line = output.slice(from, next === -1 ? output.length : next).trim();
    from = next === -1 ? output.length + 1 : next + 1;
    if (line === '') continue;
    seen++;
    const pattern = patterns.find((re) => re.test(line));
    if (pattern) return { message: line, pattern };
  }
  return undefined;
}
