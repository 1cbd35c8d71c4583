import { describe, expect, it } from 'vitest';
import { compareTs, createTsClock, formatTs, parseTs } from '../../../src/lab/slack/index.js';

describe('Slack ts values', () => {
  it('formats and parses seconds.micro', () => {
    expect(formatTs(1_700_000_000_000_100)).toBe('1700000000.000100');
    expect(parseTs('1700000000.000100')).toBe(1_700_000_000_000_100);
    expect(parseTs('1700000000.1')).toBeUndefined();
    expect(parseTs('abc')).toBeUndefined();
  });

  it('stays unique and increasing when the clock stands still or goes back', () => {
    let now = 1_700_000_000_000;
    const next = createTsClock(() => now);
    const a = next();
    const b = next();
    now -= 5_000;
    const c = next();
    expect(a).toBe('1700000000.000000');
    expect(b).toBe('1700000000.000001');
    expect(compareTs(c, b)).toBeGreaterThan(0);
  });
});
