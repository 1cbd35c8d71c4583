import { describe, expect, it } from 'vitest';
import { extractOutput, findFailure, isEcho } from '../../../../src/devices/channel/output.js';

describe('output extraction', () => {
  it('recognises the echo, with or without a stale prompt in front or odd spacing', () => {
    expect(isEcho('show version', 'show version')).toBe(true);
    expect(isEcho('r1#show version', 'show version')).toBe(true);
    expect(isEcho('show  configuration system ', 'show configuration system')).toBe(true);
    expect(isEcho('Cisco IOS XE Software', 'show version')).toBe(false);
  });

  it('removes echo, prompt, prompt decorations and blank edges', () => {
    const raw = 'set system host-name x\r\n\r\n[edit]\r\nnetrun@vmx1# ';
    expect(
      extractOutput(raw, {
        command: 'set system host-name x',
        endsWithPrompt: true,
        trailingLines: [/^\[edit.*\]$/],
      }),
    ).toBe('');
    const show = 'show clock\r\n*10:00:00.000 UTC Mon Jan 1 2024\r\nr1#';
    expect(extractOutput(show, { command: 'show clock', endsWithPrompt: true })).toBe(
      '*10:00:00.000 UTC Mon Jan 1 2024',
    );
  });

  it('leaves output alone when the first line is not the echo', () => {
    expect(extractOutput('line one\r\nline two\r\nr1#', { command: 'show x', endsWithPrompt: true })).toBe(
      'line one\nline two',
    );
  });

  it('finds a rejection only near the top, and returns the device words', () => {
    const patterns = [/% Invalid input detected/i, /syntax error/i];
    const rejected = "        ^\n% Invalid input detected at '^' marker.";
    expect(findFailure(rejected, patterns, 5)?.message).toBe("% Invalid input detected at '^' marker.");
    const logging = `${'log line\n'.repeat(10)}% Invalid input detected (quoted in a log)`;
    expect(findFailure(logging, patterns, 5)).toBeUndefined();
    expect(findFailure('\n\n\n\n\n\nsyntax error, expecting <command>.', patterns, 1)?.message).toBe(
      'syntax error, expecting <command>.',
    );
  });
});
