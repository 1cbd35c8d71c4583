import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createBotMetrics } from '../../../src/ops/index.js';
import type { JobRecord, ThreadReporter } from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { FakeJob } from '../slack/fake-job.js';

function metrics(pending = () => 0) {
  return createBotMetrics({
    stats: () => ({ queued: 7, running: 3, jobs: 2 }),
    pendingApprovals: pending,
    ready: () => true,
    log: silentLogger(),
    processMetrics: false,
  });
}

function record(job: FakeJob, reporter: Partial<ThreadReporter> = {}): JobRecord {
  return {
    id: job.id,
    channel: 'C1',
    job,
    reporter: reporter as ThreadReporter,
    startedAt: 0,
  } as unknown as JobRecord;
}

/** `name{labels} value` → value, from the Prometheus text format. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('bot metrics', () => {
  it('counts jobs, device runs by status, and device durations from the job events', async () => {
    const m = metrics();
    const job = new FakeJob('j1', ['r1', 'r2', 'r3', 'r4']);
    m.observer.started(record(job), {} as never);
    job.hostDone(makeResult({ host: 'r1', totalMs: 300 }));
    job.hostDone(makeResult({ host: 'r2', totalMs: 4_000 }));
    job.hostDone(makeResult({ host: 'r3', code: 'AUTH_FAILED', totalMs: 1_200 }));
    // Never got a slot: a run, but no device time.
    job.hostDone(makeResult({ host: 'r4', status: 'cancelled', code: 'CANCELLED', started: false }));
    job.finish();
    await job.done;
    const text = await m.text();
    expect(sample(text, 'netrun_jobs_started_total')).toBe(1);
    expect(sample(text, 'netrun_jobs_finished_total{status="cancelled"}')).toBe(1);
    expect(sample(text, 'netrun_jobs_finished_total{status="done"}')).toBe(0);
    expect(sample(text, 'netrun_device_runs_total{status="ok"}')).toBe(2);
    expect(sample(text, 'netrun_device_runs_total{status="failed"}')).toBe(1);
    expect(sample(text, 'netrun_device_runs_total{status="timeout"}')).toBe(0);
    expect(sample(text, 'netrun_device_duration_seconds_count{status="ok"}')).toBe(2);
    expect(sample(text, 'netrun_device_duration_seconds_sum{status="ok"}')).toBeCloseTo(4.3);
    expect(sample(text, 'netrun_device_duration_seconds_bucket{le="0.5",status="ok"}')).toBe(1);
    expect(sample(text, 'netrun_device_duration_seconds_count{status="cancelled"}')).toBeUndefined();
  });

  it('labels a job netrun stopped as interrupted', async () => {
    const m = metrics();
    const job = new FakeJob('j1', ['r1']);
    m.observer.started(record(job, { interruption: 'netrun is restarting (SIGTERM)' }), {} as never);
    job.hostDone(makeResult({ host: 'r1', status: 'cancelled', code: 'CANCELLED' }));
    job.finish();
    await job.done;
    expect(sample(await m.text(), 'netrun_jobs_finished_total{status="interrupted"}')).toBe(1);
  });

  it('reads the queue, sessions and pending approvals at scrape time', async () => {
    let pending = 2;
    const m = metrics(() => pending);
    const first = await m.text();
    expect(sample(first, 'netrun_queue_depth')).toBe(7);
    expect(sample(first, 'netrun_active_sessions')).toBe(3);
    expect(sample(first, 'netrun_jobs_running')).toBe(2);
    expect(sample(first, 'netrun_approvals_pending')).toBe(2);
    expect(sample(first, 'netrun_ready')).toBe(1);
    pending = 5;
    expect(sample(await m.text(), 'netrun_approvals_pending')).toBe(5);
  });

  it('keeps one registry per bot: two bots in one process count separately', async () => {
    const a = metrics();
    const b = metrics();
    a.slack.call('chat.postMessage', 'replies');
    a.slack.call('chat.postMessage', 'replies');
    b.slack.rateLimited('chat.update', 'progress');
    a.slack.retry('chat.postMessage', 'replies');
    a.slack.failure('files.completeUploadExternal', 'replies');
    const textA = await a.text();
    expect(sample(textA, 'netrun_slack_api_calls_total{method="chat.postMessage",client="replies"}')).toBe(2);
    expect(sample(textA, 'netrun_slack_retries_total{method="chat.postMessage",client="replies"}')).toBe(1);
    expect(
      sample(
        textA,
        'netrun_slack_api_failures_total{method="files.completeUploadExternal",client="replies"}',
      ),
    ).toBe(1);
    expect(textA).not.toContain('netrun_slack_rate_limited_total{');
    expect(
      sample(await b.text(), 'netrun_slack_rate_limited_total{method="chat.update",client="progress"}'),
    ).toBe(1);
  });

  it('adds Node process metrics unless told not to', async () => {
    const withProcess = createBotMetrics({
      stats: () => ({ queued: 0, running: 0, jobs: 0 }),
      pendingApprovals: () => 0,
      ready: () => false,
      log: silentLogger(),
    });
    const text = await withProcess.text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'netrun_ready')).toBe(0);
  });
});
