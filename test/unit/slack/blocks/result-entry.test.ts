import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  durationRange,
  entriesFor,
  entryChunk,
  entryFileLine,
  outputFileText,
} from '../../../../src/slack/index.js';
import { makeResult } from '../../../helpers/make-result.js';

const VERSION = (host: string) => `Cisco IOS XE Software, Version 17.3\n${host} uptime is 3 weeks\n`;

describe('result entries', () => {
  it('collapses identical outputs (host names aside) into one entry naming every device', () => {
    const results = ['r1', 'r2', 'r3'].map((host, i) =>
      makeResult({ host, totalMs: 900 + i * 300, outputs: [['show version', VERSION(host)]] }),
    );
    const entries = entriesFor([
      ...results,
      makeResult({ host: 'r4', outputs: [['show version', 'other']] }),
    ]);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.results.map((r) => r.host)).toEqual(['r1', 'r2', 'r3']);
    expect(entryChunk(entries[0]!)).toMatchSnapshot();
  });

  it('shows a failure with its catalogue title, code and message', () => {
    const [entry] = entriesFor([
      makeResult({
        host: 'r9',
        code: 'AUTH_FAILED',
        message: 'r9 refused the password for netrun',
        totalMs: 1_200,
      }),
    ]);
    expect(entryChunk(entry!)).toMatchSnapshot();
  });

  it('groups identical failures and shows the shared message with ⟨host⟩', () => {
    const entries = entriesFor(
      ['r7', 'r8'].map((host) =>
        makeResult({ host, code: 'CONNECT_REFUSED', message: `connection refused by ${host}:22` }),
      ),
    );
    expect(entries).toHaveLength(1);
    expect(entryChunk(entries[0]!)).toContain('> connection refused by ⟨host⟩:22');
    expect(entryChunk(entries[0]!)).toContain('*r7, r8* · 2 devices, same result');
  });

  it('keeps what a device printed before rejecting a command', () => {
    const [entry] = entriesFor([
      makeResult({
        host: 'r5',
        code: 'COMMAND_REJECTED',
        message: 'r5 rejected the command',
        outputs: [['show bogus', "% Invalid input detected at '^' marker."]],
      }),
    ]);
    expect(entryChunk(entry!)).toMatchSnapshot();
  });

  it('captions each command when a device ran several', () => {
    const [entry] = entriesFor([
      makeResult({
        host: 'r1',
        outputs: [
          ['show clock', '12:00'],
          ['show users', 'none'],
        ],
      }),
    ]);
    expect(entryChunk(entry!)).toMatchSnapshot();
  });

  it('points to the file when the output is there instead', () => {
    const [entry] = entriesFor([makeResult({ host: 'r1', outputs: [['show run', 'x'.repeat(5_000)]] })]);
    expect(entryFileLine(entry!, 'netrun-a1-part1.txt')).toBe(
      ':white_check_mark: *r1* · 100 ms · output (4.9 KB) in `netrun-a1-part1.txt`',
    );
  });

  it('writes every device and its full output into the file text', () => {
    const entries = entriesFor([
      makeResult({ host: 'r1', outputs: [['show version', VERSION('r1')]] }),
      makeResult({ host: 'r2', outputs: [['show version', VERSION('r2')]] }),
      makeResult({
        host: 'r3',
        code: 'HOST_TIMEOUT',
        status: 'timeout',
        message: 'r3 took longer than 60 s',
      }),
    ]);
    expect(outputFileText(entries, 'show version — 3 devices')).toMatchSnapshot();
  });
});

describe('codeBlock', () => {
  it('escapes markup and keeps a fence inside the output from closing the block', () => {
    expect(codeBlock('a < b && c > d\n```\ninjected\n```')).toBe(
      '```\na &lt; b &amp;&amp; c &gt; d\n``\u200b`\ninjected\n``\u200b`\n```',
    );
  });

  it('says so when there is no output', () => {
    expect(codeBlock('\r\n  \n')).toBe('```\n(no output)\n```');
  });
});

describe('durationRange', () => {
  it('names the unit once when both ends share it', () => {
    expect(durationRange(518, 562)).toBe('518–562 ms');
    expect(durationRange(1_200, 3_400)).toBe('1.2–3.4 s');
    expect(durationRange(900, 1_500)).toBe('900 ms–1.5 s');
    expect(durationRange(61_000, 125_000)).toBe('1 m 01 s–2 m 05 s');
    expect(durationRange(100, 100)).toBe('100 ms');
  });
});
