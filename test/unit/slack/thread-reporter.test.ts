import { describe, expect, it } from 'vitest';
import type { HostResult } from '../../../src/engine/index.js';
import { type JobHeader, ThreadReporter, type ThreadReporterDeps } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { FakeJob } from './fake-job.js';
import { fakeReporterDeps } from './fake-reporter-deps.js';
import { type FakeThreadIo, slackError } from './fake-thread-io.js';

const CHANNEL = 'C0NETOPS01';

function setup(
  hostCount: number,
  extra: Partial<ThreadReporterDeps> = {},
  configure?: (io: FakeThreadIo) => void,
) {
  const { timers, io, deps } = fakeReporterDeps(configure, extra);
  const hosts = Array.from({ length: hostCount }, (_, i) => `r${i + 1}`);
  const header: JobHeader = {
    jobId: 'job1',
    requester: 'U0ALICE001',
    command: 'show clock',
    target: 'lab',
    hostCount,
  };
  const job = new FakeJob('job1', hosts);
  const reporter = new ThreadReporter(deps, CHANNEL, header);
  reporter.start(job);
  return { timers, io, job, reporter, hosts };
}

let uptime = 0;

/** A result whose output differs from every other one (identical outputs would be grouped). */
function ok(host: string): HostResult {
  uptime += 1;
  return makeResult({ host, outputs: [['show clock', `uptime is ${uptime} minutes`]] });
}

function mentions(text: string, host: string): boolean {
  return new RegExp(`\\b${host}\\b`).test(text);
}

