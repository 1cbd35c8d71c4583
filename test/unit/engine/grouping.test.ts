import { describe, expect, it } from 'vitest';
import {
  groupIdenticalOutputs,
  HOSTNAME_PLACEHOLDER as H,
  normaliseOutput,
  replaceHostName,
} from '../../../src/engine/index.js';
import { makeResult } from '../../helpers/make-result.js';

describe('normaliseOutput', () => {
  it('turns CRLF and lone CR into LF, drops trailing spaces and collapses blank-line runs', () => {
    const raw = '\r\n\r\nVersion 15.2   \r\n\r\n\r\n\r\nUptime  is 3 weeks\t\r\r\n\n';
    expect(normaliseOutput(raw)).toBe('Version 15.2\n\nUptime  is 3 weeks');
  });

  it('keeps whitespace inside a line, because columns carry meaning', () => {
    expect(normaliseOutput('Gi0/1   up    up')).toBe('Gi0/1   up    up');
  });
});

describe('replaceHostName', () => {
  it('replaces the name in prompts and messages, whatever the case', () => {
    expect(replaceHostName('r1#show clock\nR1>\nr1(config)#\nadmin@r1:~$', 'r1')).toBe(
      `${H}#show clock\n${H}>\n${H}(config)#\nadmin@${H}:~$`,
    );
  });

  it('replaces whole tokens only', () => {
    const text = 'r10# core-r1 r1-backup x.r1 r1_a r1.lab.example r1';
    expect(replaceHostName(text, 'r1')).toBe(`r10# core-r1 r1-backup x.r1 r1_a ${H}.lab.example ${H}`);
  });

  it('matches an FQDN inventory name and its first label, but never an IP address octet', () => {
    expect(replaceHostName('r1.lab.example r1# ', 'r1.lab.example')).toBe(`${H} ${H}# `);
    expect(replaceHostName('10.0.0.1 uses 10 ports', '10.0.0.1')).toBe(`${H} uses 10 ports`);
  });

  it('treats regular-expression characters in names literally', () => {
    expect(replaceHostName('sw+1# swx1#', 'sw+1')).toBe(`${H}# swx1#`);
  });
});

describe('groupIdenticalOutputs', () => {
  it('groups devices whose output differs only by their own name and whitespace', () => {
    const results = [
      makeResult({ host: 'r1', outputs: [['show clock', 'r1#show clock\r\n12:00  \r\n\r\n\r\nr1#']] }),
      makeResult({ host: 'r2', outputs: [['show clock', 'r2#show clock\n12:00\n\nr2#']] }),
      makeResult({ host: 'r10', outputs: [['show clock', 'r10#show clock\n12:00\n\nr10#']] }),
    ];
    const groups = groupIdenticalOutputs(results);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toEqual({ kind: 'output', hosts: ['r1', 'r2', 'r10'], outputs: results[0]!.outputs });
  });

  it('does not confuse a device naming another device with itself', () => {
    const results = [
      makeResult({ host: 'r1', outputs: [['show cdp', 'neighbour r2']] }),
      makeResult({ host: 'r2', outputs: [['show cdp', 'neighbour r2']] }),
    ];
    expect(groupIdenticalOutputs(results).map((group) => group.hosts)).toEqual([['r1'], ['r2']]);
  });

  it('keeps distinct outputs apart, largest group first, ties in first-seen order', () => {
    const out = (text: string): [string, string][] => [['show ver', text]];
    const results = [
      makeResult({ host: 'a', outputs: out('v1') }),
      makeResult({ host: 'b', outputs: out('v2') }),
      makeResult({ host: 'c', outputs: out('v3') }),
      makeResult({ host: 'd', outputs: out('v2') }),
      makeResult({ host: 'e', outputs: out('v3') }),
      makeResult({ host: 'f', outputs: out('v2') }),
    ];
    expect(groupIdenticalOutputs(results).map((group) => group.hosts)).toEqual([
      ['b', 'd', 'f'],
      ['c', 'e'],
      ['a'],
    ]);
  });

  it('compares the commands too, not only the text', () => {
    const results = [
      makeResult({ host: 'a', outputs: [['show clock', 'x']] }),
      makeResult({ host: 'b', outputs: [['show ver', 'x']] }),
    ];
    expect(groupIdenticalOutputs(results)).toHaveLength(2);
  });

  it('groups failed devices by error code and message, with the host name normalised', () => {
    const results = [
      makeResult({ host: 'r1', code: 'AUTH_FAILED', message: 'r1: authentication failed for admin' }),
      makeResult({ host: 'r2', code: 'AUTH_FAILED', message: 'r2: authentication failed for admin' }),
      makeResult({ host: 'r3', code: 'AUTH_FAILED', message: 'r3: authentication failed for netops' }),
      makeResult({ host: 'r4', code: 'CONNECT_REFUSED', message: 'r4: authentication failed for admin' }),
      makeResult({ host: 'r5', outputs: [['show ver', 'r4: authentication failed for admin']] }),
    ];
    const groups = groupIdenticalOutputs(results);
    expect(groups.map((group) => [group.kind, group.hosts])).toEqual([
      ['error', ['r1', 'r2']],
      ['error', ['r3']],
      ['error', ['r4']],
      ['output', ['r5']],
    ]);
    expect(groups[0]).toMatchObject({ status: 'failed', error: { code: 'AUTH_FAILED' } });
  });

  it('returns no groups for no results', () => {
    expect(groupIdenticalOutputs([])).toEqual([]);
  });
});
