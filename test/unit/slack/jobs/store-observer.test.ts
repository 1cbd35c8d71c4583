import { describe, expect, it } from 'vitest';
import {
  createStoreObserver,
  type JobHeader,
  type JobRecord,
  type LaunchRequest,
  ThreadReporter,
} from '../../../../src/slack/index.js';
import { makeHost } from '../../../helpers/make-host.js';
import { makeResult } from '../../../helpers/make-result.js';
import { memoryStore } from '../../store/store-fixtures.js';
import { FakeJob } from '../fake-job.js';
import { fakeReporterDeps } from '../fake-reporter-deps.js';
import type { FakeThreadIo } from '../fake-thread-io.js';

const CHANNEL = 'C0NETOPS01';

function launch(hosts: string[], configure?: (io: FakeThreadIo) => void) {
  const { timers, io, deps } = fakeReporterDeps(configure);
  const header: JobHeader = {
    jobId: 'job1',
    requester: 'U0ALICE001',
    command: 'show clock',
    target: 'lab',
    hostCount: hosts.length,
    retryOf: 'job0',
  };
  const job = new FakeJob('job1', hosts);
  const reporter = new ThreadReporter(deps, CHANNEL, header);
  reporter.start(job);
  const record: JobRecord = { id: 'job1', channel: CHANNEL, header, job, reporter, startedAt: 0 };
  const request: LaunchRequest = {
    channel: CHANNEL,
    requester: 'U0ALICE001',
    command: 'show clock',
    target: 'lab',
    hosts: hosts.map((name) => makeHost(name)),
    retryOf: 'job0',
  };
  const { store } = memoryStore();
  createStoreObserver({ store, log: deps.log }).started(record, request);
  return { timers, io, job, reporter, store };
}

describe('the store observer', () => {
  it('records the job, its thread, each result as it finishes, posted marks, and the end', async () => {
    const { timers, job, reporter, store } = launch(['r1', 'r2', 'r3']);
    expect(store.jobs.get('job1')).toMatchObject({
      kind: 'run',
      status: 'running',
      requester: 'U0ALICE001',
      command: 'show clock',
      hosts: ['r1', 'r2', 'r3'],
      meta: { retryOf: 'job0' },
    });
    await timers.advance(0);
    expect(store.jobs.get('job1')?.threadTs).toBe(await reporter.parent);
    job.hostDone(makeResult({ host: 'r2', outputs: [['show clock', 'two']] }));
    // Recorded at once, posted only once the reply has landed.
    expect(store.jobs.results('job1').map((r) => [r.host, r.posted])).toEqual([['r2', false]]);
    await timers.advance(1_100);
    expect(store.jobs.results('job1').map((r) => [r.host, r.posted])).toEqual([['r2', true]]);
    job.hostDone(makeResult({ host: 'r1', code: 'AUTH_FAILED' }));
    job.hostDone(makeResult({ host: 'r3', outputs: [['show clock', 'three']] }));
    job.finish();
    expect(store.jobs.get('job1')?.status).toBe('running');
    await timers.runAll();
    await reporter.done;
    await new Promise((resolve) => setImmediate(resolve));
    const stored = store.jobs.get('job1')!;
    expect(stored.status).toBe('done');
    expect(stored.summary).toMatchObject({ total: 3, ok: 2 });
    expect(store.jobs.results('job1').every((r) => r.posted)).toBe(true);
  });

  it('ends an interrupted job as interrupted, and a cancelled one as cancelled', async () => {
    for (const [how, status] of [
      ['interrupt', 'interrupted'],
      ['cancel', 'cancelled'],
    ] as const) {
      const { timers, job, reporter, store } = launch(['r1']);
      await timers.advance(0);
      if (how === 'interrupt') reporter.noteInterrupted('netrun is restarting (SIGTERM)');
      else reporter.noteCancelling('U0DAVE0001');
      job.hostDone(makeResult({ host: 'r1', status: 'cancelled', code: 'CANCELLED' }));
      job.finish();
      await timers.runAll();
      await reporter.done;
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.jobs.get('job1')?.status).toBe(status);
    }
  });

  it('keeps going when the store refuses a write (closed store): the job and its thread finish', async () => {
    const { timers, job, reporter, store } = launch(['r1']);
    store.close();
    await timers.advance(0);
    job.hostDone(makeResult({ host: 'r1', outputs: [['show clock', 'one']] }));
    job.finish();
    await timers.runAll();
    expect((await reporter.done).summaryPosted).toBe(true);
  });
});
