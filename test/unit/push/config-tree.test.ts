import { describe, expect, it } from 'vitest';
import { normaliseLine, parseIndented } from '../../../src/push/index.js';

function shape(lines: string[]) {
  const walk = (nodes: ReturnType<typeof parseIndented>): unknown[] =>
    nodes.map((n) => (n.children.length === 0 ? n.key : { [n.key]: walk(n.children) }));
  return walk(parseIndented(lines));
}

describe('parseIndented', () => {
  it('nests by indentation whatever the width (IOS 1, NX-OS 2, EOS 3 spaces)', () => {
    expect(
      shape([
        'router bgp 1',
        ' address-family ipv4',
        '  neighbor 10.0.0.1 activate',
        ' bgp log-neighbor-changes',
      ]),
    ).toEqual([
      {
        'router bgp 1': [
          { 'address-family ipv4': ['neighbor 10.0.0.1 activate'] },
          'bgp log-neighbor-changes',
        ],
      },
    ]);
    expect(shape(['interface Ethernet1', '   description x', '   no switchport', 'ip routing'])).toEqual([
      { 'interface Ethernet1': ['description x', 'no switchport'] },
      'ip routing',
    ]);
  });

  it('skips `!` comments, IOS XR ` !` block ends and blank lines, and records block ends', () => {
    const lines = ['!', 'router ospf 1', ' area 0', '  interface Gi0', '  !', ' !', '!', '', 'end'];
    const [ospf, end] = parseIndented(lines);
    expect(ospf).toMatchObject({ key: 'router ospf 1', line: 1, last: 3 });
    expect(ospf!.children[0]).toMatchObject({ key: 'area 0', line: 2, last: 3 });
    expect(end).toMatchObject({ key: 'end', line: 8 });
  });

  it('puts a less-indented line back under the right ancestor', () => {
    expect(shape(['a', '  b', '    c', ' d', 'e'])).toEqual([{ a: [{ b: ['c'] }, 'd'] }, 'e']);
  });
});

describe('normaliseLine', () => {
  it('trims and collapses runs of spaces and tabs', () => {
    expect(normaliseLine('  ip  address\t10.0.0.1   255.255.255.0 \r')).toBe(
      'ip address 10.0.0.1 255.255.255.0',
    );
  });
});
