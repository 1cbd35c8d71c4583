import { describe, expect, it } from 'vitest';
import { type JobHeader, ThreadReporter } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { FakeJob } from './fake-job.js';
import { fakeReporterDeps } from './fake-reporter-deps.js';
import { type FakeThreadIo, slackError } from './fake-thread-io.js';

/** The hooks issue 8 added to the reporter: posted marks, and "interrupted" distinct from Cancel. */

const HEADER: JobHeader = {
  jobId: 'job1',
  requester: 'U0ALICE001',
  command: 'show clock',
  target: 'lab',
  hostCount: 3,
};

function setup(configure?: (io: FakeThreadIo) => void) {
  const { timers, io, deps } = fakeReporterDeps(configure);
  const job = new FakeJob('job1', ['r1', 'r2', 'r3']);
  const reporter = new ThreadReporter(deps, 'C0NETOPS01', HEADER);
  reporter.start(job);
  const posted: string[][] = [];
  reporter.onPosted((hosts) => posted.push([...hosts]));
  return { timers, io, job, reporter, posted };
}

describe('ThreadReporter hooks', () => {
  it('tells listeners which devices reached the thread, reply by reply', async () => {
    const { timers, job, posted } = setup();
    await timers.advance(0);
    job.hostDone(makeResult({ host: 'r1', outputs: [['show clock', 'one']] }));
    await timers.advance(1_100);
    job.hostDone(makeResult({ host: 'r2', outputs: [['show clock', 'two']] }));
    job.hostDone(makeResult({ host: 'r3', code: 'AUTH_FAILED' }));
    await timers.advance(1_100);
    job.finish();
    await timers.runAll();
    expect(posted.flat().sort()).toEqual(['r1', 'r2', 'r3']);
    expect(posted[0]).toEqual(['r1']);
  });

  it('does not report results shown only as a plain status line after Slack refused the full reply', async () => {
    const { timers, io, job, posted, reporter } = setup((io) => {
      const fullReply = (call: {
        kind: string;
        threadTs?: string;
        message?: { text: string; blocks: unknown[] };
      }) =>
        call.kind === 'post' &&
        call.threadTs !== undefined &&
        !call.message?.text.startsWith('netrun summary');
      io.failWith = (call) =>
        fullReply(call) && (call.message?.blocks.length ?? 0) > 0 ? slackError('invalid_blocks') : undefined;
    });
    await timers.advance(0);
    job.hostDone(makeResult({ host: 'r1', outputs: [['show clock', 'one']] }));
    job.finish();
    await timers.runAll();
    const report = await reporter.done;
    expect(io.posts().some((p) => p.message?.text.includes('could not be shown in full'))).toBe(true);
    expect(report.unposted).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('says "interrupted" in the summary and the parent, not "cancelled by", and offers no Retry', async () => {
    const { timers, io, job, reporter } = setup();
    await timers.advance(0);
    job.hostDone(makeResult({ host: 'r1', outputs: [['show clock', 'one']] }));
    reporter.noteInterrupted('netrun is restarting (SIGTERM)');
    job.hostDone(makeResult({ host: 'r2', code: 'CANCELLED', status: 'cancelled' }));
    job.hostDone(makeResult({ host: 'r3', code: 'HOST_TIMEOUT', status: 'timeout' }));
    job.finish();
    await timers.runAll();
    await reporter.done;
    expect(reporter.interruption).toBe('netrun is restarting (SIGTERM)');
    expect(reporter.cancelledBy).toBeUndefined();
    const summary = io.posts().at(-1)!;
    expect(io.text(summary)).toContain('*Interrupted:* netrun is restarting (SIGTERM)');
    expect(io.text(summary)).toContain('nobody cancelled this job');
    expect(io.text(summary)).not.toContain('Retry failed');
    const finalParent = io.calls.filter((c) => c.kind === 'update').at(-1)!;
    expect(io.text(finalParent)).toContain(':octagonal_sign: interrupted');
    expect(io.text(finalParent)).not.toContain('cancelled by');
  });

  it("keeps a person's Cancel apart from an interruption", async () => {
    const { timers, io, job, reporter } = setup();
    await timers.advance(0);
    reporter.noteCancelling('U0DAVE0001');
    for (const host of ['r1', 'r2', 'r3'])
      job.hostDone(makeResult({ host, status: 'cancelled', code: 'CANCELLED' }));
    job.finish();
    await timers.runAll();
    await reporter.done;
    expect(reporter.interruption).toBeUndefined();
    expect(reporter.cancelledBy).toBe('U0DAVE0001');
    const finalParent = io.calls.filter((c) => c.kind === 'update').at(-1)!;
    expect(io.text(finalParent)).toContain('cancelled by <@U0DAVE0001>');
    expect(io.text(finalParent)).not.toContain('interrupted');
  });
});
