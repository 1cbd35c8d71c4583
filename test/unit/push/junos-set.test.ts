import { describe, expect, it } from 'vitest';
import { braceToSet, isSetForm, setTokens } from '../../../src/push/index.js';
import { readConfig } from './helpers.js';

describe('braceToSet', () => {
  it('converts the brace fixture to exactly the `display set` fixture', () => {
    const expected = readConfig('juniper_junos.set').trimEnd().split('\n');
    expect(braceToSet(readConfig('juniper_junos.conf')).map((l) => l.text)).toEqual(expected);
  });

  it('expands [ lists ], keeps quoted strings, skips comments, handles one-line blocks', () => {
    const text = [
      '/* managed by netrun */',
      'policy-options { community C members [ 65000:1 65000:2 ]; }',
      'system { host-name "edge 1"; ## a comment',
      '}',
    ].join('\n');
    expect(braceToSet(text)).toEqual([
      { text: 'set policy-options community C members 65000:1', line: 1 },
      { text: 'set policy-options community C members 65000:2', line: 1 },
      { text: 'set system host-name "edge 1"', line: 2 },
    ]);
  });

  it('marks `inactive:` statements and blocks with a deactivate line, and keeps empty blocks', () => {
    const text = [
      'interfaces {',
      '    inactive: ge-0/0/3 {',
      '        unit 0;',
      '    }',
      '    ge-0/0/4 {',
      '    }',
      '    inactive: lo0;',
      '}',
    ].join('\n');
    expect(braceToSet(text).map((l) => l.text)).toEqual([
      'set interfaces ge-0/0/3 unit 0',
      'deactivate interfaces ge-0/0/3',
      'set interfaces ge-0/0/4',
      'set interfaces lo0',
      'deactivate interfaces lo0',
    ]);
  });
});

describe('isSetForm and setTokens', () => {
  it('tells the set form from the brace form by the first statement', () => {
    expect(isSetForm(readConfig('juniper_junos.set').split('\n'))).toBe(true);
    expect(isSetForm(readConfig('juniper_junos.conf').split('\n'))).toBe(false);
    expect(isSetForm(['', '# comment', 'delete snmp'])).toBe(true);
  });

  it('splits on spaces but not inside quotes, and drops the quotes', () => {
    expect(setTokens('set interfaces ge-0/0/0 description "to core 01"')).toEqual([
      'set',
      'interfaces',
      'ge-0/0/0',
      'description',
      'to core 01',
    ]);
    expect(setTokens('set  system   host-name "r1"')).toEqual(setTokens('set system host-name r1'));
  });
});
