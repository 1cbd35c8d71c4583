import { describe, expect, it } from 'vitest';
import { auditJsonLine, parseWhen, renderAuditTable } from '../../../src/cli/audit-command.js';
import { isNetrunError } from '../../../src/errors.js';
import type { AuditEntry } from '../../../src/store/index.js';

const NOW = Date.UTC(2025, 2, 11, 18, 0, 0);

describe('netrun audit: --since / --until', () => {
  it('counts durations back from now', () => {
    expect(parseWhen('since', '30m', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseWhen('since', '24h', NOW)).toBe(NOW - 24 * 3_600_000);
    expect(parseWhen('since', '7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseWhen('since', '2w', NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseWhen('since', '90s', NOW)).toBe(NOW - 90_000);
  });

  it('reads dates and times as UTC unless they name a zone', () => {
    expect(parseWhen('since', '2025-03-11', NOW)).toBe(Date.UTC(2025, 2, 11));
    expect(parseWhen('since', '2025-03-11T09:30', NOW)).toBe(Date.UTC(2025, 2, 11, 9, 30));
    expect(parseWhen('since', '2025-03-11 09:30:15', NOW)).toBe(Date.UTC(2025, 2, 11, 9, 30, 15));
    expect(parseWhen('since', '2025-03-11T09:30:00+01:00', NOW)).toBe(Date.UTC(2025, 2, 11, 8, 30));
    expect(parseWhen('since', '2025-03-11T09:30:00Z', NOW)).toBe(Date.UTC(2025, 2, 11, 9, 30));
  });

  it('refuses anything else as a usage error naming the option and the forms', () => {
    for (const bad of ['yesterday', '24', 'h', '-1d', '2025-13-45', '2025-02-30', '2025/03/11', '']) {
      let caught: unknown;
      try {
        parseWhen('until', bad, NOW);
      } catch (error) {
        caught = error;
      }
      expect(isNetrunError(caught, 'USAGE'), bad).toBe(true);
      expect((caught as Error).message).toContain('--until must be a duration such as 30m, 24h, 7d');
    }
  });
});

const entries: AuditEntry[] = [
  {
    id: 1,
    at: Date.UTC(2025, 2, 11, 8, 2, 0),
    actor: 'U_ALICE',
    action: 'request',
    channel: 'C_NETOPS',
    target: 'core-routers',
    command: 'show version',
    jobId: 'j1',
    outcome: 'accepted',
  },
  {
    id: 2,
    at: Date.UTC(2025, 2, 11, 9, 15, 0),
    actor: 'U_MALLORY',
    action: 'refused',
    channel: 'C_RANDOM',
    command: 'reload\u001b[2J\nnow',
    outcome: 'refused',
    reason: 'missing permission: run',
  },
  { id: 3, at: Date.UTC(2025, 2, 11, 9, 16, 0), actor: 'netrun', action: 'device', host: 'r1', jobId: 'j1' },
];

describe('netrun audit: output', () => {
  it('renders an aligned table with time, user, action, where, what and outcome', () => {
    const lines = renderAuditTable(entries).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^TIME \(UTC\)\s+USER\s+ACTION\s+WHERE\s+WHAT\s+OUTCOME$/);
    expect(lines[1]).toMatch(
      /^2025-03-11 08:02:00 {2}U_ALICE\s+request\s+C_NETOPS\s+core-routers "show version" job j1\s+accepted$/,
    );
    expect(lines[2]).toContain('refused: missing permission: run');
    expect(lines[3]).toMatch(/netrun\s+device\s+-\s+r1 job j1\s+-$/);
    for (const title of ['USER', 'ACTION', 'WHERE', 'WHAT', 'OUTCOME']) {
      const column = lines[0]!.indexOf(title);
      for (const line of lines.slice(1)) expect(line[column - 1], `${title} in ${line}`).toBe(' ');
      for (const line of lines.slice(1)) expect(line[column], `${title} in ${line}`).not.toBe(' ');
    }
  });

  it('keeps control characters from a refused command away from the terminal', () => {
    const table = renderAuditTable(entries);
    expect(table).not.toContain('\u001b');
    expect(table.split('\n')).toHaveLength(5);
  });

  it('says so when nothing matches', () => {
    expect(renderAuditTable([])).toBe('no audit entries match\n');
  });

  it('writes one JSON object per entry with an ISO time', () => {
    expect(JSON.parse(auditJsonLine(entries[2]!))).toEqual({
      id: 3,
      at: '2025-03-11T09:16:00.000Z',
      actor: 'netrun',
      action: 'device',
      host: 'r1',
      jobId: 'j1',
    });
  });
});
