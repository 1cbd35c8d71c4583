import { describe, expect, it } from 'vitest';
import { quoteWord, splitPipes, tokenize } from '../../../../src/lab/engine/tokenize.js';

describe('tokenize', () => {
  it('splits on blanks and remembers where each word starts', () => {
    expect(tokenize('  show  ip int', 'literal')).toEqual([
      { text: 'show', start: 2, end: 6 },
      { text: 'ip', start: 8, end: 10 },
      { text: 'int', start: 11, end: 14 },
    ]);
  });

  it('keeps quotes as characters in literal mode (IOS) and groups words in group mode (shell, Junos)', () => {
    expect(tokenize('description "to core"', 'literal').map((t) => t.text)).toEqual([
      'description',
      '"to',
      'core"',
    ]);
    expect(tokenize('set description "to core" x', 'group').map((t) => t.text)).toEqual([
      'set',
      'description',
      'to core',
      'x',
    ]);
    expect(tokenize("echo 'a b'c", 'group').map((t) => t.text)).toEqual(['echo', 'a bc']);
  });
});

describe('splitPipes', () => {
  it('splits at bars after a blank, keeping regex alternations whole', () => {
    expect(splitPipes('show run | include a|b | count')).toEqual([
      { text: 'show run ', offset: 0 },
      { text: ' include a|b ', offset: 10 },
      { text: ' count', offset: 24 },
    ]);
    expect(splitPipes('echo "x | y"')).toHaveLength(1);
  });
});

describe('quoteWord', () => {
  it('quotes words a Junos configuration would quote', () => {
    expect(quoteWord('plain')).toBe('plain');
    expect(quoteWord('to core')).toBe('"to core"');
    expect(quoteWord('$6$salt$hash')).toBe('"$6$salt$hash"');
    expect(quoteWord('')).toBe('""');
  });
});
