import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HostStatus, RunnerStats } from '../engine/index.js';
import type { Logger } from '../logger.js';
import { finalStatus, type JobObserver } from '../slack/index.js';
import type { FinishedJobStatus } from '../store/index.js';
import type { SlackCallCounters } from './slack-calls.js';

export interface BotMetricsDeps {
  stats: () => RunnerStats;
  /** Read at scrape time (store.approvals.pending().length). */
  pendingApprovals: () => number;
  /** 1 while /healthz would answer 200. */
  ready: () => boolean;
  log: Logger;
  /** Node's process metrics (CPU, memory, event loop lag, GC); on by default. */
  processMetrics?: boolean;
}

export interface BotMetrics {
  readonly registry: Registry;
  /** Follows every job started from Slack: jobs, device runs and durations. */
  readonly observer: JobObserver;
  /** What instrumentWebClient() counts into. */
  readonly slack: SlackCallCounters;
  readonly contentType: string;
  /** The Prometheus text exposition of everything above. */
  text(): Promise<string>;
}

const HOST_STATUSES: HostStatus[] = ['ok', 'failed', 'timeout', 'cancelled'];
const JOB_STATUSES: FinishedJobStatus[] = ['done', 'cancelled', 'interrupted'];

/** Device sessions last from a tenth of a second (a fast `show`) to minutes (a slow push). */
const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * A registry per bot, not prom-client's global one: tests (and the reliability suite) run several
 * bots in one process, and each must count only its own work.
 */
export function createBotMetrics(deps: BotMetricsDeps): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (deps.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const scrape = (what: string, read: () => number) => {
    try {
      return read();
    } catch (error) {
      deps.log.warn({ err: error }, `metrics: cannot read ${what}`);
      return Number.NaN;
    }
  };
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(scrape(name, read));
      },
    });
  gauge('netrun_queue_depth', 'Devices waiting for a slot, across jobs', () => deps.stats().queued);
  gauge(
    'netrun_active_sessions',
    'Devices holding a slot (open device sessions)',
    () => deps.stats().running,
  );
  gauge('netrun_jobs_running', 'Jobs not yet finished', () => deps.stats().jobs);
  gauge('netrun_approvals_pending', 'Push requests waiting for approval', deps.pendingApprovals);
  gauge('netrun_ready', '1 when /healthz answers 200 (Slack connected, store open, not stopping)', () =>
    deps.ready() ? 1 : 0,
  );
  return {
    registry,
    observer: jobObserver(registers),
    slack: slackCounters(registers),
    contentType: registry.contentType,
    text: () => registry.metrics(),
  };
}

function jobObserver(registers: Registry[]): JobObserver {
  const started = new Counter({
    name: 'netrun_jobs_started_total',
    help: 'Jobs started from Slack',
    registers,
  });
  const finished = new Counter({
    name: 'netrun_jobs_finished_total',
    help: 'Jobs ended, by status (done, cancelled by a person, interrupted by a shutdown)',
    labelNames: ['status'] as const,
    registers,
  });
  const runs = new Counter({
    name: 'netrun_device_runs_total',
    help: 'Device results, by status',
    labelNames: ['status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'netrun_device_duration_seconds',
    help: 'From a device getting its slot until its session closed (devices that never started excluded)',
    labelNames: ['status'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  // Every series exists from the start at 0, so rate() and alerts see a change from the first event.
  for (const status of JOB_STATUSES) finished.inc({ status }, 0);
  for (const status of HOST_STATUSES) runs.inc({ status }, 0);
  return {
    name: 'metrics',
    started(record) {
      started.inc();
      record.job.on((event) => {
        if (event.type !== 'host:done') return;
        const { status, started: ran, timings } = event.result;
        runs.inc({ status });
        if (ran !== false) duration.observe({ status }, timings.totalMs / 1000);
      });
      void record.job.done.then((summary) => finished.inc({ status: finalStatus(record.reporter, summary) }));
    },
  };
}

function slackCounters(registers: Registry[]): SlackCallCounters {
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['method', 'client'] as const, registers });
  const calls = counter(
    'netrun_slack_api_calls_total',
    'Slack Web API calls, by method and client (replies, progress, lookups, bolt)',
  );
  const failures = counter(
    'netrun_slack_api_failures_total',
    'Slack Web API calls that got no answer after retries (network errors, 5xx, 429 handed back)',
  );
  const limited = counter('netrun_slack_rate_limited_total', 'HTTP 429 answers from Slack');
  const retries = counter(
    'netrun_slack_retries_total',
    'Slack Web API requests sent again after a failed attempt',
  );
  return {
    call: (method, client) => calls.inc({ method, client }),
    failure: (method, client) => failures.inc({ method, client }),
    rateLimited: (method, client) => limited.inc({ method, client }),
    retry: (method, client) => retries.inc({ method, client }),
  };
}
