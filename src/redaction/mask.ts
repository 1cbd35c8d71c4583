import type { GroupRef } from './schema.js';

type Span = readonly [start: number, end: number];

/**
 * Masks one span. A span over several lines (a private key body) is masked line by line, keeping
 * each line's indentation and `\r`, so the output has as many lines as the device printed and
 * line-based tools (diffs, line numbers in Slack files) still line up.
 */
export function maskSpan(text: string, mask: string): string {
  if (text === '') return '';
  if (!text.includes('\n')) return mask;
  return text
    .split('\n')
    .map((line) => {
      const match = /^([ \t]*)(.*?)(\r?)$/.exec(line)!;
      return match[2] === '' ? line : `${match[1]}${mask}${match[3]}`;
    })
    .join('\n');
}

function spansOf(match: RegExpExecArray, groups: readonly GroupRef[]): Span[] {
  const spans: Span[] = [];
  for (const group of groups) {
    const span = typeof group === 'number' ? match.indices?.[group] : match.indices?.groups?.[group];
    if (span && span[1] > span[0]) spans.push(span);
  }
  // Overlapping groups (a group inside another) are masked once, as their union.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Applies one rule to the whole text. `regex` must carry the `g` and `d` flags (the compiler adds
 * them): `d` gives each group's position, so only the secret is masked and the rest of the match
 * (keyword, type, quotes) is kept as the device printed it.
 */
export function applyRule(text: string, regex: RegExp, groups: readonly GroupRef[], mask: string): string {
  regex.lastIndex = 0;
  const parts: string[] = [];
  let copied = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    // An empty match would stall the loop at the same position.
    if (match[0] === '') regex.lastIndex = match.index + 1;
    for (const [start, end] of spansOf(match, groups)) {
      if (start < copied) continue;
      parts.push(text.slice(copied, start), maskSpan(text.slice(start, end), mask));
      copied = end;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
