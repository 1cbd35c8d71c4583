import { describe, expect, it } from 'vitest';
import { createRunner } from '../../../src/engine/index.js';
import type { GroupCap, Host } from '../../../src/inventory/types.js';
import { makeHost } from '../../helpers/make-host.js';
import { fakeTask, Gauge } from './fakes.js';

const aaa: GroupCap = { group: 'aaa', limit: 3 };
const dc: GroupCap = { group: 'dc', limit: 2 };

/** Every third device behind the AAA server, every fifth also in the small DC. */
function fleet(prefix: string, count: number): Host[] {
  return Array.from({ length: count }, (_, index) => {
    const caps = [index % 3 === 0 ? aaa : undefined, index % 5 === 0 ? dc : undefined].filter(
      (cap): cap is GroupCap => cap !== undefined,
    );
    return makeHost(`${prefix}${index}`, { caps });
  });
}

describe('runner caps', () => {
  it('never exceeds the global, per-job and per-group caps, and fills them', async () => {
    const runner = createRunner({ globalConcurrency: 10, defaultJobConcurrency: 8 });
    const gauge = new Gauge();
    const task = fakeTask({ gauge, delayMs: (host) => 2 + (Number(host.name.slice(1)) % 7) });
    const jobs = [
      runner.start({ id: 'a', hosts: fleet('a', 120), task }),
      runner.start({ id: 'b', hosts: fleet('b', 120), task }),
      runner.start({ id: 'c', hosts: fleet('c', 40), task, concurrency: 2 }),
    ];
    const summaries = await Promise.all(jobs.map((job) => job.done));
    expect(summaries.map((summary) => summary.ok)).toEqual([120, 120, 40]);
    expect(gauge.peak).toBe(10);
    expect(gauge.peakOf('job:a')).toBeLessThanOrEqual(8);
    expect(gauge.peakOf('job:b')).toBeLessThanOrEqual(8);
    expect(gauge.peakOf('job:c')).toBeLessThanOrEqual(2);
    expect(gauge.peakOf('group:aaa')).toBe(3);
    expect(gauge.peakOf('group:dc')).toBe(2);
    expect(summaries[2]!.concurrency.configured).toBe(2);
    expect(summaries[2]!.concurrency.peak).toBeLessThanOrEqual(2);
    expect(runner.stats()).toEqual({ queued: 0, running: 0, jobs: 0 });
  });

  it('reports the configured cap and the peak it observed', async () => {
    const runner = createRunner();
    const hosts = Array.from({ length: 30 }, (_, index) => makeHost(`r${index}`));
    const summary = await runner.start({ hosts, task: fakeTask({ delayMs: 10 }), concurrency: 7 }).done;
    expect(summary.concurrency).toEqual({ configured: 7, peak: 7 });
    expect(summary.speedUp).toBeGreaterThan(3);
  });

  it('shows queued and running devices in stats while a job runs', async () => {
    const runner = createRunner({ globalConcurrency: 4 });
    const hosts = Array.from({ length: 10 }, (_, index) => makeHost(`r${index}`));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = runner.start({
      hosts,
      task: async () => {
        await gate;
        return { status: 'ok' };
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runner.stats()).toEqual({ queued: 6, running: 4, jobs: 1 });
    release();
    await job.done;
    await runner.drain();
    expect(runner.stats()).toEqual({ queued: 0, running: 0, jobs: 0 });
  });

  it('refuses caps that are not whole numbers from 1 up, with a USAGE error', () => {
    expect(() => createRunner({ globalConcurrency: 0 })).toThrow(
      /Expected `globalConcurrency` to be a whole number from 1 up, got 0/,
    );
    const runner = createRunner();
    expect(() => runner.start({ hosts: [], task: fakeTask(), concurrency: 2.5 })).toThrowError(
      expect.objectContaining({ code: 'USAGE' }),
    );
    expect(() => runner.start({ hosts: [], task: fakeTask(), hostTimeoutMs: 0 })).toThrow(/hostTimeoutMs/);
  });
});
