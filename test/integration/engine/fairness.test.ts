import { describe, expect, it } from 'vitest';
import { createRunner, type JobOptions } from '../../../src/engine/index.js';
import type { GroupCap } from '../../../src/inventory/types.js';
import { makeHosts } from '../../helpers/make-host.js';
import { fakeTask, sleep } from './fakes.js';

const DELAY_MS = 20;

async function timed(start: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await start();
  return performance.now() - began;
}

/** The issue asks for about twice the solo time; the slack absorbs timer jitter on a busy machine. */
const bound = (soloMs: number) => 2.5 * soloMs + 50;

describe('fairness', () => {
  it('finishes a 3-device job beside a 1,000-device job within about twice its solo time (global cap)', async () => {
    const task = fakeTask({ delayMs: DELAY_MS });
    const soloRunner = createRunner({ globalConcurrency: 10 });
    const solo = await timed(() => soloRunner.start({ hosts: makeHosts(3, 's'), task }).done);

    // The big job's own cap is above the global one, so it alone fills every global slot.
    const runner = createRunner({ globalConcurrency: 10 });
    const big = runner.start({ hosts: makeHosts(1000, 'b'), task, concurrency: 50 });
    await sleep(100);
    const beside = await timed(() => runner.start({ hosts: makeHosts(3, 's'), task }).done);
    const bigDoneSoFar = big.results().length;
    big.cancel('test over');
    await big.done;

    expect(bigDoneSoFar).toBeLessThan(900);
    expect(beside).toBeLessThan(bound(solo));
  });

  it('does the same when both jobs queue on one capped group', async () => {
    const aaa: GroupCap = { group: 'aaa', limit: 5 };
    const task = fakeTask({ delayMs: DELAY_MS });
    const options = (prefix: string, count: number): JobOptions => ({
      hosts: makeHosts(count, prefix, { caps: [aaa] }),
      task,
      concurrency: 50,
    });
    const solo = await timed(() => createRunner().start(options('s', 3)).done);

    const runner = createRunner();
    const big = runner.start(options('b', 1000));
    await sleep(100);
    const beside = await timed(() => runner.start(options('s', 3)).done);
    const bigDoneSoFar = big.results().length;
    await runner.shutdown('test over');

    expect(bigDoneSoFar).toBeLessThan(900);
    expect(beside).toBeLessThan(bound(solo));
  });
});
