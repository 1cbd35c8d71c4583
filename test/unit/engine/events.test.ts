import { describe, expect, it, vi } from 'vitest';
import { JobEventStream } from '../../../src/engine/events.js';
import type { JobEvent } from '../../../src/engine/index.js';
import { silentLogger } from '../../../src/logger.js';

const start = (host: string): JobEvent => ({ type: 'host:start', jobId: 'j', host, startedAt: 0 });

describe('JobEventStream', () => {
  it('delivers events emitted from inside a listener after the current one, to every listener', () => {
    const stream = new JobEventStream(silentLogger());
    const first: string[] = [];
    const second: string[] = [];
    stream.on((event) => {
      if (event.type === 'host:start') first.push(event.host);
      if (event.type === 'host:start' && event.host === 'a') stream.emit(start('b'));
    });
    stream.on((event) => {
      if (event.type === 'host:start') second.push(event.host);
    });
    stream.emit(start('a'));
    expect(first).toEqual(['a', 'b']);
    expect(second).toEqual(['a', 'b']);
  });

  it('logs a listener that throws and still delivers to the others', () => {
    const log = silentLogger();
    const error = vi.spyOn(log, 'error');
    const stream = new JobEventStream(log);
    const seen: string[] = [];
    stream.on(() => {
      throw new Error('reporter bug');
    });
    stream.on((event) => seen.push(event.type));
    stream.emit(start('a'));
    expect(seen).toEqual(['host:start']);
    expect(error).toHaveBeenCalledOnce();
  });

  it('replays the whole stream to an iterator started late, and ends after close()', async () => {
    const stream = new JobEventStream(silentLogger());
    stream.emit(start('a'));
    const iterator = stream.iterate();
    const collected = (async () => {
      const hosts: string[] = [];
      for await (const event of iterator) if (event.type === 'host:start') hosts.push(event.host);
      return hosts;
    })();
    stream.emit(start('b'));
    await Promise.resolve();
    stream.emit(start('c'));
    stream.close();
    expect(await collected).toEqual(['a', 'b', 'c']);
  });

  it('stops delivering to a listener once it unsubscribes', () => {
    const stream = new JobEventStream(silentLogger());
    const seen: string[] = [];
    const off = stream.on((event) => seen.push(event.type));
    stream.emit(start('a'));
    off();
    stream.emit(start('b'));
    expect(seen).toHaveLength(1);
  });
});
