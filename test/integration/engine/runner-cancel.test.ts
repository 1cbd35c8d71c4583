import { describe, expect, it } from 'vitest';
import { createRunner, type HostResult, type JobEvent } from '../../../src/engine/index.js';
import { makeHosts } from '../../helpers/make-host.js';
import { fakeTask, recording, sleep } from './fakes.js';

const LONG = 10_000;

function waitForStarts(job: { on: (listener: (event: JobEvent) => void) => () => void }, count: number) {
  return new Promise<void>((resolve) => {
    let seen = 0;
    job.on((event) => {
      if (event.type === 'host:start' && ++seen === count) resolve();
    });
  });
}

describe('cancellation', () => {
  it('ends queued devices at once and aborts running ones, then ends the job with a summary', async () => {
    const runner = createRunner();
    const signals: AbortSignal[] = [];
    const job = runner.start({
      hosts: makeHosts(20, 'r'),
      task: fakeTask({ delayMs: LONG, onStart: (_host, signal) => signals.push(signal) }),
      concurrency: 5,
    });
    const events: JobEvent[] = [];
    job.on((event) => events.push(event));
    await waitForStarts(job, 5);

    const cancelledAt = performance.now();
    job.cancel('operator pressed Ctrl-C');
    const doneRightAway = events.filter((event) => event.type === 'host:done');
    expect(doneRightAway).toHaveLength(15);
    for (const event of doneRightAway) {
      expect(event.type === 'host:done' && event.result).toMatchObject({
        status: 'cancelled',
        started: false,
        error: { code: 'CANCELLED', message: 'cancelled before it started: operator pressed Ctrl-C' },
      });
    }
    expect(signals.every((signal) => signal.aborted)).toBe(true);

    const summary = await job.done;
    expect(performance.now() - cancelledAt).toBeLessThan(1000);
    expect(summary.byStatus).toEqual({ ok: 0, failed: 0, timeout: 0, cancelled: 20 });
    expect(summary.started).toBe(5);
    const running = job.results().filter((result) => result.started);
    expect(running.map((result) => result.error?.message)).toEqual(
      Array(5).fill('cancelled while running: operator pressed Ctrl-C'),
    );
    expect(events.at(-1)?.type).toBe('job:done');
  });

  it('cancels through the job signal', async () => {
    const controller = new AbortController();
    const runner = createRunner();
    const job = runner.start({
      hosts: makeHosts(4, 'r'),
      task: fakeTask({ delayMs: LONG }),
      concurrency: 2,
      signal: controller.signal,
    });
    await waitForStarts(job, 2);
    controller.abort(new Error('slack user cancelled'));
    const summary = await job.done;
    expect(summary.byReason).toEqual([
      expect.objectContaining({ code: 'CANCELLED', count: 4, hosts: ['r3', 'r4', 'r1', 'r2'] }),
    ]);
    expect(job.results()[0]?.error?.message).toContain('slack user cancelled');
  });

  it('resolves a task that ignores its signal as cancelled after the grace period', async () => {
    const runner = createRunner({ abortGraceMs: 50 });
    const job = runner.start({
      hosts: makeHosts(2, 'r'),
      task: fakeTask({ delayMs: LONG, ignoreSignal: true }),
    });
    await waitForStarts(job, 2);
    const began = performance.now();
    job.cancel();
    const summary = await job.done;
    expect(performance.now() - began).toBeLessThan(500);
    expect(summary.byStatus.cancelled).toBe(2);
  });

  it('with the default grace, still ends a task that ignores its signal within a second', async () => {
    const runner = createRunner();
    const job = runner.start({
      hosts: makeHosts(1, 'r'),
      task: fakeTask({ delayMs: LONG, ignoreSignal: true }),
    });
    await waitForStarts(job, 1);
    const began = performance.now();
    job.cancel();
    await job.done;
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('keeps what an aborted task hands back (a push cut short), under the runner status', async () => {
    const runner = createRunner();
    const job = runner.start({
      hosts: makeHosts(1, 'r'),
      task: async (_host, { signal }) => {
        await sleep(LONG, signal).catch(() => undefined);
        return {
          status: 'failed',
          outputs: [{ command: 'interface Gi0/1', output: '' }],
          push: { applied: ['interface Gi0/1'], saved: false },
          timings: { connectMs: 12 },
        };
      },
    });
    await waitForStarts(job, 1);
    job.cancel();
    await job.done;
    const [result] = job.results();
    expect(result).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED' },
      push: { applied: ['interface Gi0/1'], saved: false },
      outputs: [{ command: 'interface Gi0/1' }],
      timings: { connectMs: 12 },
    });
  });

  it('cancelled before its first event, a job still says job:start, every host:done, job:done', async () => {
    const runner = createRunner();
    const calls: string[] = [];
    const job = runner.start({ hosts: makeHosts(3, 'r'), task: recording(fakeTask(), calls) });
    job.cancel('changed my mind');
    const types: string[] = [];
    for await (const event of job.events()) types.push(event.type);
    expect(types).toEqual(['job:start', 'host:done', 'host:done', 'host:done', 'job:done']);
    expect(calls).toEqual([]);
  });

  it('a signal aborted before start cancels every device without running any', async () => {
    const runner = createRunner();
    const calls: string[] = [];
    const summary = await runner.start({
      hosts: makeHosts(3, 'r'),
      task: recording(fakeTask(), calls),
      signal: AbortSignal.abort(),
    }).done;
    expect(summary.byStatus.cancelled).toBe(3);
    expect(calls).toEqual([]);
  });

  it('shutdown cancels running jobs and ends jobs started afterwards as cancelled', async () => {
    const runner = createRunner();
    const job = runner.start({ hosts: makeHosts(3, 'r'), task: fakeTask({ delayMs: LONG }) });
    await waitForStarts(job, 3);
    await runner.shutdown('restarting');
    expect((await job.done).byStatus.cancelled).toBe(3);
    const late = await runner.start({ hosts: makeHosts(2, 'x'), task: fakeTask() }).done;
    expect(late.byStatus.cancelled).toBe(2);
    expect(runner.stats()).toEqual({ queued: 0, running: 0, jobs: 0 });
  });
});

