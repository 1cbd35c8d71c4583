import { describe, expect, it } from 'vitest';
import {
  cleanTerminalText,
  lastChars,
  normalizeNewlines,
  overstrikeLine,
  stripEscapes,
} from '../../../../src/devices/channel/clean.js';

describe('terminal text cleaning', () => {
  it('normalises \\r\\n and NX-OS \\r\\r\\n to \\n', () => {
    expect(normalizeNewlines('a\r\nb\r\r\nc\nd')).toBe('a\nb\nc\nd');
  });

  it('replays backspaces like a terminal', () => {
    expect(overstrikeLine('uplonk\b\b\bink')).toBe('uplink');
    expect(overstrikeLine('\b\b\bx')).toBe('x');
  });

  it('erases an IOS pager the way IOS does (backspaces, spaces, backspaces)', () => {
    const more = ' --More-- ';
    const line = `${more}${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}next line`;
    expect(cleanTerminalText(line)).toBe('next line');
  });

  it('replays lone carriage returns and ESC[K erase-to-end-of-line', () => {
    expect(cleanTerminalText('--More--\r        \rEth1/2')).toBe('Eth1/2');
    expect(cleanTerminalText('---(more 52%)---\r\x1b[Kservices {')).toBe('services {');
  });

  it('strips colour and cursor codes and stray control characters', () => {
    expect(cleanTerminalText('\x1b[1;32mup\x1b[0m \x1b[?25hx\x07\x00')).toBe('up x');
  });

  it('strips 8-bit OSC and DCS strings whether or not an ESC is elsewhere in the text', () => {
    expect(cleanTerminalText('\x9d0;r1 title\x07r1#')).toBe('r1#');
    expect(cleanTerminalText('\x90q\x9cr1#')).toBe('r1#');
    expect(cleanTerminalText('\x1b7\n\x90q\x9cr1#')).toBe('\nr1#');
    expect(stripEscapes('\x9bmplain')).toBe('plain');
  });

  it('keeps tabs and plain text untouched', () => {
    const text = 'Interface\tStatus\nGi1\tup';
    expect(cleanTerminalText(text)).toBe(text);
  });

  it('keeps the replacement character for invalid UTF-8 bytes', () => {
    const raw = Buffer.concat([Buffer.from('ok '), Buffer.from([0xff, 0xfe]), Buffer.from(' end')]).toString(
      'utf8',
    );
    expect(cleanTerminalText(raw)).toBe('ok \uFFFD\uFFFD end');
  });

  it('lastChars keeps the end', () => {
    expect(lastChars(`${'x'.repeat(300)}END`, 5)).toBe('xxEND');
    expect(lastChars('short')).toBe('short');
  });
});
