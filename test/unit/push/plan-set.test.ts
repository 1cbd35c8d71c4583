import { describe, expect, it } from 'vitest';
import { planConfigChange } from '../../../src/push/index.js';
import { changedLines, readConfig, verdicts } from './helpers.js';

const set = { style: 'set' } as const;

describe.each([
  ['display set form', readConfig('juniper_junos.set')],
  ['brace form', readConfig('juniper_junos.conf')],
])('Junos running config in %s', (_form, running) => {
  it('finds set lines, containers and quoted values; new when a value differs', () => {
    const plan = planConfigChange(
      running,
      [
        '# hardening baseline',
        'set system host-name srx-edge-01',
        'set system   host-name "srx-edge-01"',
        'set interfaces ge-0/0/0 unit 0',
        'set interfaces ge-0/0/0 description "to core-01 (password reset in CHG12345)"',
        'set interfaces ge-0/0/1 description "to customer B"',
        'set system host-name srx-edge-02',
      ],
      set,
    );
    expect(verdicts(plan)).toEqual([
      'present found: set system host-name srx-edge-01',
      'present found: set system   host-name "srx-edge-01"',
      'present found: set interfaces ge-0/0/0 unit 0',
      'present found: set interfaces ge-0/0/0 description "to core-01 (password reset in CHG12345)"',
      'new missing: set interfaces ge-0/0/1 description "to customer B"',
      'new missing: set system host-name srx-edge-02',
    ]);
    expect(plan.lines[0]!.index).toBe(1);
  });

  it('`delete X` is compliant when nothing is configured under X, new (and removes the lines) otherwise', () => {
    const plan = planConfigChange(
      running,
      ['delete snmp community PUBLIC', 'delete system services netconf'],
      set,
    );
    expect(verdicts(plan)).toEqual([
      'present already-absent: delete snmp community PUBLIC',
      'new removes-existing: delete system services netconf',
    ]);
    expect(changedLines(plan.diff)).toEqual(['-set system services netconf ssh']);
  });

  it('puts a new set line next to its closest relatives in the diff', () => {
    const plan = planConfigChange(running, ['set interfaces ge-0/0/1 description "to customer B"'], set);
    expect(plan.diff).toContain(
      ' set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.9/24\n+set interfaces ge-0/0/1 description "to customer B"\n set interfaces lo0',
    );
  });

  it('masks the secrets of the context lines in the diff', () => {
    const plan = planConfigChange(running, ['set system tacplus-server 10.10.10.40 port 49'], set);
    expect(plan.diff).toContain(' set system tacplus-server 10.10.10.40 secret "<redacted>"\n');
    expect(plan.diff).not.toMatch(/\$9\$/);
  });

  it('is compliant when every requested line is there', () => {
    const plan = planConfigChange(
      running,
      [
        'set snmp community Jn-Comm-RO authorization read-only',
        'set protocols ospf area 0.0.0.0 interface lo0.0 passive',
      ],
      set,
    );
    expect(plan).toMatchObject({ changes: false, newLines: [], commands: [], diff: '' });
  });
});

describe('set-style requests', () => {
  const running = [
    'set interfaces ge-0/0/3 unit 0 family inet address 10.9.9.1/30',
    'deactivate interfaces ge-0/0/3',
    'set interfaces lo0 unit 0 family inet address 10.255.4.1/32',
  ].join('\n');

  it('compares deactivate and activate with the deactivate lines', () => {
    const plan = planConfigChange(
      running,
      [
        'deactivate interfaces ge-0/0/3',
        'activate interfaces ge-0/0/3',
        'deactivate interfaces lo0',
        'activate interfaces lo0',
      ],
      set,
    );
    expect(plan.lines.map((l) => `${l.status} ${l.reason}`)).toEqual([
      'present found',
      'new removes-existing',
      'new missing',
      'present already-absent',
    ]);
  });

  it('counts commands it cannot compare as new', () => {
    const plan = planConfigChange(running, ['rename interfaces ge-0/0/3 to ge-0/0/4'], set);
    expect(verdicts(plan)).toEqual(['new not-checked: rename interfaces ge-0/0/3 to ge-0/0/4']);
    expect(plan.commands).toEqual(['rename interfaces ge-0/0/3 to ge-0/0/4']);
  });

  it('accepts a request written in brace form, converted to set lines', () => {
    const plan = planConfigChange(
      running,
      ['interfaces {', '    lo0 {', '        description "loopback";', '    }', '}'],
      set,
    );
    expect(plan.lines).toEqual([
      {
        index: 2,
        text: 'set interfaces lo0 description "loopback"',
        parents: [],
        status: 'new',
        reason: 'missing',
      },
    ]);
  });
});
