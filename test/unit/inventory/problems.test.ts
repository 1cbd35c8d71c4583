import { describe, expect, it } from 'vitest';
import { formatPath, inventoryError } from '../../../src/inventory/problems.js';
import { didYouMean, nearest } from '../../../src/inventory/suggest.js';

describe('formatPath', () => {
  it.each([
    [['hosts', 'r1', 'port'], 'hosts.r1.port'],
    [['hosts', 'r1', 'groups', 2], 'hosts.r1.groups[2]'],
    [['hosts', 'r1.lab.example', 'port'], 'hosts["r1.lab.example"].port'],
    [['groups', 'core-routers'], 'groups.core-routers'],
    [[], ''],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('inventoryError', () => {
  it('sorts by line, drops repeated lines, and uses SECRET_UNSET only when every problem is one', () => {
    const error = inventoryError('inv.yaml', [
      { path: ['hosts', 'b'], message: 'second', line: 9, code: 'INVENTORY_INVALID' },
      { path: ['hosts', 'a'], message: 'first', line: 2, code: 'SECRET_UNSET' },
      { path: ['hosts', 'b'], message: 'second', line: 9, code: 'INVENTORY_INVALID' },
      { path: [], message: 'no line', code: 'INVENTORY_INVALID' },
    ]);
    expect(error.code).toBe('INVENTORY_INVALID');
    expect(error.message.split('\n')).toEqual([
      'inv.yaml has 3 problems:',
      'inv.yaml:2: hosts.a: first',
      'inv.yaml:9: hosts.b: second',
      'inv.yaml: no line',
    ]);
    expect(inventoryError('x', [{ path: ['a'], message: 'm', code: 'SECRET_UNSET' }]).code).toBe(
      'SECRET_UNSET',
    );
  });
});

describe('suggestions', () => {
  it('ignores case and separators, and keeps only close names', () => {
    expect(nearest('connectTimeout', ['connect_timeout', 'command_timeout', 'host_timeout'])).toEqual([
      'connect_timeout',
    ]);
    expect(nearest('CORE', ['core', 'edge'])).toEqual(['core']);
    expect(nearest('zzzzzz', ['core', 'edge'])).toEqual([]);
  });

  it('phrases one, two or three suggestions, or none', () => {
    expect(didYouMean('r', ['r1'])).toBe(' — did you mean "r1"?');
    expect(didYouMean('r', ['r1', 'r2'])).toBe(' — did you mean "r1" or "r2"?');
    expect(didYouMean('r', ['r1', 'r2', 'r3', 'r4'])).toBe(' — did you mean "r1", "r2" or "r3"?');
    expect(didYouMean('xyzzy', ['r1'])).toBe('');
  });
});
