import { describe, expect, it } from 'vitest';
import { type OutputSink, writeOutput } from '../../../../src/lab/engine/output-writer.js';

class Sink implements OutputSink {
  newline = '\r\n';
  sent: Buffer[] = [];
  keys: string[];
  slept = 0;
  ended: 'hang' | 'drop' | undefined;
  constructor(keys: string[] = []) {
    this.keys = keys;
  }
  async send(chunk: string | Buffer) {
    this.sent.push(Buffer.from(chunk));
  }
  async readKey() {
    return this.keys.shift() ?? 'q';
  }
  async sleep() {
    this.slept++;
  }
  async hang(): Promise<never> {
    this.ended = 'hang';
    throw new Error('hung');
  }
  async drop(): Promise<never> {
    this.ended = 'drop';
    throw new Error('dropped');
  }
  get text() {
    return Buffer.concat(this.sent).toString('utf8');
  }
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);
const pager = { prompt: ' --More-- ', erase: 'backspace' as const };

describe('writeOutput', () => {
  it('writes everything when paging is off', async () => {
    const sink = new Sink();
    expect(await writeOutput(sink, lines(50), { pager, pageLength: 0, fault: undefined })).toBe(true);
    expect(sink.text.split('\r\n')).toHaveLength(51);
  });

  it('pages: space for a page, Enter for a line, and no pager after the last line', async () => {
    const sink = new Sink([' ', '\r', '\r']);
    await writeOutput(sink, lines(48), { pager, pageLength: 24, fault: undefined });
    const text = sink.text;
    expect(text.split(' --More-- ')).toHaveLength(4);
    expect(text.indexOf('line 23\r\n --More-- ')).toBeGreaterThan(0);
    expect(text).toContain('line 46\r\n --More-- ');
    expect(text).toContain('line 47\r\n --More-- ');
    expect(text.endsWith('line 48\r\n')).toBe(true);
    expect(text).toContain('\b'.repeat(10));
  });

  it('q at the pager stops the output', async () => {
    const sink = new Sink(['q']);
    expect(await writeOutput(sink, lines(100), { pager, pageLength: 24, fault: undefined })).toBe(false);
    expect(sink.text).not.toContain('line 24');
  });

  it('hang and drop stop in the middle of a line inside the first page', async () => {
    for (const fault of ['hang', 'drop'] as const) {
      const sink = new Sink();
      await expect(writeOutput(sink, lines(60), { pager, pageLength: 24, fault })).rejects.toThrow();
      expect(sink.ended).toBe(fault);
      expect(sink.text).toContain('line 22\r\n');
      expect(sink.text.endsWith('line 22\r\nline')).toBe(true);
      expect(sink.text).not.toContain('--More--');
    }
  });

  it('trickle sends at most 16 bytes at a time with pauses', async () => {
    const sink = new Sink();
    await writeOutput(sink, lines(10), { pager: null, pageLength: 0, fault: 'trickle' });
    expect(Math.max(...sink.sent.map((b) => b.length))).toBeLessThanOrEqual(16);
    expect(sink.slept).toBe(sink.sent.length);
    expect(sink.text).toContain('line 10\r\n');
  });

  it('garbage colours lines and inserts invalid UTF-8', async () => {
    const sink = new Sink();
    await writeOutput(sink, lines(8), { pager: null, pageLength: 0, fault: 'garbage' });
    const raw = Buffer.concat(sink.sent);
    expect(raw.includes(Buffer.from([0xff, 0xfe, 0xc3, 0x28]))).toBe(true);
    expect(raw.toString('latin1')).toContain('\x1b[0m');
  });
});
