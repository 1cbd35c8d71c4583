import { describe, expect, it } from 'vitest';
import { MAX_OUTPUT_BYTES_PER_DEVICE, TRUNCATION_MARKER, truncateOutputs } from '../../../src/store/index.js';
import { cutToBytes } from '../../../src/store/truncate-outputs.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('truncateOutputs', () => {
  it('keeps outputs within the budget untouched', () => {
    const outputs = [
      { command: 'show version', output: 'IOS 15.2\n' },
      { command: 'show clock', output: '09:00:00 UTC\n' },
    ];
    expect(truncateOutputs(outputs, 100)).toEqual({ outputs, truncated: false });
  });

  it('cuts the output that crosses the limit and marks it with what was kept', () => {
    const { outputs, truncated } = truncateOutputs([{ command: 'show run', output: 'x'.repeat(500) }], 100);
    expect(truncated).toBe(true);
    const text = outputs[0]!.output;
    expect(text.startsWith('x'.repeat(100))).toBe(true);
    expect(text.slice(100)).toBe(
      `\n${TRUNCATION_MARKER}: kept 100 of 500 bytes; the limit is 100 bytes per device]`,
    );
  });

  it('shares one budget across commands: later commands keep only the marker', () => {
    const { outputs } = truncateOutputs(
      [
        { command: 'a', output: 'a'.repeat(60) },
        { command: 'b', output: 'b'.repeat(60) },
        { command: 'c', output: 'c'.repeat(10) },
      ],
      100,
    );
    expect(outputs[0]!.output).toBe('a'.repeat(60));
    expect(outputs[1]!.output).toMatch(/^b{40}\n\[… output truncated by netrun: kept 40 of 60 bytes/);
    expect(outputs[2]!.output).toBe(
      `${TRUNCATION_MARKER}: kept 0 of 10 bytes; the limit is 100 bytes per device]`,
    );
    expect(outputs.map((o) => o.command)).toEqual(['a', 'b', 'c']);
  });

  it('never splits a multi-byte character', () => {
    expect(cutToBytes('€€€€', 10)).toBe('€€€'); // 3 bytes each: 9 fit, the 4th would be split
    expect(cutToBytes('a😀b', 4)).toBe('a'); // the emoji is 4 bytes
    expect(cutToBytes('a😀b', 5)).toBe('a😀');
    const { outputs } = truncateOutputs([{ command: 'x', output: 'ü'.repeat(100) }], 51);
    expect(outputs[0]!.output).not.toContain('\uFFFD');
    expect(bytes(outputs[0]!.output.split('\n')[0]!)).toBe(50);
  });

  it('defaults to 64 KiB per device', () => {
    expect(MAX_OUTPUT_BYTES_PER_DEVICE).toBe(65_536);
    const { outputs, truncated } = truncateOutputs([{ command: 'show tech', output: 'y'.repeat(200_000) }]);
    expect(truncated).toBe(true);
    expect(outputs[0]!.output).toContain('kept 65536 of 200000 bytes');
    expect(bytes(outputs[0]!.output)).toBeLessThan(65_536 + 200);
  });
});
