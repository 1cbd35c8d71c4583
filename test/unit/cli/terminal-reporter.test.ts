import { describe, expect, it } from 'vitest';
import { renderHost, TerminalReporter } from '../../../src/cli/terminal-reporter.js';
import { type JobEvent, summarise } from '../../../src/engine/index.js';
import type { HostResult } from '../../../src/engine/types.js';
import { makeResult } from '../../helpers/make-result.js';

function feed(order: 'completion' | 'inventory', json: boolean, finished: HostResult[], inventory: string[]) {
  const writes: string[] = [];
  const reporter = new TerminalReporter({ write: (text) => writes.push(text), order, json });
  const start: JobEvent = {
    type: 'job:start',
    jobId: 'j1',
    hostCount: inventory.length,
    hosts: inventory,
    concurrency: 5,
    startedAt: 0,
    meta: {},
  };
  reporter.handle(start);
  finished.forEach((result, index) => {
    reporter.handle({ type: 'host:done', jobId: 'j1', result, done: index + 1, total: finished.length });
  });
  const summary = summarise(finished, { wallMs: 500, concurrency: 5 });
  reporter.handle({ type: 'job:done', jobId: 'j1', summary, results: finished });
  return writes;
}

const r1 = makeResult({ host: 'r1', outputs: [['show version', 'IOS 15.2\n']] });
const r2 = makeResult({ host: 'r2', code: 'AUTH_FAILED', message: 'r2: authentication failed' });
const r3 = makeResult({ host: 'r3', outputs: [['show version', 'IOS 15.4']] });

describe('TerminalReporter', () => {
  it('prints each device as one block the moment it finishes (completion order)', () => {
    const writes = feed('completion', false, [r3, r1, r2], ['r1', 'r2', 'r3']);
    expect(writes).toHaveLength(4);
    expect(writes[0]).toMatch(/^== r3 · ok · 100 ms ==\nIOS 15\.4\n$/);
    expect(writes[1]).toContain('== r1 · ok');
    expect(writes[2]).toContain('== r2 · FAILED');
    expect(writes[2]).toContain('error AUTH_FAILED: r2: authentication failed');
    expect(writes[3]).toContain('== summary ==');
    expect(writes[3]).toMatch(/3 total · 2 ok · 1 failed/);
  });

  it('holds results back until every device before them is printed (inventory order)', () => {
    const writes = feed('inventory', false, [r3, r1, r2], ['r1', 'r2', 'r3']);
    const hosts = writes.slice(0, 3).map((text) => text.match(/^== (\w+)/)?.[1]);
    expect(hosts).toEqual(['r1', 'r2', 'r3']);
  });

  it('writes NDJSON: one object per device, then the summary', () => {
    const writes = feed('completion', true, [r1, r2], ['r1', 'r2']);
    const objects = writes.map((line) => JSON.parse(line));
    expect(objects.map((o) => o.type)).toEqual(['host', 'host', 'summary']);
    expect(objects[0]).toMatchObject({ host: 'r1', status: 'ok', outputs: [{ output: 'IOS 15.2\n' }] });
    expect(objects[1]).toMatchObject({ host: 'r2', status: 'failed', error: { code: 'AUTH_FAILED' } });
    expect(objects[2]).toMatchObject({ total: 2, ok: 1 });
    for (const line of writes)
      expect(line.endsWith('\n') && line.indexOf('\n') === line.length - 1).toBe(true);
  });

  it('names each command when a device ran several, and reports a rejected push line', () => {
    const text = renderHost({
      ...makeResult({ host: 'sw1', code: 'COMMAND_REJECTED', message: 'sw1 rejected `vlan x`' }),
      outputs: [
        { command: 'show clock', output: '12:00' },
        { command: 'show users', output: 'admin' },
      ],
      push: { applied: ['vlan 10'], rejected: { line: 'vlan x', message: '% Invalid input' }, saved: false },
    });
    expect(text).toContain('-- show clock\n12:00\n-- show users\nadmin');
    expect(text).toContain('applied 1 line(s), not saved');
    expect(text).toContain('rejected: vlan x\n  device said: % Invalid input');
  });
});
