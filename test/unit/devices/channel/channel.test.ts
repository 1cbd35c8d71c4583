import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ChannelError, TerminalChannel } from '../../../../src/devices/channel/channel.js';

const untilPrompt = (view: { lastLine: string }) => (view.lastLine === 'r1#' ? { done: true } : undefined);

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    return error as ChannelError;
  }
  throw new Error('expected a failure');
}

describe('TerminalChannel', () => {
  it('reads a trickle of single bytes, including UTF-8 split across packets', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const read = channel.readUntil({ timeoutMs: 2000, check: untilPrompt });
    const bytes = Buffer.from('Ståle — ok\r\nr1#');
    for (const b of bytes) {
      stream.write(Buffer.from([b]));
      await new Promise((r) => setImmediate(r));
    }
    const { raw } = await read;
    expect(raw).toBe('Ståle — ok\r\nr1#');
  });

  it('times out with everything seen so far', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const read = channel.readUntil({ timeoutMs: 50, check: untilPrompt });
    stream.write('half an outp');
    const error = await failure(read);
    expect(error.kind).toBe('timeout');
    expect(error.seen).toBe('half an outp');
  });

  it('fails with closed when the stream ends mid-output', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const read = channel.readUntil({ timeoutMs: 2000, check: untilPrompt });
    stream.write('partial');
    stream.end();
    const error = await failure(read);
    expect(error.kind).toBe('closed');
    expect(error.seen).toBe('partial');
    expect(channel.isClosed).toBe(true);
  });

  it('an abort fails the read at once and destroys the stream', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const controller = new AbortController();
    const read = channel.readUntil({ timeoutMs: 10_000, signal: controller.signal, check: untilPrompt });
    controller.abort();
    expect((await failure(read)).kind).toBe('aborted');
    channel.destroy();
    expect(stream.destroyed).toBe(true);
  });

  it('refuses output beyond its limit', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream, { maxChars: 1000 });
    const read = channel.readUntil({ timeoutMs: 2000, check: untilPrompt });
    stream.write('x'.repeat(1500));
    expect((await failure(read)).kind).toBe('too-large');
  });

  it('finds the prompt after 10 MB quickly by looking only at the tail', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const read = channel.readUntil({ timeoutMs: 20_000, check: untilPrompt });
    const line = `${'interface GigabitEthernet0/0/0 description uplink to core'.padEnd(79, '.')}\r\n`;
    const chunk = line.repeat(400);
    const started = Date.now();
    for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) stream.write(chunk);
    stream.write('r1#');
    const { raw } = await read;
    expect(raw.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('sends answers and drops the asking line when told to', async () => {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', () => {});
    const channel = new TerminalChannel(stream);
    const origWrite = stream.write.bind(stream);
    stream.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof stream.write;
    const read = channel.readUntil({
      timeoutMs: 2000,
      check: (view) => {
        if (view.lastLine === ' --More-- ') return { send: ' ', dropLastLine: true };
        return untilPrompt(view);
      },
    });
    origWrite('page one\r\n --More-- ');
    await new Promise((r) => setTimeout(r, 10));
    origWrite('page two\r\nr1#');
    const { raw } = await read;
    expect(written).toEqual([' ']);
    expect(raw).toBe('page one\r\npage two\r\nr1#');
  });

  it('a finished read leaves nothing behind: its signal, timer and nudge never reach the next read', async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const typed: string[] = [];
    const device = stream.write.bind(stream);
    stream.write = ((chunk: string) => typed.push(chunk) > 0) as typeof stream.write;
    const first = new AbortController();
    const done = channel.readUntil({
      timeoutMs: 20,
      signal: first.signal,
      nudge: { afterMs: 20, send: '\n' },
      check: untilPrompt,
    });
    device('r1#');
    await done;
    const next = channel.readUntil({ timeoutMs: 2000, check: untilPrompt });
    first.abort();
    await new Promise((r) => setTimeout(r, 60));
    device('show clock\r\nr1#');
    expect((await next).raw).toBe('show clock\r\nr1#');
    expect(typed).toEqual([]);
  });

  it("passes a throwing check's error on as it is, and the next read starts clean", async () => {
    const stream = new PassThrough();
    const channel = new TerminalChannel(stream);
    const broken = new Error('bad prompt pattern');
    stream.write('stale');
    const read = channel.readUntil({
      timeoutMs: 2000,
      check: () => {
        throw broken;
      },
    });
    await expect(read).rejects.toBe(broken);
    const next = channel.readUntil({ timeoutMs: 2000, check: untilPrompt });
    stream.write('r1#');
    expect((await next).raw).toBe('r1#');
  });
});
