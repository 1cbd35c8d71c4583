import { describe, expect, it } from 'vitest';
import { buildTree, matchTokens, parseWords } from '../../../../src/lab/engine/command-tree.js';
import { tokenize } from '../../../../src/lab/engine/tokenize.js';

const tree = buildTree(
  [
    'show version',
    'show ip interface brief',
    'show interfaces',
    'show interfaces <name>',
    'show running-config',
    'terminal length <n:int>',
    'do <command...>',
    'set system <path...>',
    'ssh <host>',
  ].map((words) => ({ words, payload: words })),
);

const match = (line: string, abbreviate = true) =>
  matchTokens(tree, tokenize(line, 'literal'), line, { abbreviate, caseInsensitive: true });

describe('parseWords', () => {
  it('reads keywords, typed arguments and rest-of-line arguments', () => {
    expect(parseWords('terminal length <n:int> <rest...>')).toEqual([
      { kind: 'literal', text: 'terminal' },
      { kind: 'literal', text: 'length' },
      { kind: 'arg', name: 'n', type: 'int' },
      { kind: 'arg', name: 'rest', type: 'rest' },
    ]);
  });
});

describe('matchTokens', () => {
  it('accepts unique prefixes and any case, as IOS does', () => {
    expect(match('sh ip int br')).toMatchObject({ kind: 'match', payload: 'show ip interface brief' });
    expect(match('SH VER')).toMatchObject({ kind: 'match', payload: 'show version' });
    expect(match('sh run')).toMatchObject({ kind: 'match', payload: 'show running-config' });
  });

  it('prefers an exact keyword and otherwise reports an ambiguous prefix', () => {
    expect(match('s')).toEqual({ kind: 'ambiguous', index: 0 });
    expect(match('show interfaces')).toMatchObject({ kind: 'match', payload: 'show interfaces' });
  });

  it('falls back to an argument when no keyword fits', () => {
    expect(match('show interfaces Gi1')).toMatchObject({
      payload: 'show interfaces <name>',
      args: { name: 'Gi1' },
    });
  });

  it('reports the index of the word where matching failed', () => {
    expect(match('show bogus')).toEqual({ kind: 'invalid', index: 1 });
    expect(match('frobnicate')).toEqual({ kind: 'invalid', index: 0 });
    expect(match('terminal length many')).toEqual({ kind: 'invalid', index: 2 });
    expect(match('sh ver', false)).toEqual({ kind: 'invalid', index: 0 });
  });

  it('reports incomplete commands and empty lines', () => {
    expect(match('show')).toEqual({ kind: 'incomplete' });
    expect(match('terminal length')).toEqual({ kind: 'incomplete' });
    expect(match('   ')).toEqual({ kind: 'empty' });
  });

  it('captures the raw rest of the line', () => {
    expect(match('do  show ip  int br | inc Gi')).toMatchObject({
      args: { command: 'show ip  int br | inc Gi' },
    });
    expect(match('terminal length 0')).toMatchObject({ args: { n: '0' }, keywords: ['terminal', 'length'] });
  });
});
