import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { reportInterrupted, takeInterrupted } from '../../../src/ops/index.js';
import { ChannelLanes } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { FakeThreadIo, slackError } from '../slack/fake-thread-io.js';
import { FakeTimers } from '../slack/fake-timers.js';
import { memoryStore, newApproval, newJob } from '../store/store-fixtures.js';

const THREAD = '1741683600.000100';

/** What a kill -9 leaves in the store: a run job half done, a push mid-execution, a pending request. */
function crashedStore() {
  const { store, clock } = memoryStore();
  store.jobs.create(newJob({ id: 'job-run', hosts: ['r1', 'r2', 'r3', 'r4'] }));
  store.jobs.recordResult('job-run', makeResult({ host: 'r1', outputs: [['show version', 'IOS 15.2 r1']] }), {
    posted: true,
  });
  store.jobs.recordResult('job-run', makeResult({ host: 'r2', outputs: [['show version', 'IOS 15.2 r2']] }));
  store.jobs.recordResult('job-run', makeResult({ host: 'r3', code: 'AUTH_FAILED' }), { posted: true });
  store.approvals.create(newApproval(clock.now + 3_600_000, { id: 'apr-exec' }));
  store.approvals.setMessage('apr-exec', '1741683600.000500');
  store.approvals.decide({
    id: 'apr-exec',
    user: 'U_CAROL',
    decision: 'approve',
    now: clock.now,
    isApprover: true,
  });
  store.approvals.claimExecution('apr-exec', 'job-push');
  store.jobs.create(
    newJob({
      id: 'job-push',
      kind: 'push',
      command: undefined,
      lines: ['ntp server 10.0.0.1'],
      hosts: ['e1', 'e2'],
      threadTs: undefined,
      approvalId: 'apr-exec',
    }),
  );
  store.jobs.recordResult('job-push', makeResult({ host: 'e1' }), { posted: true });
  store.approvals.create(newApproval(clock.now + 3_600_000, { id: 'apr-pending' }));
  return { store, clock };
}

async function recover(configure?: (io: FakeThreadIo) => void) {
  const { store, clock } = crashedStore();
  const timers = new FakeTimers(0);
  const io = new FakeThreadIo(timers);
  configure?.(io);
  const log = silentLogger();
  const interrupted = takeInterrupted(store, clock.now);
  const reporting = reportInterrupted(
    { store, io, lanes: new ChannelLanes({ intervalMs: 1_000, timers, log }), log },
    interrupted,
  );
  await timers.runAll();
  return { store, io, interrupted, report: await reporting };
}

describe('restart recovery', () => {
  it('marks running jobs interrupted and closes executing pushes before anything else can run', () => {
    const { store, clock } = crashedStore();
    const interrupted = takeInterrupted(store, clock.now);
    expect(interrupted.jobs.map((entry) => entry.job.id)).toEqual(['job-run', 'job-push']);
    expect(interrupted.pushes.map((push) => push.id)).toEqual(['apr-exec']);
    expect(store.approvals.get('apr-exec')).toMatchObject({
      status: 'finished',
      outcome: { result: 'interrupted' },
    });
    // Never again: a second claim (a click, another process) is refused.
    expect(store.approvals.claimExecution('apr-exec', 'job-again')).toMatchObject({
      claimed: false,
      reason: 'already-claimed',
    });
    // The pending request is untouched: its buttons still work after the restart.
    expect(store.approvals.pending().map((a) => a.id)).toEqual(['apr-pending']);
    expect(
      store.approvals.decide({
        id: 'apr-pending',
        user: 'U_CAROL',
        decision: 'approve',
        now: clock.now,
        isApprover: true,
      }).kind,
    ).toBe('approved');
  });

  it('posts the results the thread never got, then which devices finished and which did not, then finishes the parent', async () => {
    const { store, io, report } = await recover();
    const inThread = io.posts().filter((post) => post.threadTs === THREAD);
    expect(inThread).toHaveLength(2);
    const [results, notice] = inThread.map((post) => io.text(post));
    expect(results).toContain('IOS 15.2 r2');
    expect(results).not.toContain('IOS 15.2 r1');
    expect(notice).toContain('*Interrupted:* netrun stopped unexpectedly while job `job-run` was running');
    expect(notice).toContain('*Finished before the stop* (3 of 4)');
    expect(notice).toMatch(/2 devices ok: r1, r2/);
    expect(notice).toMatch(/1 device failed \(AUTH_FAILED\): r3/);
    expect(notice).toContain('*Not finished* (1): r4');
    expect(notice).toContain('posted above: r2');
    const parent = io.calls.find((call) => call.kind === 'update')!;
    expect(parent).toMatchObject({ channel: 'C_NETOPS', ts: THREAD });
    expect(io.text(parent)).toContain(
      ':octagonal_sign: interrupted · 4 devices · 3 finished (2 ok) · 1 not finished · netrun restarted',
    );
    expect(store.jobs.results('job-run').every((result) => result.posted)).toBe(true);
    expect(report).toEqual({ jobs: 2, pushes: 1, threadsTold: 2, resultsPosted: 1, failures: 0 });
  });

  it('tells the approval thread that the push will not be run again, with its devices', async () => {
    const { io, store } = await recover();
    const notice = io.posts().find((post) => post.threadTs === '1741683600.000500')!;
    expect(io.text(notice)).toContain('*This push was interrupted:*');
    expect(io.text(notice)).toContain('will *not* be run again');
    expect(io.text(notice)).toMatch(/1 device ok: e1/);
    expect(io.text(notice)).toContain('*Not finished* (1): e2');
    const audit = store.audit.query({ action: 'interrupted' });
    expect(audit.map((entry) => [entry.jobId, entry.approvalId ?? null])).toEqual([
      ['job-run', null],
      ['job-push', null],
      ['job-push', 'apr-exec'],
    ]);
  });

  it('says so when Slack will not take the missing results, and still tells the thread', async () => {
    const { io, report, store } = await recover((fake) => {
      fake.failWith = (call) =>
        call.message?.text.startsWith('show version:') ? slackError('msg_too_long') : undefined;
    });
    const notice = io
      .posts()
      .find((post) => post.threadTs === THREAD && io.text(post).includes('Interrupted'))!;
    expect(io.text(notice)).toContain('could not post: r2');
    expect(report.failures).toBe(1);
    expect(store.jobs.results('job-run').find((r) => r.host === 'r2')?.posted).toBe(false);
  });
});
