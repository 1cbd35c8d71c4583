import { describe, expect, it } from 'vitest';
import { blockPredicate } from '../../../../src/lab/engine/config-model.js';
import { applyStatement, expandInterfaceName } from '../../../../src/lab/engine/config-statements.js';
import { IndentedConfig } from '../../../../src/lab/engine/indented-config.js';
import { tokenize } from '../../../../src/lab/engine/tokenize.js';
import { getPersonality } from '../../../../src/lab/personality/load.js';

const ios = getPersonality('cisco_ios');

function fresh() {
  return IndentedConfig.parse('hostname r1\ninterface GigabitEthernet1\n shutdown\n', blockPredicate(ios));
}

describe('expandInterfaceName', () => {
  it('completes abbreviated interface types as IOS does', () => {
    const known = ['GigabitEthernet', 'Loopback', 'Tunnel', 'TenGigabitEthernet'];
    expect(expandInterfaceName('gi0/1', known)).toBe('GigabitEthernet0/1');
    expect(expandInterfaceName('Lo1', known)).toBe('Loopback1');
    expect(expandInterfaceName('t1', known)).toBe('t1');
  });
});

describe('applyStatement', () => {
  it('opens blocks as sub-modes and applies children inside them', () => {
    const store = fresh();
    let levels = [{ mode: 'config' }] as Parameters<typeof applyStatement>[2];
    const step = (line: string) => {
      const r = applyStatement(ios, store, levels, tokenize(line, 'literal'), true);
      if (!r.ok) throw new Error(`rejected: ${line}`);
      levels = r.levels;
      return r.line;
    };
    expect(step('int lo 5')).toBe('interface Loopback5');
    expect(levels.map((l) => l.mode)).toEqual(['config', 'config-if']);
    expect(step('desc uplink | a')).toBe(' description uplink | a');
    // A global statement typed in a sub-mode leaves the sub-mode.
    expect(step('ntp server 192.0.2.9')).toBe('ntp server 192.0.2.9');
    expect(levels.map((l) => l.mode)).toEqual(['config']);
    expect(store.render(1, '!')).toContain(' description uplink | a');
  });

  it('rejects statements no level accepts', () => {
    const r = applyStatement(ios, fresh(), [{ mode: 'config' }], tokenize('frobnicate x', 'literal'), true);
    expect(r.ok).toBe(false);
  });
});
