import { describe, expect, it } from 'vitest';
import { applyRule, maskSpan } from '../../../src/redaction/mask.js';

describe('maskSpan', () => {
  it('replaces a one-line span with the mask and leaves an empty span empty', () => {
    expect(maskSpan('0822455D0A16', '<redacted>')).toBe('<redacted>');
    expect(maskSpan('', '<redacted>')).toBe('');
  });

  it('masks a span over several lines line by line, keeping indentation, blank lines and \\r', () => {
    expect(maskSpan('  AAAA\r\n\r\n\tBBBB\nCCCC', '#')).toBe('  #\r\n\r\n\t#\n#');
  });
});

describe('applyRule', () => {
  it('masks only the listed groups of every match', () => {
    const regex = /(\w+)=(\w+)/dg;
    expect(applyRule('a=1 b=2', regex, [2], 'X')).toBe('a=X b=X');
  });

  it('masks nested groups once, as their union', () => {
    const regex = /k ((a)b)c/dg;
    expect(applyRule('k abc', regex, [2, 1], 'X')).toBe('k Xc');
  });

  it('skips groups that did not take part in the match', () => {
    const regex = /(?:"([^"]*)"|(\w+))/dg;
    expect(applyRule('"q" w', regex, [1, 2], 'X')).toBe('"X" X');
  });

  it('does not stall on a pattern that can match the empty text', () => {
    const regex = /(a*)/dg;
    expect(applyRule('baab', regex, [1], 'X')).toBe('bXb');
  });

  it('returns the same string when nothing matches', () => {
    const text = 'hostname r1';
    expect(applyRule(text, /secret (\S+)/dg, [1], 'X')).toBe(text);
  });
});
