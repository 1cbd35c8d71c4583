import { describe, expect, it } from 'vitest';
import { parseConfigLines, SLACK_CONFIG_MAX_CHARS } from '../../../src/push/index.js';

describe('parseConfigLines', () => {
  it('keeps indentation, drops blank and comment lines, trims line ends, accepts CRLF', () => {
    const parsed = parseConfigLines('! ntp\r\ninterface Gi1  \r\n description uplink\r\n\r\n# done\r\n');
    expect(parsed).toEqual({ ok: true, lines: ['interface Gi1', ' description uplink'] });
  });

  it('refuses a tab or a control character, naming the line', () => {
    expect(parseConfigLines('a\n\tb')).toEqual({
      ok: false,
      problem:
        'Line 2 of the config contains a tab: each line is typed on the device as written, so use spaces for indentation and plain text only.',
    });
    const bell = parseConfigLines('hostname r1\u0007', { source: 'the config file x.txt' });
    expect(bell.ok).toBe(false);
    expect(!bell.ok && bell.problem).toContain(
      'Line 1 of the config file x.txt contains the control character U+0007',
    );
  });

  it('refuses text over the limit with its length and the hint, and text without any config line', () => {
    const text = 'x'.repeat(SLACK_CONFIG_MAX_CHARS + 1);
    const long = parseConfigLines(text, { maxChars: SLACK_CONFIG_MAX_CHARS, tooLongHint: 'Split it.' });
    expect(long).toEqual({
      ok: false,
      problem: 'The config is 3,001 characters; at most 3,000 fit. Split it.',
    });
    expect(parseConfigLines('x'.repeat(3_000), { maxChars: SLACK_CONFIG_MAX_CHARS }).ok).toBe(true);
    expect(parseConfigLines('\n ! only\n#\n')).toEqual({
      ok: false,
      problem: 'The config has no config lines (blank and comment lines do not count).',
    });
  });
});
