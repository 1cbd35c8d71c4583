import { describe, expect, it } from 'vitest';
import { formatReport, reportTable } from '../../../reliability/report.js';
import { ackFigures, check, type ScenarioResult } from '../../../reliability/scenarios/types.js';

function result(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'Slack faults · mixed',
    devices: 500,
    faults: '429 + 5xx | drops',
    faultsInjected: 37,
    lost: 0,
    duplicates: 0,
    ack: ackFigures([12, 30, 7]),
    times: { job: 4_500, thread: 35_080 },
    checks: [check('summary last', true), check('nothing lost', true)],
    notes: ['26 Slack calls'],
    ...overrides,
  };
}

const CONTEXT = {
  startedAt: '2026-11-22T08:00:00.000Z',
  totalMs: 612_000,
  form: 'long' as const,
  machine: { cpus: 2, node: 'v20.20.0', loadBefore: 0.4, loadAfter: 1.6 },
};

describe('reportTable', () => {
  it('has one row per scenario with its figures, escaping pipes', () => {
    const table = reportTable([result(), result({ name: 'load', ack: undefined, times: {} })]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('| Slack faults · mixed | 500 | 429 + 5xx \\| drops | 37 | 0 | 0 |');
    expect(table[2]).toContain('12 / 30 ms (3)');
    expect(table[2]).toContain('job 4.50 s, thread 35.1 s');
    expect(table[2]).toContain('2/2 ✓');
    expect(table[3]).toContain('| – | – |');
  });

  it('shows duplicates after lost answers apart and failed checks in bold', () => {
    const row = reportTable([
      result({ duplicates: 1, expectedDuplicates: 3, checks: [check('a', false, 'r7'), check('b', true)] }),
    ]).split('\n')[2];
    expect(row).toContain('| 1 (+3 after lost answers) |');
    expect(row).toContain('**1 failed** of 2');
  });
});

describe('formatReport', () => {
  it('says every invariant held, with the machine and the notes', () => {
    const text = formatReport([result()], CONTEXT);
    expect(text).toContain('Every invariant held (2 checks).');
    expect(text).toContain('2 CPUs, Node v20.20.0');
    expect(text).toContain('(busy: times are longer');
    expect(text).toContain('- **Slack faults · mixed**: 26 Slack calls');
  });

  it('lists each failed invariant with its detail', () => {
    const text = formatReport([result({ checks: [check('nothing lost', false, 'r7, r9')] })], {
      ...CONTEXT,
      machine: { ...CONTEXT.machine, loadAfter: 0.2 },
    });
    expect(text).toContain('- Slack faults · mixed: nothing lost — r7, r9');
    expect(text).not.toContain('Every invariant held');
    expect(text).not.toContain('busy');
  });
});
