/**
 * How the output faults look on the wire. Pure helpers; the session decides when they apply
 * (display commands only, so a client can still log in and disable paging first).
 */
import type { LabFault } from './types.js';

/** ~10 MB, the size of a large router's full configuration with many ACLs. */
export const HUGE_OUTPUT_BYTES = 10 * 1024 * 1024;

/** `trickle`: this many bytes, then a pause — a slow serial console behind a terminal server. */
export const TRICKLE = { bytes: 16, pauseMs: 10 } as const;

const ESC = '\x1b';
/** Invalid UTF-8: a lone 0xFF/0xFE and a truncated two-byte sequence (0xC3 then a non-continuation byte). */
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28]);

/** `garbage`: colour codes around every line, cursor moves and invalid UTF-8 on every fourth. */
export function garbageLine(line: string, index: number, newline: string): Buffer {
  const coloured = `${ESC}[1;3${(index % 7) + 1}m${line}${ESC}[0m`;
  if (index % 4 !== 3) return Buffer.from(coloured + newline);
  return Buffer.concat([Buffer.from(`${ESC}[2K${ESC}[1G${coloured}`), INVALID_UTF8, Buffer.from(newline)]);
}

/**
 * `hang`/`drop`: how many whole lines are written before the output stops (it stops in the middle of
 * the next one). Inside the first page, so a client sees a stall rather than a pager.
 */
export function cutLine(totalLines: number, pageLength: number): number {
  const half = Math.floor(Math.min(totalLines, 2000) / 2);
  const withinPage = pageLength > 2 ? Math.min(half, pageLength - 2) : half;
  return Math.max(1, withinPage);
}

export function isOutputFault(fault: LabFault | undefined): boolean {
  return (
    fault === 'hang' ||
    fault === 'drop' ||
    fault === 'trickle' ||
    fault === 'garbage' ||
    fault === 'huge-output'
  );
}
