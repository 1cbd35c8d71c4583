import stripAnsi from 'strip-ansi';

/**
 * Turning what a terminal session sends into the text a person would see. Network OSes paint their
 * output for a terminal: `\r\n` (NX-OS even `\r\r\n`), colour codes, and pagers erased with backspaces
 * or `\r` + spaces + `\r` or `ESC[K`. Replaying those overstrikes (instead of deleting the control
 * characters) is what keeps `--More--` remnants and half-erased words out of the output.
 */

/** Private-use character standing in for "erase to end of line" while the other escapes are stripped. */
const ERASE_LINE = '\uE000';
const ERASE_LINE_ESCAPE = /\x1b\[[02]?K/g;
const NEWLINES = /\r*\n/g;
const OVERSTRIKE = /[\r\b\uE000]/;
/** C0 controls other than tab/newline (BEL, NUL, SI/SO...) that terminals do not print. */
const STRAY_CONTROLS = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g;

export function normalizeNewlines(text: string): string {
  return text.replace(NEWLINES, '\n');
}

/** Replay one line's carriage returns, backspaces and erase-to-end-of-line on a virtual cursor. */
export function overstrikeLine(line: string): string {
  if (!OVERSTRIKE.test(line)) return line;
  const cells: string[] = [];
  let cursor = 0;
  for (const ch of line) {
    if (ch === '\r') cursor = 0;
    else if (ch === '\b') cursor = Math.max(0, cursor - 1);
    else if (ch === ERASE_LINE) cells.length = cursor;
    else {
      cells[cursor] = ch;
      cursor += 1;
    }
  }
  // A pager erased with spaces leaves trailing blanks that were never output.
  return Array.from(cells, (c) => c ?? ' ')
    .join('')
    .trimEnd();
}

/**
 * Any character one of the steps below acts on: C0 controls but tab and newline (CR, BS, ESC, BEL...),
 * DEL, the C1 range (8-bit CSI/OSC/DCS introducers) and the erase-line stand-in. Text without any of
 * them (a prompt, most echoes) comes out unchanged, so it skips the five passes.
 */
const NEEDS_CLEANING = /[\x00-\x08\x0b-\x1f\x7f-\x9f\uE000]/;

/**
 * strip-ansi returns text without ESC or 8-bit CSI as it is, although its pattern also removes the
 * other 8-bit introducers' sequences (OSC 0x9d, DCS 0x90, ...): such a sequence would be removed only
 * when an ESC happened to be elsewhere in the text. A leading 8-bit CSI (`0x9b m`, removed with the
 * rest) makes it apply the pattern every time.
 */
const FULL_PASS = '\x9bm';

/** ANSI escape sequences removed, 7-bit and 8-bit alike. */
export function stripEscapes(text: string): string {
  return stripAnsi(FULL_PASS + text);
}

/** Everything a terminal would not print, applied: the text as a person reads it. */
export function cleanTerminalText(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw;
  const text = stripEscapes(normalizeNewlines(raw).replace(ERASE_LINE_ESCAPE, ERASE_LINE));
  const lines = OVERSTRIKE.test(text) ? text.split('\n').map(overstrikeLine).join('\n') : text;
  return lines.replace(STRAY_CONTROLS, '');
}

/** The last `count` characters, for error messages ("the last 200 characters seen"). */
export function lastChars(text: string, count = 200): string {
  return text.length <= count ? text : text.slice(text.length - count);
}
