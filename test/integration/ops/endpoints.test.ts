import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import { type RunningBot, startBot, stopBot } from '../../../src/main.js';
import { ACTION_IDS, BLOCK_IDS } from '../../../src/slack/index.js';
import { newApproval } from '../../unit/store/store-fixtures.js';
import { ALICE, type BotFixture, CHANNEL, getJson, sample, startBotFixture } from './bot-fixture.js';

/**
 * /healthz and /metrics on a real bot (src/main.ts in-process, HTTP mode) over a lab and the Slack
 * stand-in: what an operator's probe and Prometheus see before and after a job.
 */

let fixture: BotFixture;

beforeAll(async () => {
  fixture = await startBotFixture(labDeviceSpecs(4, ['cisco_xr', 'juniper_junos']));
});

afterAll(async () => {
  await fixture?.stop();
});

async function runJob(running: RunningBot, index: number) {
  const answer = await fixture.driverFor(running.port!).slashCommand({
    text: 'show version core-routers',
    user_id: ALICE,
    channel_id: CHANNEL,
  });
  expect(answer.status).toBe(200);
  const record = await fixture.standin.waitFor(() => running.bot.jobs.list()[index], { timeoutMs: 10_000 });
  const report = await record.reporter.done;
  // Observers finish on the same promise; one more turn lets theirs run.
  await new Promise((resolve) => setImmediate(resolve));
  return { record, report };
}

