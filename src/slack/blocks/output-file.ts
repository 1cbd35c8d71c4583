import { formatDuration } from '../../engine/index.js';
import type { ResultEntry } from './result-entry.js';
import { STATUS_WORD } from './status.js';

/** A file holds at most this much of one device's output; beyond it a note says how much was cut. */
export const FILE_OUTPUT_MAX_CHARS = 2 * 1024 * 1024;

function fileHeader(entry: ResultEntry): string {
  const names = entry.results.map((r) => r.host);
  const group =
    names.length > 1
      ? ` (${names.length} devices, ${entry.status === 'ok' ? 'identical output' : 'same result'})`
      : '';
  const ran = entry.results.filter((r) => r.started !== false).map((r) => r.timings.totalMs);
  const time = ran.length > 0 ? ` · ${formatDuration(Math.max(...ran))}` : '';
  return `===== ${names.join(', ')}${group} · ${STATUS_WORD[entry.status]}${time} =====`;
}

function capped(output: string): string {
  if (output.length <= FILE_OUTPUT_MAX_CHARS) return output;
  const cut = output.length - FILE_OUTPUT_MAX_CHARS;
  return `${output.slice(0, FILE_OUTPUT_MAX_CHARS)}\n… ${cut} more characters not shown`;
}

function entryText(entry: ResultEntry): string {
  const lines = [fileHeader(entry)];
  if (entry.error) lines.push(`error: ${entry.error.code}: ${entry.error.message}`);
  const push = entry.results[0]?.push;
  if (push) {
    const rejected = push.rejected ? `, then rejected: ${push.rejected.line}` : '';
    lines.push(
      `push: applied ${push.applied.length} line(s)${rejected} · ${push.saved ? 'saved' : 'not saved'}`,
    );
  }
  for (const output of entry.outputs) {
    lines.push(`$ ${output.command}`, capped(output.output.replace(/\r\n?/g, '\n').replace(/\s+$/, '')));
  }
  return lines.join('\n');
}

/** Plain text for a batch's file: one section per entry, every device named. */
export function outputFileText(entries: readonly ResultEntry[], title: string): string {
  return `${title}\n\n${entries.map(entryText).join('\n\n')}\n`;
}
