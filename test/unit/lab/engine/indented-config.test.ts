import { describe, expect, it } from 'vitest';
import { addStatement, IndentedConfig, negateStatement } from '../../../../src/lab/engine/indented-config.js';

const rules = {
  negation: 'no',
  singleValue: ['hostname', 'ip address', 'description'],
  recordNegation: ['ip address'],
};
const isBlock = (line: string) => /^(interface|router) /.test(line);

const SAMPLE = `version 17.3
hostname r1
!
interface Gi1
 ip address 10.0.0.1 255.255.255.0
 shutdown
!
interface Lo9
!
ntp server 192.0.2.1
end`;

describe('IndentedConfig', () => {
  it('parses indentation into blocks and renders with separators and indent', () => {
    const c = IndentedConfig.parse(SAMPLE, isBlock);
    expect(c.root.children.map((n) => [n.text, n.block, n.children.length])).toEqual([
      ['version 17.3', false, 0],
      ['hostname r1', false, 0],
      ['interface Gi1', true, 2],
      ['interface Lo9', true, 0],
      ['ntp server 192.0.2.1', false, 0],
    ]);
    expect(c.render(2, '!')).toEqual([
      'version 17.3',
      'hostname r1',
      '!',
      'interface Gi1',
      '  ip address 10.0.0.1 255.255.255.0',
      '  shutdown',
      '!',
      'interface Lo9',
      '!',
      'ntp server 192.0.2.1',
      '!',
    ]);
    expect(c.render(1, null).includes('!')).toBe(false);
  });

  it('replaces single-value statements in place and keeps like statements together', () => {
    const c = IndentedConfig.parse(SAMPLE, isBlock);
    addStatement(c.root, 'hostname r2', rules);
    addStatement(c.root, 'ntp server 192.0.2.2', rules);
    addStatement(c.root, 'interface Lo10', rules, true);
    const texts = c.root.children.map((n) => n.text);
    expect(texts).toEqual([
      'version 17.3',
      'hostname r2',
      'interface Gi1',
      'interface Lo9',
      'interface Lo10',
      'ntp server 192.0.2.1',
      'ntp server 192.0.2.2',
    ]);
    expect(addStatement(c.root, 'hostname r2', rules)).toBe(c.root.children[1]);
  });

  it('`no` removes what it names and records negations the device shows', () => {
    const c = IndentedConfig.parse(SAMPLE, isBlock);
    const gi1 = c.root.children[2];
    if (!gi1) throw new Error('no Gi1');
    expect(negateStatement(gi1, 'shutdown', rules)).toBe(true);
    negateStatement(gi1, 'ip address', rules);
    expect(gi1.children.map((n) => n.text)).toEqual(['no ip address']);
    addStatement(gi1, 'ip address 10.9.9.9 255.255.255.255', rules);
    expect(gi1.children.map((n) => n.text)).toEqual(['ip address 10.9.9.9 255.255.255.255']);
    expect(negateStatement(c.root, 'interface Lo9', rules)).toBe(true);
    expect(c.root.children.some((n) => n.text === 'interface Lo9')).toBe(false);
  });

  it('clones deeply', () => {
    const c = IndentedConfig.parse(SAMPLE, isBlock);
    const copy = c.clone();
    addStatement(copy.root.children[2] ?? copy.root, 'description changed', rules);
    expect(c.render(1, '!').join('\n')).not.toContain('description changed');
  });
});
