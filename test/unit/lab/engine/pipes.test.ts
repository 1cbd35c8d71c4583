import { describe, expect, it } from 'vitest';
import { applyPipes, pipeTree, planPipes } from '../../../../src/lab/engine/pipes.js';
import { splitPipes } from '../../../../src/lab/engine/tokenize.js';

const tree = pipeTree([
  { words: 'include <pattern...>', op: 'include' },
  { words: 'exclude <pattern...>', op: 'exclude' },
  { words: 'begin <pattern...>', op: 'begin' },
  { words: 'section <pattern...>', op: 'section' },
  { words: 'count', op: 'count', text: 'Count: {count} lines' },
  { words: 'last <n:int>', op: 'tail' },
  { words: 'no-more', op: 'no-more' },
  { words: 'display set', op: 'display-set' },
]);
const opts = { abbreviate: true, caseInsensitive: true, quotes: 'literal' as const };
const LINES = [
  'hostname r1',
  'interface Gi1',
  ' ip address 10.0.0.1',
  ' shutdown',
  'interface Gi2',
  ' shutdown',
  'end',
];

function run(line: string): string[] | unknown {
  const [, ...stages] = splitPipes(line);
  const plan = planPipes(stages, tree, opts);
  return 'ops' in plan ? [...applyPipes(LINES, plan)] : plan;
}

describe('pipes', () => {
  it('include, exclude and begin filter by regular expression', () => {
    expect(run('x | include Gi[12]$')).toEqual(['interface Gi1', 'interface Gi2']);
    expect(run('x | exclude shut|end')).toEqual([
      'hostname r1',
      'interface Gi1',
      ' ip address 10.0.0.1',
      'interface Gi2',
    ]);
    expect(run('x | begin Gi2')).toEqual(['interface Gi2', ' shutdown', 'end']);
  });

  it('section keeps matching lines with the lines indented under them', () => {
    expect(run('x | section Gi1')).toEqual(['interface Gi1', ' ip address 10.0.0.1', ' shutdown']);
  });

  it('stages chain, and abbreviations work', () => {
    expect(run('x | inc interface | count')).toEqual(['Count: 2 lines']);
    expect(run('x | last 2')).toEqual([' shutdown', 'end']);
  });

  it('flags no-more and display set without changing lines', () => {
    const plan = planPipes(splitPipes('show | display set | no-more').slice(1), tree, opts);
    expect(plan).toMatchObject({ displaySet: true, noMore: true, ops: [] });
  });

  it('reports an unknown pipe at its column', () => {
    expect(run('show run | frob x')).toEqual({ kind: 'invalid', column: 11, token: 'frob' });
    expect(run('show run | last')).toMatchObject({ kind: 'incomplete' });
  });
});
