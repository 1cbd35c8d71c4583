import { cleanTerminalText } from './clean.js';

/**
 * Prompt detection. A prompt is the last line of what the device sent, with no newline after it,
 * matching a mode's pattern. Only the tail of the buffer is ever looked at: a 10 MB `show` must not be
 * rescanned on every packet.
 */

export interface PromptPattern {
  name: string;
  prompt: RegExp;
}

export interface PromptMatch {
  mode: string;
  /** The prompt line as seen (cleaned). */
  line: string;
  /** The pattern's `base` group (the hostname part), when it has one. */
  base?: string;
}

/** How much of the buffer's end is searched: longer than any prompt plus its erase sequences. */
export const TAIL_CHARS = 4096;

/**
 * Introducers of the only escape sequences whose payload may hold a newline: OSC (`ESC ]`, 0x9d) and
 * the ST-terminated strings DCS, SOS, PM, APC and screen titles (`ESC P X ^ _ k`, 0x90 0x98 0x9e 0x9f).
 */
const MULTI_LINE_ESCAPE = /\x1b[\]PX^_k]|[\x90\x98\x9d-\x9f]/;

/**
 * The cleaned last line of a buffer, looking only at its tail. Called on every chunk received, so it
 * cleans only the raw last line: every cleaning step works within a line, except an OSC/DCS-style
 * escape whose payload spans a newline — when one may start before the last line, the whole tail is
 * cleaned as before.
 */
export function lastLineOf(buffer: string, tailChars = TAIL_CHARS): string {
  const tail = buffer.length > tailChars ? buffer.slice(buffer.length - tailChars) : buffer;
  const rawCut = tail.lastIndexOf('\n');
  if (rawCut !== -1 && !MULTI_LINE_ESCAPE.test(tail.slice(0, rawCut))) {
    return cleanTerminalText(tail.slice(rawCut + 1));
  }
  const cleaned = cleanTerminalText(tail);
  const cut = cleaned.lastIndexOf('\n');
  return cut === -1 ? cleaned : cleaned.slice(cut + 1);
}

/**
 * Whether a prompt's base names the same device as the one learned at login. IOS truncates long
 * hostnames in config mode, so a base of 16+ characters may be a prefix of the learned one.
 */
export function sameBase(learned: string, seen: string): boolean {
  if (learned.toLowerCase() === seen.toLowerCase()) return true;
  return seen.length >= 16 && learned.toLowerCase().startsWith(seen.toLowerCase());
}

/**
 * The first mode whose prompt matches `line`. With `learnedBase`, a prompt naming another device
 * (a `show` output quoting `core2#`) does not count.
 */
export function matchPrompt(
  line: string,
  modes: readonly PromptPattern[],
  learnedBase?: string,
): PromptMatch | undefined {
  for (const mode of modes) {
    const m = mode.prompt.exec(line);
    if (!m) continue;
    const base = m.groups?.base;
    if (learnedBase !== undefined && base !== undefined && !sameBase(learnedBase, base)) continue;
    return { mode: mode.name, line, base };
  }
  return undefined;
}
