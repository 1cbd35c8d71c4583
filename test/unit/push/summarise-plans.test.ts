import { describe, expect, it } from 'vitest';
import {
  type DevicePlan,
  formatHeadline,
  planConfigChange,
  summarisePlans,
} from '../../../src/push/index.js';

const request = ['interface Gi0/1', ' description uplink', 'ntp server 10.0.0.1'];
const compliant = 'interface Gi0/1\n description uplink\nntp server 10.0.0.1\n';
const needsNtp = 'interface Gi0/1\n description uplink\n';
const needsBoth = 'interface Gi0/1\n description old\n';

function plan(running: string) {
  return planConfigChange(running, request, { style: 'indented' });
}

describe('summarisePlans', () => {
  const devices: DevicePlan[] = [
    { host: 'r1', plan: plan(needsNtp) },
    { host: 'r2', plan: plan(compliant) },
    { host: 'r3', plan: plan(needsBoth) },
    { host: 'r4', plan: plan(needsNtp) },
    { host: 'r5', plan: plan(compliant) },
    { host: 'r6', plan: plan(needsNtp) },
    { host: 'r7', error: { code: 'AUTH_FAILED', message: 'authentication failed', hint: 'check' } },
  ];
  const summary = summarisePlans(devices);

  it('counts devices that would change, compliant ones and failures', () => {
    expect(summary).toMatchObject({
      total: 7,
      changing: ['r1', 'r3', 'r4', 'r6'],
      compliant: ['r2', 'r5'],
      failed: [{ host: 'r7', error: { code: 'AUTH_FAILED' } }],
      headline: '4 devices would change, 2 already compliant, 1 could not be checked',
    });
  });

  it('groups devices with identical plans: changing groups first, larger first', () => {
    expect(summary.groups.map((g) => [g.hosts, g.changes])).toEqual([
      [['r1', 'r4', 'r6'], true],
      [['r3'], true],
      [['r2', 'r5'], false],
    ]);
    expect(summary.groups[0]!.plan.commands).toEqual(['ntp server 10.0.0.1']);
    expect(summary.groups[1]!.plan.commands).toEqual([
      'interface Gi0/1',
      ' description uplink',
      'ntp server 10.0.0.1',
    ]);
  });

  it('groups plans that differ only in whitespace or in their diff context', () => {
    const other = planConfigChange(`hostname r9\n${needsNtp}`, request, { style: 'indented' });
    const spaced = planConfigChange(
      needsNtp,
      ['interface  Gi0/1', '  description  uplink', 'ntp server 10.0.0.1'],
      {
        style: 'indented',
      },
    );
    const groups = summarisePlans([
      { host: 'a', plan: plan(needsNtp) },
      { host: 'b', plan: other },
      { host: 'c', plan: spaced },
    ]).groups;
    expect(groups.map((g) => g.hosts)).toEqual([['a', 'b', 'c']]);
  });

  it('handles an empty fleet', () => {
    expect(summarisePlans([])).toEqual({
      total: 0,
      changing: [],
      compliant: [],
      failed: [],
      headline: '0 devices would change, 0 already compliant',
      groups: [],
    });
  });
});

describe('formatHeadline', () => {
  it('uses the singular for one device', () => {
    expect(formatHeadline(1, 1)).toBe('1 device would change, 1 already compliant');
    expect(formatHeadline(8, 4)).toBe('8 devices would change, 4 already compliant');
  });
});
