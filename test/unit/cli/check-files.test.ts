import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../../src/cli/check-files.js';
import { NetrunError } from '../../../src/errors.js';

describe('problemsOf', () => {
  it('gives one line per problem, drops the count header, and names the file on each', () => {
    const error = new NetrunError(
      'CONFIG_INVALID',
      'the redaction settings have 2 problems:\nrule "a": bad\nx.yaml: disable: no rule "b"',
    );
    expect(problemsOf(error, 'x.yaml')).toEqual([
      { severity: 'error', file: 'x.yaml', message: 'x.yaml: rule "a": bad' },
      { severity: 'error', file: 'x.yaml', message: 'x.yaml: disable: no rule "b"' },
    ]);
  });

  it('adds the hint to a lone problem, and calls anything but a NetrunError unexpected', () => {
    const unreadable = new NetrunError('FILE_UNREADABLE', 'cannot read p.yaml (EACCES)', {
      hint: 'check its permissions',
    });
    expect(problemsOf(unreadable, 'p.yaml')[0]?.message).toBe(
      'p.yaml: cannot read p.yaml (EACCES) — check its permissions',
    );
    expect(problemsOf(new TypeError('boom'), 'p.yaml', 'warning')).toEqual([
      {
        severity: 'warning',
        file: 'p.yaml',
        message: 'p.yaml: boom (an unexpected error: please report it)',
      },
    ]);
  });
});