describe('ThreadReporter', () => {
  it('posts the parent, the results in the thread, the summary last, then finishes the parent', async () => {
    const { timers, io, job, reporter } = setup(3);
    await timers.advance(0);
    for (const host of ['r1', 'r2', 'r3']) {
      job.hostDone(ok(host));
      await timers.advance(300);
    }
    job.finish();
    await timers.runAll();
    const report = await reporter.done;
    const posts = io.posts();
    expect(posts[0]?.threadTs).toBeUndefined();
    expect(io.text(posts[0]!)).toContain('ran `show clock` on *lab*');
    const parentTs = posts[0]?.ts;
    expect(posts.slice(1).every((p) => p.threadTs === parentTs)).toBe(true);
    expect(io.text(posts.at(-1)!)).toContain('*Summary*');
    for (const host of ['r1', 'r2', 'r3']) {
      expect(
        posts.slice(1, -1).some((p) => mentions(io.text(p), host)),
        host,
      ).toBe(true);
    }
    const last = io.calls.at(-1);
    expect(last?.kind).toBe('update');
    expect(io.text(last!)).toContain('done · 3 devices · 3 ok');
    expect(report).toMatchObject({ parentTs, summaryPosted: true, unposted: [] });
  });

  it('never posts into the channel faster than once a second, batching results that come faster', async () => {
    const { timers, io, job, reporter, hosts } = setup(40);
    await timers.advance(0);
    for (const host of hosts) {
      job.hostDone(ok(host));
      await timers.advance(50);
    }
    job.finish();
    await timers.runAll();
    await reporter.done;
    const posts = io.posts();
    const gaps = posts.slice(1).map((p, i) => p.at - (posts[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_000);
    // 40 results in 2 s: a handful of replies, not 40.
    expect(posts.length).toBeLessThanOrEqual(6);
    const thread = posts
      .slice(1, -1)
      .map((p) => io.text(p))
      .join('\n');
    for (const host of hosts) expect(mentions(thread, host), host).toBe(true);
  });

  it('updates the parent with progress at most every few seconds', async () => {
    const { timers, io, job, reporter, hosts } = setup(30);
    await timers.advance(0);
    for (const host of hosts) {
      job.hostDone(ok(host));
      await timers.advance(500);
    }
    job.finish();
    await timers.runAll();
    await reporter.done;
    const updates = io.calls.filter((c) => c.kind === 'update');
    const progress = updates.slice(0, -1);
    expect(progress.length).toBeGreaterThan(2);
    const gaps = progress.slice(1).map((u, i) => u.at - (progress[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_000);
    expect(io.text(progress[0]!)).toMatch(/\d+\/30 done/);
  });

  it('uploads long output as a file right after its reply, before the summary', async () => {
    const { timers, io, job, reporter } = setup(2);
    await timers.advance(0);
    job.hostDone(ok('r1'));
    job.hostDone(makeResult({ host: 'r2', outputs: [['show run', 'line\n'.repeat(2_000)]] }));
    job.finish();
    await timers.runAll();
    await reporter.done;
    const kinds = io.calls.filter((c) => c.kind !== 'update').map((c) => c.kind);
    expect(kinds).toEqual(['post', 'post', 'upload', 'post']);
    const upload = io.calls.find((c) => c.kind === 'upload');
    expect(upload?.filename).toBe('netrun-job1-part1.txt');
    expect(upload?.content).toContain('===== r2 · ok');
  });

  it('retries a refused reply as plain text, and lists results Slack never took in the summary', async () => {
    const { timers, io, job, reporter } = setup(2);
    io.failWith = (call) =>
      call.kind === 'post' && call.threadTs && !io.text(call).includes('Summary')
        ? slackError('invalid_blocks')
        : undefined;
    await timers.advance(0);
    job.hostDone(ok('r1'));
    job.hostDone(ok('r2'));
    job.finish();
    await timers.runAll();
    const report = await reporter.done;
    expect(report.unposted).toEqual([{ reason: 'invalid_blocks', hosts: ['r1', 'r2'] }]);
    const summary = io.posts().at(-1);
    expect(io.text(summary!)).toContain(
      'Slack did not take the results of 2 devices: r1, r2 (Slack said: invalid_blocks)',
    );
  });

  it('posts the plain retry when only the formatted reply was refused', async () => {
    const { timers, io, job, reporter } = setup(1);
    io.failWith = (call) =>
      call.kind === 'post' && call.threadTs && call.message?.blocks.length
        ? slackError('msg_too_long')
        : undefined;
    await timers.advance(0);
    job.hostDone(ok('r1'));
    job.finish();
    await timers.runAll();
    const report = await reporter.done;
    expect(report.unposted).toEqual([]);
    expect(
      io.posts().some((p) => p.message?.text.includes('could not be shown in full: Slack said msg_too_long')),
    ).toBe(true);
  });

  it('cancels the job when the channel will not take its parent message', async () => {
    const { timers, io, job, reporter } = setup(2, {}, (fake) => {
      fake.failWith = () => slackError('not_in_channel');
    });
    const parent = reporter.parent.then(
      () => 'posted',
      (reason: string) => reason,
    );
    await timers.advance(0);
    expect(await parent).toBe('not_in_channel');
    expect(job.cancelledWith).toContain('not_in_channel');
    job.finish();
    const report = await reporter.done;
    expect(report).toMatchObject({ parentError: 'not_in_channel', summaryPosted: false });
    expect(io.calls).toEqual([]);
  });

  it('shows who cancelled, in the parent while winding down and in the summary', async () => {
    const { timers, io, job, reporter } = setup(3);
    await timers.advance(0);
    job.hostDone(ok('r1'));
    reporter.noteCancelling('U0DAVE0001');
    await timers.advance(3_000);
    const progress = io.calls.filter((c) => c.kind === 'update').at(-1);
    expect(io.text(progress!)).toContain('cancelling (asked by <@U0DAVE0001>)');
    expect(io.text(progress!)).not.toContain('netrun_cancel_job');
    job.hostDone(makeResult({ host: 'r2', status: 'cancelled', code: 'CANCELLED', started: false }));
    job.hostDone(makeResult({ host: 'r3', status: 'cancelled', code: 'CANCELLED', started: false }));
    job.finish();
    await timers.runAll();
    await reporter.done;
    expect(io.text(io.posts().at(-1)!)).toContain('cancelled by <@U0DAVE0001>');
    expect(io.text(io.calls.at(-1)!)).toContain('cancelled by <@U0DAVE0001>');
  });

  it('passes every result through redact before it is posted', async () => {
    const { timers, io, job, reporter } = setup(1, {
      redact: (result) => ({
        ...result,
        outputs: result.outputs.map((o) => ({
          ...o,
          output: o.output.replace(/secret 5 \S+/g, 'secret 5 <removed>'),
        })),
      }),
    });
    await timers.advance(0);
    job.hostDone(makeResult({ host: 'r1', outputs: [['show run', 'enable secret 5 $1$abc']] }));
    job.finish();
    await timers.runAll();
    await reporter.done;
    const all = io.calls.map((c) => io.text(c)).join('\n');
    expect(all).toContain('secret 5 &lt;removed&gt;');
    expect(all).not.toContain('$1$abc');
  });
});
