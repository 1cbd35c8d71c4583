import { afterEach, describe, expect, it } from 'vitest';
import { summarise } from '../../../src/engine/index.js';
import { isNetrunError } from '../../../src/errors.js';
import { type Store, TRUNCATION_MARKER } from '../../../src/store/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { memoryStore, newJob, type TestClock } from './store-fixtures.js';

let store: Store;
let clock: TestClock;
afterEach(() => store.close());

function open() {
  ({ store, clock } = memoryStore());
}

const summaryOf = (hosts: string[]) =>
  summarise(
    hosts.map((host) => makeResult({ host })),
    { wallMs: 500, concurrency: 20 },
  );

describe('jobs: create, results, finish', () => {
  it('creates a running job and reads it back as written', () => {
    open();
    const job = store.jobs.create(newJob());
    expect(job).toMatchObject({
      id: 'job-1',
      kind: 'run',
      requester: 'U_ALICE',
      channel: 'C_NETOPS',
      threadTs: '1741683600.000100',
      command: 'show version',
      target: 'core-routers',
      hosts: ['r1', 'r2', 'r3', 'r4'],
      meta: { concurrency: 20 },
      status: 'running',
      createdAt: clock.now,
      progress: { total: 4, done: 0, ok: 0, notOk: 0 },
    });
    expect(job.summary).toBeUndefined();
    expect(store.jobs.get('job-1')).toEqual(job);
    expect(store.jobs.get('nope')).toBeUndefined();
  });

  it('keeps a push job’s lines and its approval id', () => {
    open();
    const lines = ['interface Gi0/1', ' description uplink'];
    const job = store.jobs.create(
      newJob({ id: 'p1', kind: 'push', command: undefined, lines, approvalId: 'a1' }),
    );
    expect(job).toMatchObject({ kind: 'push', lines, approvalId: 'a1' });
    expect(job.command).toBeUndefined();
  });

  it('refuses a second job with the same id as a STORE error', () => {
    open();
    store.jobs.create(newJob());
    let error: unknown;
    try {
      store.jobs.create(newJob());
    } catch (caught) {
      error = caught;
    }
    expect(isNetrunError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toMatch(/jobs\.create failed: UNIQUE constraint failed: jobs\.id/);
  });

  it('sets the thread of a terminal job once its parent message exists', () => {
    open();
    store.jobs.create(newJob({ channel: undefined, threadTs: undefined }));
    store.jobs.setThread('job-1', 'C_OPS', '1741683700.000200');
    expect(store.jobs.get('job-1')).toMatchObject({ channel: 'C_OPS', threadTs: '1741683700.000200' });
    expect(() => store.jobs.setThread('missing', 'C', '1')).toThrow(/no job with id "missing"/);
  });

  it('records per-device status, error, timings, push outcome and posted flags', () => {
    open();
    store.jobs.create(newJob());
    const ok = makeResult({ host: 'r2', outputs: [['show version', 'IOS 15.2\n']], totalMs: 250 });
    ok.push = {
      applied: ['interface Gi0/1'],
      rejected: { line: 'bad', message: '% Invalid input' },
      saved: false,
    };
    const failed = makeResult({ host: 'r1', code: 'AUTH_FAILED', message: 'r1: authentication failed' });
    failed.started = false;
    clock.now += 1000;
    store.jobs.recordResult('job-1', ok, { posted: true });
    store.jobs.recordResult('job-1', failed);

    const [first, second] = store.jobs.results('job-1');
    expect(first).toEqual({ ...ok, started: true, posted: true, truncated: false, recordedAt: clock.now });
    expect(second).toMatchObject({
      host: 'r1',
      status: 'failed',
      started: false,
      posted: false,
      error: { code: 'AUTH_FAILED', message: 'r1: authentication failed' },
    });
    expect(store.jobs.get('job-1')!.progress).toEqual({ total: 4, done: 2, ok: 1, notOk: 1 });

    expect(store.jobs.markPosted('job-1', 'r1')).toBe(true);
    expect(store.jobs.markPosted('job-1', 'r4')).toBe(false);
    expect(store.jobs.results('job-1').map((r) => r.posted)).toEqual([true, true]);
  });

  it('replaces a host’s result on a second record, keeping its place and posted flag', () => {
    open();
    store.jobs.create(newJob());
    store.jobs.recordResult('job-1', makeResult({ host: 'r1', code: 'CONNECT_TIMEOUT' }), { posted: true });
    store.jobs.recordResult('job-1', makeResult({ host: 'r2' }));
    store.jobs.recordResult('job-1', makeResult({ host: 'r1' }));
    const results = store.jobs.results('job-1');
    expect(results.map((r) => [r.host, r.status, r.posted])).toEqual([
      ['r1', 'ok', true],
      ['r2', 'ok', false],
    ]);
    expect(results[0]!.error).toBeUndefined();
  });

  it('refuses a result for an unknown job', () => {
    open();
    expect(() => store.jobs.recordResult('ghost', makeResult({ host: 'r1' }))).toThrow(
      /no job with id "ghost"/,
    );
  });

  it('truncates huge output to 64 KiB per device, with a marker', () => {
    open();
    store.jobs.create(newJob());
    const huge = makeResult({ host: 'r1', outputs: [['show tech-support', 'z'.repeat(300_000)]] });
    store.jobs.recordResult('job-1', huge);
    const [stored] = store.jobs.results('job-1');
    expect(stored!.truncated).toBe(true);
    expect(stored!.outputs[0]!.output.startsWith('z'.repeat(65_536))).toBe(true);
    expect(stored!.outputs[0]!.output).toContain(`${TRUNCATION_MARKER}: kept 65536 of 300000 bytes`);
    expect(stored!.outputs[0]!.output.length).toBeLessThan(66_000);
  });

  it('finishes a running job once, with its summary', () => {
    open();
    store.jobs.create(newJob());
    const summary = summaryOf(['r1', 'r2', 'r3', 'r4']);
    clock.now += 5000;
    expect(store.jobs.finish('job-1', 'done', summary)).toBe(true);
    expect(store.jobs.get('job-1')).toMatchObject({ status: 'done', summary, finishedAt: clock.now });
    expect(store.jobs.finish('job-1', 'cancelled', summary)).toBe(false);
    expect(store.jobs.get('job-1')!.status).toBe('done');
    expect(() => store.jobs.finish('ghost', 'done', summary)).toThrow(/no job/);
  });

  it('lists newest first, filtered by requester and status, up to the limit', () => {
    open();
    for (const [id, requester] of [
      ['j1', 'U_ALICE'],
      ['j2', 'U_BOB'],
      ['j3', 'U_ALICE'],
      ['j4', 'U_ALICE'],
    ] as const) {
      clock.now += 1000;
      store.jobs.create(newJob({ id, requester }));
    }
    store.jobs.finish('j3', 'cancelled', summaryOf(['r1']));
    expect(store.jobs.list().map((j) => j.id)).toEqual(['j4', 'j3', 'j2', 'j1']);
    expect(store.jobs.list({ limit: 2 }).map((j) => j.id)).toEqual(['j4', 'j3']);
    expect(store.jobs.list({ requester: 'U_ALICE', status: 'running' }).map((j) => j.id)).toEqual([
      'j4',
      'j1',
    ]);
    expect(store.jobs.list({ status: 'cancelled' }).map((j) => j.id)).toEqual(['j3']);
  });

  it('prunes ended jobs older than the retention, with their results, and keeps running ones', () => {
    open();
    const start = clock.now;
    store.jobs.create(newJob({ id: 'old-done' }));
    store.jobs.recordResult('old-done', makeResult({ host: 'r1' }));
    store.jobs.finish('old-done', 'done', summaryOf(['r1']));
    store.jobs.create(newJob({ id: 'old-running' }));
    clock.now = start + 10 * 86_400_000;
    store.jobs.create(newJob({ id: 'recent' }));
    store.jobs.finish('recent', 'done', summaryOf(['r1']));
    expect(store.jobs.prune(7, clock.now)).toBe(1);
    expect(
      store.jobs
        .list()
        .map((j) => j.id)
        .sort(),
    ).toEqual(['old-running', 'recent']);
    expect(store.jobs.results('old-done')).toEqual([]);
  });
});

describe('jobs.interruptRunning (restart recovery)', () => {
  it('marks every running job interrupted and says which devices had finished', () => {
    open();
    store.jobs.create(newJob({ id: 'slack-job' }));
    store.jobs.recordResult('slack-job', makeResult({ host: 'r3' }), { posted: true });
    store.jobs.recordResult('slack-job', makeResult({ host: 'r1', code: 'AUTH_FAILED' }));
    store.jobs.create(newJob({ id: 'cli-job', channel: undefined, threadTs: undefined, hosts: ['s1'] }));
    store.jobs.create(newJob({ id: 'done-job' }));
    store.jobs.finish('done-job', 'done', summaryOf(['r1']));

    clock.now += 60_000;
    const interrupted = store.jobs.interruptRunning(clock.now);
    expect(interrupted.map((entry) => entry.job.id)).toEqual(['slack-job', 'cli-job']);
    const [slack, cli] = interrupted;
    expect(slack!.thread).toEqual({ channel: 'C_NETOPS', ts: '1741683600.000100' });
    expect(slack!.finished).toEqual([
      { host: 'r3', status: 'ok', errorCode: undefined, posted: true },
      { host: 'r1', status: 'failed', errorCode: 'AUTH_FAILED', posted: false },
    ]);
    expect(slack!.unfinished).toEqual(['r2', 'r4']);
    expect(slack!.job).toMatchObject({ status: 'interrupted', finishedAt: clock.now });
    expect(cli!.thread).toBeUndefined();
    expect(cli!.unfinished).toEqual(['s1']);

    expect(store.jobs.get('done-job')!.status).toBe('done');
    expect(store.jobs.list({ status: 'running' })).toEqual([]);
    expect(store.jobs.interruptRunning(clock.now)).toEqual([]);
  });
});
