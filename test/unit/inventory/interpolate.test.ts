// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${…} references written literally
import { describe, expect, it } from 'vitest';
import { expandPath, interpolate } from '../../../src/inventory/interpolate.js';

const sources = {
  env: { A: 'alpha', EMPTY: '' },
  readFile: (path: string) => {
    if (path === '/inv/secret.txt') return 'file-secret\n';
    throw Object.assign(new Error('no'), { code: 'EACCES' });
  },
  baseDir: '/inv',
  homeDir: '/home/op',
};

const run = (text: string, field = 'username') => interpolate(text, ['hosts', 'r1', field], sources);

describe('interpolate', () => {
  it.each([
    ['plain', 'plain'],
    ['${env:A}', 'alpha'],
    ['x-${env:A}-${env:A}', 'x-alpha-alpha'],
    ['${file:secret.txt}', 'file-secret'],
    ['${file:/inv/secret.txt}', 'file-secret'],
    ['$${env:A}', '${env:A}'],
    ['cost $5', 'cost $5'],
    ['trailing $', 'trailing $'],
  ])('%j → %j', (text, value) => {
    expect(run(text)).toEqual({ value, problems: [] });
  });

  it('reports each unresolvable reference in a string', () => {
    const { problems } = run('${env:NOPE}/${env:EMPTY}');
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      [
        'SECRET_UNSET',
        '${env:NOPE}: the environment variable NOPE is not set — set it, or change the reference',
      ],
      [
        'SECRET_UNSET',
        '${env:EMPTY}: the environment variable EMPTY is not set — set it, or change the reference',
      ],
    ]);
    expect(problems[0]?.path).toEqual(['hosts', 'r1', 'username']);
  });

  it('names an unreadable file with the reason', () => {
    expect(run('${file:~/pw}').problems.map((p) => p.message)).toEqual([
      '${file:~/pw}: cannot read /home/op/pw (EACCES) — create the file, or change the reference',
    ]);
  });

  it.each([
    ['${}', 'bad reference "${}"'],
    ['${env:}', 'bad reference "${env:}"'],
    ['${env:1BAD}', 'bad reference "${env:1BAD}"'],
    ['${ENV:A}', 'bad reference "${ENV:A}"'],
    ['${file:}', 'bad reference "${file:}"'],
    ['${env:A', '"${" is not closed by "}"'],
  ])('refuses bad syntax %j', (text, start) => {
    const { problems } = run(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('INVENTORY_INVALID');
    expect(problems[0]?.message).toBe(
      `${start}: write \${env:NAME} or \${file:/path}, or $\${ for a literal "\${"`,
    );
  });

  it('does not echo a secret field that merely contains "${"', () => {
    const { problems } = run('p${ssw0rd}', 'password');
    expect(problems[0]?.message).toBe(
      'contains "${" that does not start a reference: write ${env:NAME} or ${file:/path}, or $${ for a literal "${"',
    );
  });
});

describe('expandPath', () => {
  it.each([
    ['~', '/home/op'],
    ['~/k', '/home/op/k'],
    ['k', '/inv/k'],
    ['./a/../k', '/inv/k'],
    ['/abs/k', '/abs/k'],
    ['~other/k', '/inv/~other/k'],
  ])('%s → %s', (path, expected) => {
    expect(expandPath(path, '/inv', '/home/op')).toBe(expected);
  });
});
