import { describe, expect, it } from 'vitest';
import {
  cleanTerminalText,
  normalizeNewlines,
  overstrikeLine,
  stripEscapes,
} from '../../../../src/devices/channel/clean.js';
import { lastLineOf, TAIL_CHARS } from '../../../../src/devices/channel/prompt.js';
import { seededRandom } from '../../../../src/lab/slack/index.js';

/**
 * The channel's hot paths skip work (text with nothing to clean; cleaning only the last line). They
 * must give exactly what the full pipeline gives: these references are that pipeline, step by step.
 */
function referenceClean(raw: string): string {
  const text = stripEscapes(normalizeNewlines(raw).replace(/\x1b\[[02]?K/g, '\uE000'));
  const lines = /[\r\b\uE000]/.test(text) ? text.split('\n').map(overstrikeLine).join('\n') : text;
  return lines.replace(/[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g, '');
}

function referenceLastLine(buffer: string): string {
  const tail = buffer.length > TAIL_CHARS ? buffer.slice(buffer.length - TAIL_CHARS) : buffer;
  const cleaned = referenceClean(tail);
  return cleaned.slice(cleaned.lastIndexOf('\n') + 1);
}

/** Pieces terminals send, including the escapes that may span a newline (OSC, DCS, 8-bit forms). */
const PIECES = [
  'r1#',
  'r1>',
  'show clock',
  ' ',
  'x',
  'é',
  '\n',
  '\r\n',
  '\r\r\n',
  '\r',
  '\b',
  '\t',
  '\x07',
  '\x00',
  '\x7f',
  '\x1b[K',
  '\x1b[2K',
  '\x1b[1;32m',
  '\x1b[0m',
  '\x1b]0;title',
  '\x1b]0;a\nb\x07',
  '\x1bP1$r',
  '\x1b\\',
  '\x9b31m',
  '\x9d2;t',
  '\x9c',
  '\x90q',
  '\x1b7',
  '\x1b',
  '\uE000',
  ' --More-- ',
];

/** Seeded, so a failure reproduces. */
function* samples(count: number, seed: number): Generator<string> {
  const random = seededRandom(seed);
  const below = (n: number) => Math.floor(random() * n);
  for (let i = 0; i < count; i += 1) {
    const length = below(14);
    let text = '';
    for (let j = 0; j < length; j += 1) text += PIECES[below(PIECES.length)];
    yield text;
  }
}

describe('cleaning fast paths', () => {
  it('cleanTerminalText equals the full pipeline on text with and without controls', () => {
    for (const text of samples(20_000, 7))
      expect(cleanTerminalText(text), JSON.stringify(text)).toBe(referenceClean(text));
  });

  it('lastLineOf equals the last line of the cleaned tail, escapes spanning newlines included', () => {
    for (const text of samples(20_000, 11))
      expect(lastLineOf(text), JSON.stringify(text)).toBe(referenceLastLine(text));
  });

  it('an OSC title spanning the last newline is still stripped as a whole', () => {
    expect(lastLineOf('out\x1b]0;a\nb\x07r1#')).toBe('outr1#');
    expect(lastLineOf('out\r\n\x1b]0;a\x07r1#')).toBe('r1#');
  });

  it('lastLineOf looks at the same tail when the buffer is longer than it', () => {
    const long = `${'a'.repeat(TAIL_CHARS)}\r\n\x1b[1mr1#\x1b[0m`;
    expect(lastLineOf(long)).toBe(referenceLastLine(long));
    const noNewline = `${'\x1b]0;'}${'b'.repeat(TAIL_CHARS)}\x07r1#`;
    expect(lastLineOf(noNewline)).toBe(referenceLastLine(noNewline));
  });
});
