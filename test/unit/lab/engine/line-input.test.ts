import { describe, expect, it } from 'vitest';
import { InputQueue, SessionClosed } from '../../../../src/lab/engine/line-input.js';

function queue() {
  const q = new InputQueue();
  const echoed: string[] = [];
  return { q, echoed, echo: (t: string) => echoed.push(t) };
}

describe('InputQueue', () => {
  it('reads lines ending in CR, LF, CRLF or CR NUL as one Enter each', async () => {
    const { q, echo } = queue();
    q.push('a\r\nb\rc\nd\r');
    q.push('\0e\r');
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await q.readLine(echo, true);
      if (r.kind === 'line') lines.push(r.text);
    }
    expect(lines).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('echoes only what it reads (typeahead waits), edits with backspace, hides passwords', async () => {
    const { q, echoed, echo } = queue();
    q.push('shw\x7fow\nsecret\nnext');
    expect(await q.readLine(echo, true)).toEqual({ kind: 'line', text: 'show' });
    expect(echoed.join('')).toBe('shw\b \bow\n');
    expect(await q.readLine(echo, false)).toEqual({ kind: 'line', text: 'secret' });
    expect(echoed.join('')).not.toContain('secret');
    expect(echoed.join('')).not.toContain('next');
  });

  it('drops arrow-key escape sequences and reports Ctrl-Z and Ctrl-C', async () => {
    const { q, echo } = queue();
    q.push('ab\x1b[Dc\n\x1a\x03');
    expect(await q.readLine(echo, true)).toEqual({ kind: 'line', text: 'abc' });
    expect(await q.readLine(echo, true)).toEqual({ kind: 'ctrl-z' });
    expect(await q.readLine(echo, true)).toEqual({ kind: 'ctrl-c' });
  });

  it('readKey turns any Enter into \\r and waits for input', async () => {
    const { q } = queue();
    const key = q.readKey();
    q.push('\n');
    expect(await key).toBe('\r');
    q.push(' ');
    expect(await q.readKey()).toBe(' ');
  });

  it('rejects waiting readers when closed', async () => {
    const { q, echo } = queue();
    const pending = q.readLine(echo, true);
    q.close();
    await expect(pending).rejects.toBeInstanceOf(SessionClosed);
  });
});
