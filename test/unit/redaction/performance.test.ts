import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/redaction/index.js';
import { readConfig } from './helpers.js';

const TEN_MB = 10 * 1024 * 1024;

function repeatTo(text: string, size: number): { text: string; copies: number } {
  const copies = Math.ceil(size / text.length);
  return { text: text.repeat(copies), copies };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

// No timing assertion: the test timeout is the bound. A rule with catastrophic backtracking would
// take minutes on these inputs, not seconds.
describe('redaction on 10 MB of output', () => {
  const redactor = createRedactor();

  it('masks every secret of a 10 MB mixed-platform output and keeps its line count', () => {
    const sample = ['cisco_ios.txt', 'cisco_nxos.txt', 'cisco_xr.txt', 'arista_eos.txt', 'juniper_junos.conf']
      .map(readConfig)
      .join('\n');
    const perCopy = count(redactor.redact(sample), '<redacted>');
    const { text, copies } = repeatTo(sample, TEN_MB);
    const out = redactor.redact(text);
    expect(count(out, '<redacted>')).toBe(perCopy * copies);
    expect(count(out, '\n')).toBe(count(text, '\n'));
  });

  const hostile: Array<[string, string]> = [
    ['one 10 MB line without newlines', 'a'.repeat(TEN_MB)],
    ['10 MB of spaces', ' '.repeat(TEN_MB)],
    ['a keyword repeated without values', 'password secret key-string '.repeat(TEN_MB / 27)],
    ['a flood of indented `key` lines', ' key\n'.repeat(TEN_MB / 5)],
    ['a tacacs block with a flood of `key 1` lines', `tacacs server T\n${' key 1\n'.repeat(TEN_MB / 7)}`],
    ['an unterminated quote after every keyword', 'tacacs-server key 7 "abc\n'.repeat(TEN_MB / 25)],
  ];
  for (const [name, text] of hostile) {
    it(`stays linear on ${name}`, () => {
      const out = redactor.redact(text);
      expect(count(out, '\n')).toBe(count(text, '\n'));
    });
  }
});
