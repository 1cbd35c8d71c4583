import { describe, expect, it } from 'vitest';
import type { HostResult } from '../../../../src/engine/index.js';
import { entriesFor, entryBody, entryHeader, outputFileText } from '../../../../src/slack/index.js';
import { makeResult } from '../../../helpers/make-result.js';

function pushed(host: string, saved = true): HostResult {
  return { ...makeResult({ host }), push: { applied: ['a', 'b'], saved } };
}

describe('push results in the thread', () => {
  it('groups devices with the same push outcome and says what was applied and saved', () => {
    const entries = entriesFor([pushed('r1'), pushed('r2'), pushed('r3', false)]);
    expect(entries.map((e) => e.results.map((r) => r.host))).toEqual([['r1', 'r2'], ['r3']]);
    expect(entryHeader(entries[0]!)).toContain('2 devices, same result');
    expect(entryBody(entries[0]!)).toBe(':gear: applied 2 lines · saved');
    expect(entryBody(entries[1]!)).toBe(':gear: applied 2 lines · not saved');
  });

  it('shows the line the device rejected with its words, and keeps run results as they were', () => {
    const rejected: HostResult = {
      ...makeResult({
        host: 'r4',
        code: 'COMMAND_REJECTED',
        message: 'r4 rejected `b`: % Invalid input <x>',
      }),
      push: { applied: ['a'], rejected: { line: 'b', message: '% Invalid input <x>' }, saved: false },
    };
    const [entry] = entriesFor([rejected]);
    expect(entryBody(entry!)).toBe(
      '> r4 rejected `b`: % Invalid input &lt;x&gt;\n:gear: applied 1 line, then the device rejected `b` · not saved',
    );
    expect(outputFileText([entry!], 'title')).toContain(
      'push: applied 1 line(s), then rejected: b · not saved',
    );
    const run = entriesFor([makeResult({ host: 'r1', outputs: [['show clock', '10:00']] })]);
    expect(entryBody(run[0]!)).toBe('```\n10:00\n```');
  });
});
