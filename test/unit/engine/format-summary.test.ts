import { describe, expect, it } from 'vitest';
import { formatDuration, formatSummary, summarise } from '../../../src/engine/index.js';
import { makeResult } from '../../helpers/make-result.js';

describe('formatDuration', () => {
  it('uses ms below a second, tenths of seconds below a minute, then minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_449)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 m 05 s');
    expect(formatDuration(null)).toBe('–');
  });
});

describe('formatSummary', () => {
  const results = [
    makeResult({ host: 'r1', totalMs: 1200, startedAt: 0 }),
    makeResult({ host: 'r2', totalMs: 3400, startedAt: 0 }),
    ...['r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'].map((host) =>
      makeResult({ host, code: 'AUTH_FAILED', totalMs: 50 }),
    ),
    makeResult({ host: 'r10', status: 'timeout', code: 'HOST_TIMEOUT', totalMs: 5000 }),
  ];
  const text = formatSummary(summarise(results, { wallMs: 5100, concurrency: 20, peakConcurrency: 10 }));
  const lines = text.split('\n');

  it('shows counts, wall time with speed-up, percentiles and concurrency', () => {
    expect(lines[0]).toBe('devices      10 total · 2 ok · 7 failed · 1 timeout');
    expect(text).toContain('wall time    5.1 s (device time summed 9.9 s, speed-up 2.0×)');
    expect(text).toContain('p50 50 ms · p95 5.0 s · max 5.0 s');
    expect(text).toContain('concurrency  20 configured, 10 peak');
  });

  it('lists the slowest devices and the failures by reason, truncating long host lists', () => {
    expect(text).toContain('slowest      r10 5.0 s, r2 3.4 s, r1 1.2 s');
    expect(text).toContain(
      'not ok          7  authentication failed (AUTH_FAILED): r3, r4, r5, r6, r7 +2 more',
    );
    expect(text).toContain('                1  device timed out (HOST_TIMEOUT): r10');
  });

  it('aligns the text column of every line', () => {
    // 'concurrency' and 'device time' are the widest labels (11); text starts two spaces later.
    for (const line of lines) expect(line).toMatch(/^[a-z ]{11} {2}/);
    const textStarts = lines
      .filter((line) => !/^(not ok| ) /.test(line))
      .map((line) => line.search(/ {2}\S/) + 2);
    expect(new Set(textStarts)).toEqual(new Set([13]));
  });

  it('says so when no device ran', () => {
    const empty = formatSummary(summarise([], { wallMs: 0, concurrency: 20 }));
    expect(empty).toContain('no device ran');
    expect(empty).not.toContain('slowest');
    expect(empty).not.toContain('not ok');
  });
});
