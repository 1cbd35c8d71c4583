import { describe, expect, it } from 'vitest';
import { createRunner, type HostTask, type JobEvent } from '../../../src/engine/index.js';
import { NetrunError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { makeHost, makeHosts } from '../../helpers/make-host.js';
import { fakeTask, recording, sleep } from './fakes.js';

function failing(names: string[], delayMs = 5): HostTask {
  return fakeTask({
    delayMs,
    result: (host) =>
      names.includes(host.name)
        ? {
            status: 'failed',
            error: { code: 'AUTH_FAILED', message: `${host.name}: bad password`, hint: 'h' },
          }
        : { status: 'ok' },
  });
}

describe('device results', () => {
  it('turns a throwing or rejecting task into a failed result with its error info', async () => {
    const runner = createRunner();
    const task: HostTask = async (host) => {
      if (host.name === 'r1') throw new NetrunError('AUTH_FAILED', 'r1 refused the password');
      if (host.name === 'r2') throw new Error('socket exploded');
      if (host.name === 'r3') return undefined as never;
      return { status: 'ok' };
    };
    const syncThrow: HostTask = () => {
      throw new Error('threw before returning a promise');
    };
    const job = runner.start({ hosts: makeHosts(4, 'r'), task });
    const summary = await job.done;
    const byHost = new Map(job.results().map((result) => [result.host, result]));
    expect(byHost.get('r1')).toMatchObject({
      status: 'failed',
      error: { code: 'AUTH_FAILED', message: 'r1 refused the password' },
    });
    expect(byHost.get('r2')).toMatchObject({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'socket exploded' },
    });
    expect(byHost.get('r3')?.error?.message).toContain('returned no result');
    expect(byHost.get('r4')?.status).toBe('ok');
    expect(summary.notOk).toBe(3);

    const sync = await runner.start({ hosts: makeHosts(1, 's'), task: syncThrow }).done;
    expect(sync.byReason[0]).toMatchObject({ code: 'INTERNAL', count: 1 });
  });

  it("uses the task's own result as given and adds the runner's timings", async () => {
    const runner = createRunner();
    const job = runner.start({
      hosts: makeHosts(1, 'r'),
      task: async () => {
        await sleep(30);
        return {
          status: 'failed',
          error: { code: 'COMMAND_REJECTED', message: '% Invalid input', hint: 'check syntax' },
          outputs: [{ command: 'show bogus', output: '% Invalid input detected' }],
          timings: { connectMs: 11, commandMs: 7, queuedMs: 999_999, totalMs: 999_999 },
        };
      },
    });
    await job.done;
    const result = job.results()[0]!;
    expect(result).toMatchObject({
      host: 'r1',
      platform: 'cisco_ios',
      status: 'failed',
      error: { code: 'COMMAND_REJECTED', message: '% Invalid input', hint: 'check syntax' },
      outputs: [{ command: 'show bogus', output: '% Invalid input detected' }],
      started: true,
    });
    expect(result.timings.connectMs).toBe(11);
    expect(result.timings.commandMs).toBe(7);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(25);
    expect(result.timings.totalMs).toBeLessThan(1000);
    expect(result.timings.queuedMs).toBeLessThan(1000);
    expect(result.finishedAt - result.startedAt).toBe(result.timings.totalMs);
  });

  it('measures queuedMs from job start to the slot', async () => {
    let clock = 1_000;
    const runner = createRunner({ now: () => clock });
    const job = runner.start({
      hosts: makeHosts(2, 'r'),
      concurrency: 1,
      task: async () => {
        await sleep(1);
        clock += 100;
        return { status: 'ok' };
      },
    });
    await job.done;
    expect(job.results().map((result) => result.timings)).toEqual([
      { queuedMs: 0, connectMs: 0, commandMs: 0, totalMs: 100 },
      { queuedMs: 100, connectMs: 0, commandMs: 0, totalMs: 100 },
    ]);
  });
});

