import { describe, expect, it } from 'vitest';
import { type JobHeader, ThreadReporter } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { FakeJob } from './fake-job.js';
import { fakeReporterDeps } from './fake-reporter-deps.js';

const APPROVAL_TS = '1699999999.000100';

describe('ThreadReporter under an existing message (a push under its approval)', () => {
  it('posts progress, results and summary as replies to that message, without Retry failed', async () => {
    const { timers, io, deps } = fakeReporterDeps();
    const header: JobHeader = {
      jobId: 'j1',
      requester: 'U0ALICE001',
      command: 'config push: 1 line',
      target: 'lab',
      hostCount: 2,
    };
    const job = new FakeJob('j1', ['r1', 'r2']);
    const reporter = new ThreadReporter(deps, 'C0NETOPS01', header, { threadTs: APPROVAL_TS, retry: false });
    reporter.start(job);
    await timers.advance(0);
    job.hostDone({ ...makeResult({ host: 'r1' }), push: { applied: ['ntp server 10.0.0.1'], saved: true } });
    job.hostDone({
      ...makeResult({
        host: 'r2',
        code: 'COMMAND_REJECTED',
        message: 'r2 rejected `ntp server 10.0.0.1`: % Invalid input',
      }),
      push: {
        applied: [],
        rejected: { line: 'ntp server 10.0.0.1', message: '% Invalid input' },
        saved: false,
      },
    });
    job.finish();
    await timers.runAll();
    const report = await reporter.done;
    const posts = io.posts();
    expect(posts.every((p) => p.threadTs === APPROVAL_TS)).toBe(true);
    expect(await reporter.parent).toBe(APPROVAL_TS);
    expect(report.parentTs).toBe(posts[0]?.ts);
    const thread = posts.map((p) => io.text(p)).join('\n');
    expect(thread).toContain('applied 1 line · saved');
    expect(thread).toContain('applied 0 lines, then the device rejected `ntp server 10.0.0.1`');
    expect(io.text(posts.at(-1)!)).toContain('*Summary*');
    expect(io.text(posts.at(-1)!)).not.toContain('Retry failed');
    // The progress reply, not the approval message, is what gets finished.
    expect(io.calls.at(-1)).toMatchObject({ kind: 'update', ts: posts[0]?.ts });
  });
});