async function metricsText(running: RunningBot): Promise<string> {
  const response = await fetch(`${running.opsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('/healthz and /metrics next to /slack/events (HTTP mode)', () => {
  it('answers ready with what it checked, and counts a job, its devices, Slack calls and pending approvals', async () => {
    const running = await startBot(fixture.env);
    try {
      expect(running.opsUrl).toBe(`http://127.0.0.1:${running.port}`);
      const health = await getJson(`${running.opsUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        mode: 'http',
        checks: {
          slack: { ok: true, detail: expect.stringContaining('auth.test passed') },
          store: { ok: true, detail: 'open' },
          accepting: { ok: true },
        },
        jobs: { queued: 0, running: 0, jobs: 0 },
      });
      const before = await metricsText(running);
      expect(sample(before, 'netrun_jobs_started_total')).toBe(0);
      expect(sample(before, 'netrun_slack_api_calls_total{method="auth.test",client="bolt"}')).toBe(1);
      expect(sample(before, 'netrun_approvals_pending')).toBe(0);

      const { record, report } = await runJob(running, 0);
      expect(report.summary).toMatchObject({ total: 4, ok: 4 });
      running.store.approvals.create(newApproval(Date.now() + 600_000, { id: 'apr-a' }));
      running.store.approvals.create(newApproval(Date.now() + 600_000, { id: 'apr-b' }));

      const after = await metricsText(running);
      expect(sample(after, 'netrun_jobs_started_total')).toBe(1);
      expect(sample(after, 'netrun_jobs_finished_total{status="done"}')).toBe(1);
      expect(sample(after, 'netrun_device_runs_total{status="ok"}')).toBe(4);
      expect(sample(after, 'netrun_device_duration_seconds_count{status="ok"}')).toBe(4);
      expect(sample(after, 'netrun_device_duration_seconds_sum{status="ok"}')).toBeGreaterThan(0);
      const posts = fixture.standin.calls('chat.postMessage').length;
      expect(sample(after, 'netrun_slack_api_calls_total{method="chat.postMessage",client="replies"}')).toBe(
        posts,
      );
      expect(sample(after, 'netrun_slack_api_calls_total{method="chat.update",client="progress"}')).toBe(
        fixture.standin.calls('chat.update').length,
      );
      expect(sample(after, 'netrun_approvals_pending')).toBe(2);
      expect(sample(after, 'netrun_queue_depth')).toBe(0);
      expect(sample(after, 'netrun_active_sessions')).toBe(0);
      expect(after).toContain('process_cpu_user_seconds_total');

      // The store observer kept the job, its thread and every result as posted.
      const stored = running.store.jobs.get(record.id)!;
      expect(stored).toMatchObject({ status: 'done', channel: CHANNEL, threadTs: report.parentTs });
      expect(running.store.jobs.results(record.id).map((r) => r.posted)).toEqual([true, true, true, true]);
    } finally {
      await stopBot(running, 'SIGTERM');
    }
  });

  it('counts 429s and retries by method', async () => {
    const running = await startBot(fixture.env);
    try {
      fixture.standin.faults.set([
        // A reply meets a 429: the channel lane waits Retry-After and sends it again.
        { kind: 'ratelimit', retryAfterSec: 1, methods: ['chat.postMessage'], times: 1, afterMs: 0 },
        // The first progress update meets a 503: the WebClient retries it.
        { kind: 'http-error', status: 503, methods: ['chat.update'], times: 1 },
      ]);
      const { report } = await runJob(running, 0);
      expect(report.summaryPosted).toBe(true);
      const text = await metricsText(running);
      expect(
        sample(text, 'netrun_slack_rate_limited_total{method="chat.postMessage",client="replies"}'),
      ).toBe(1);
      expect(sample(text, 'netrun_slack_retries_total{method="chat.update",client="progress"}')).toBe(1);
    } finally {
      fixture.standin.faults.clear();
      await stopBot(running, 'SIGTERM');
    }
  });

  it('shows the runner’s queue, open sessions and running jobs while a job runs', async () => {
    // Two slots for four hung devices: two sessions open, two devices waiting, until Cancel.
    const running = await startBot({ ...fixture.env, NETRUN_CONCURRENCY: '2' });
    const devices = fixture.lab.devices.map((device) => fixture.lab.device(device.name));
    for (const device of devices) device.setFault('hang');
    try {
      const driver = fixture.driverFor(running.port!);
      await driver.slashCommand({ text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL });
      const record = await fixture.standin.waitFor(() => running.bot.jobs.list()[0], { timeoutMs: 10_000 });
      const gauges = async () => {
        const text = await metricsText(running);
        return ['netrun_queue_depth', 'netrun_active_sessions', 'netrun_jobs_running'].map((s) =>
          sample(text, s),
        );
      };
      let during = await gauges();
      for (let tries = 0; tries < 100 && during.join() !== '2,2,1'; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        during = await gauges();
      }
      expect(during).toEqual([2, 2, 1]);

      await driver.click({
        action_id: ACTION_IDS.cancelJob,
        user: ALICE,
        channel: CHANNEL,
        message_ts: await record.reporter.parent,
        value: record.id,
        block_id: BLOCK_IDS.jobActions,
      });
      expect((await record.reporter.done).summary?.byStatus.cancelled).toBe(4);
      expect(await gauges()).toEqual([0, 0, 0]);
    } finally {
      for (const device of devices) device.setFault(undefined);
      await stopBot(running, 'SIGTERM');
    }
  });

  it('answers 503 naming the store when the store stops answering', async () => {
    const running = await startBot(fixture.env);
    try {
      running.store.close();
      const health = await getJson(`${running.opsUrl}/healthz`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'unavailable',
        checks: { slack: { ok: true }, store: { ok: false } },
      });
      expect(sample(await metricsText(running), 'netrun_ready')).toBe(0);
    } finally {
      await stopBot(running, 'SIGTERM');
    }
  });
});

describe('/healthz and /metrics on a port of their own (NETRUN_METRICS_PORT; how Socket Mode serves them)', () => {
  it('serves them there, and not on the port Slack reaches', async () => {
    const running = await startBot({ ...fixture.env, NETRUN_METRICS_PORT: '0' });
    const { opsUrl } = running;
    try {
      expect(opsUrl).not.toBe(`http://127.0.0.1:${running.port}`);
      expect((await getJson(`${opsUrl}/healthz`)).body).toMatchObject({ status: 'ok' });
      expect(await (await fetch(`${opsUrl}/metrics`)).text()).toContain('netrun_jobs_started_total 0');
      expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(404);
      expect((await fetch(`${opsUrl}/slack/events`)).status).toBe(404);
      expect((await fetch(`${opsUrl}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await stopBot(running, 'SIGTERM');
    }
    await expect(fetch(`${opsUrl}/healthz`)).rejects.toThrow();
  });
});
