import { describe, expect, it } from 'vitest';
import { parseShellLine } from '../../../../src/lab/engine/shell-syntax.js';

describe('parseShellLine', () => {
  it('splits ; and && sequences', () => {
    expect(parseShellLine('a; b && c').map((s) => [s.join, s.command.trim()])).toEqual([
      [';', 'a'],
      [';', 'b'],
      ['&&', 'c'],
    ]);
  });

  it('finds pipes and redirections outside quotes', () => {
    const [step] = parseShellLine('echo "a | b > c" | grep a >> /tmp/out');
    expect(step?.command).toBe('echo "a | b > c" ');
    expect(step?.pipes.map((p) => p.text)).toEqual([' grep a ']);
    expect(step?.redirect).toEqual({ path: '/tmp/out', append: true });
    expect(parseShellLine('echo hi > "/etc/motd"')[0]?.redirect).toEqual({
      path: '/etc/motd',
      append: false,
    });
  });

  it('ignores empty steps', () => {
    expect(parseShellLine(' ; ;ls')).toHaveLength(1);
  });
});