describe('stopAfterFailures and canary', () => {
  it('schedules no more devices once failures reach the limit; the rest end NOT_RUN', async () => {
    const runner = createRunner();
    const started: string[] = [];
    const task = failing(['r2', 'r3']);
    const job = runner.start({
      hosts: makeHosts(10, 'r'),
      concurrency: 1,
      stopAfterFailures: 2,
      task: recording(task, started),
    });
    const summary = await job.done;
    expect(started).toEqual(['r1', 'r2', 'r3']);
    expect(summary.byStatus).toEqual({ ok: 1, failed: 2, timeout: 0, cancelled: 7 });
    const notRun = job.results().filter((result) => result.error?.code === 'NOT_RUN');
    expect(notRun.map((result) => result.host)).toEqual(['r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10']);
    expect(notRun[0]).toMatchObject({ status: 'cancelled', started: false });
    expect(notRun[0]?.error?.message).toBe('not run: the job stopped after 2 device(s) failed or timed out');
  });

  it('counts timeouts as failures and lets running devices finish', async () => {
    const runner = createRunner();
    const hosts = [makeHost('r1', { hostTimeoutMs: 30 }), ...makeHosts(5, 'r').slice(1)];
    const job = runner.start({
      hosts,
      concurrency: 3,
      stopAfterFailures: 1,
      task: fakeTask({ delayMs: (host) => (host.name === 'r1' ? 10_000 : 80) }),
    });
    const summary = await job.done;
    // r1 times out at 30 ms while r2 and r3 are still running: they are not cut short.
    expect(job.results().map((result) => [result.host, result.status])).toEqual([
      ['r1', 'timeout'],
      ['r4', 'cancelled'],
      ['r5', 'cancelled'],
      ['r2', 'ok'],
      ['r3', 'ok'],
    ]);
    expect(summary.byReason.map((reason) => [reason.code, reason.count])).toEqual([
      ['NOT_RUN', 2],
      ['HOST_TIMEOUT', 1],
    ]);
  });

  it('runs the canaries first and the rest only when every canary is ok', async () => {
    const runner = createRunner();
    const events: JobEvent[] = [];
    const job = runner.start({ hosts: makeHosts(6, 'r'), canary: 2, task: fakeTask({ delayMs: 15 }) });
    job.on((event) => events.push(event));
    const summary = await job.done;
    expect(summary.ok).toBe(6);
    const order = events
      .filter((event) => event.type === 'host:start' || event.type === 'host:done')
      .map((event) => (event.type === 'host:start' ? `start ${event.host}` : `done ${event.result.host}`));
    const lastCanaryDone = Math.max(order.indexOf('done r1'), order.indexOf('done r2'));
    const firstOtherStart = order.indexOf('start r3');
    expect(lastCanaryDone).toBeGreaterThan(0);
    expect(firstOtherStart).toBeGreaterThan(lastCanaryDone);
  });

  it('stops after a failed canary: the other devices end NOT_RUN without running', async () => {
    const runner = createRunner();
    const started: string[] = [];
    const task = failing(['r2']);
    const job = runner.start({
      hosts: makeHosts(5, 'r'),
      canary: 2,
      task: recording(task, started),
    });
    const summary = await job.done;
    expect(started.sort()).toEqual(['r1', 'r2']);
    expect(summary.byReason.map((reason) => [reason.code, reason.hosts])).toEqual([
      ['NOT_RUN', ['r3', 'r4', 'r5']],
      ['AUTH_FAILED', ['r2']],
    ]);
    expect(job.results().find((result) => result.host === 'r3')?.error?.message).toBe(
      'not run: canary device r2 ended failed',
    );
  });
});

describe('events', () => {
  it('gives every host exactly one host:done, in order, with job:start first and job:done last', async () => {
    const runner = createRunner({ globalConcurrency: 7 });
    const hosts = makeHosts(50, 'r');
    const job = runner.start({
      hosts,
      task: failing(['r5', 'r17'], 3),
      meta: { command: 'show clock' },
      concurrency: 9,
    });
    const live: JobEvent[] = [];
    job.on((event) => live.push(event));
    const replayed: JobEvent[] = [];
    for await (const event of job.events()) replayed.push(event);
    expect(replayed).toEqual(live);

    expect(live[0]).toMatchObject({
      type: 'job:start',
      hostCount: 50,
      concurrency: 9,
      meta: { command: 'show clock' },
      hosts: hosts.map((host) => host.name),
    });
    expect(live.at(-1)?.type).toBe('job:done');
    expect(live.filter((event) => event.type === 'job:start' || event.type === 'job:done')).toHaveLength(2);

    const done = live.flatMap((event) => (event.type === 'host:done' ? [event] : []));
    expect(done.map((event) => event.result.host).sort()).toEqual(hosts.map((host) => host.name).sort());
    expect(done.map((event) => event.done)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(done.every((event) => event.total === 50)).toBe(true);
    for (const host of hosts) {
      const startIndex = live.findIndex((event) => event.type === 'host:start' && event.host === host.name);
      const doneIndex = live.findIndex(
        (event) => event.type === 'host:done' && event.result.host === host.name,
      );
      expect(startIndex).toBeGreaterThan(0);
      expect(doneIndex).toBeGreaterThan(startIndex);
    }
    const last = live.at(-1);
    expect(last?.type === 'job:done' && last.summary).toMatchObject({ total: 50, ok: 48, notOk: 2 });
    expect(last?.type === 'job:done' && last.results).toEqual(done.map((event) => event.result));
  });

  it('keeps going when a listener throws', async () => {
    const runner = createRunner({ logger: silentLogger() });
    const job = runner.start({ hosts: makeHosts(5, 'r'), task: fakeTask() });
    job.on(() => {
      throw new Error('reporter bug');
    });
    expect((await job.done).ok).toBe(5);
  });

  it('lets a listener cancel the job from inside host:done without breaking the order', async () => {
    const runner = createRunner();
    const job = runner.start({ hosts: makeHosts(10, 'r'), concurrency: 2, task: fakeTask({ delayMs: 5 }) });
    const seen: string[] = [];
    job.on((event) => {
      seen.push(event.type);
      if (event.type === 'host:done' && event.done === 1) job.cancel('enough');
    });
    const summary = await job.done;
    expect(summary.total).toBe(10);
    expect(seen.filter((type) => type === 'host:done')).toHaveLength(10);
    expect(seen.at(-1)).toBe('job:done');
    expect(seen.indexOf('job:done')).toBe(seen.length - 1);
  });

  it('ends a job with no devices at once with job:start and job:done', async () => {
    const runner = createRunner();
    const job = runner.start({ hosts: [], task: fakeTask() });
    const types: string[] = [];
    for await (const event of job.events()) types.push(event.type);
    expect(types).toEqual(['job:start', 'job:done']);
    expect((await job.done).total).toBe(0);
  });
});