describe('per-host timeout', () => {
  const timedOut = (result: HostResult | undefined) => {
    expect(result).toMatchObject({ status: 'timeout', error: { code: 'HOST_TIMEOUT' } });
    return result!;
  };

  it("aborts the task at the host's hostTimeoutMs and reports timeout", async () => {
    const runner = createRunner();
    const hosts = makeHosts(1, 'slow', { hostTimeoutMs: 60 });
    let aborted = false;
    const job = runner.start({
      hosts,
      task: fakeTask({
        delayMs: LONG,
        onStart: (_host, signal) => signal.addEventListener('abort', () => (aborted = true)),
      }),
    });
    await job.done;
    const result = timedOut(job.results()[0]);
    expect(aborted).toBe(true);
    expect(result.error?.message).toBe('slow1 did not finish within its host timeout of 60 ms');
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(55);
    expect(result.timings.totalMs).toBeLessThan(1000);
  });

  it('reports timeout even when the task ignores the signal', async () => {
    const runner = createRunner({ abortGraceMs: 20 });
    const job = runner.start({
      hosts: makeHosts(1, 'r', { hostTimeoutMs: 40 }),
      task: fakeTask({ delayMs: LONG, ignoreSignal: true }),
    });
    const summary = await job.done;
    timedOut(job.results()[0]);
    expect(summary.wallMs).toBeLessThan(1000);
  });

  it('lets the job override the hosts’ own timeout', async () => {
    const runner = createRunner();
    const job = runner.start({
      hosts: makeHosts(2, 'r', { hostTimeoutMs: LONG }),
      task: fakeTask({ delayMs: LONG }),
      hostTimeoutMs: 30,
    });
    const summary = await job.done;
    expect(summary.byReason).toEqual([expect.objectContaining({ code: 'HOST_TIMEOUT', count: 2 })]);
    expect(summary.wallMs).toBeLessThan(1000);
  });
});
