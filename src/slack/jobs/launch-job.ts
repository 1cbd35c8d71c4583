import { randomUUID } from 'node:crypto';
import type { Runner, TaskFactory } from '../../engine/index.js';
import type { Host } from '../../inventory/index.js';
import type { Logger } from '../../logger.js';
import { ThreadReporter, type ThreadReporterDeps } from '../thread-reporter.js';
import type { JobDirectory, JobRecord } from './job-directory.js';

/**
 * Something that follows every job started from Slack (the store, the audit trail, metrics): it gets
 * the record at launch and subscribes to `record.job` and `record.reporter` itself. Observers must not
 * throw; one that does is logged and the job goes on.
 */
export interface JobObserver {
  name: string;
  started(record: JobRecord, request: LaunchRequest): void;
}

export interface LaunchDeps {
  runner: Runner;
  taskFor: TaskFactory;
  jobs: JobDirectory;
  reporter: ThreadReporterDeps;
  log: Logger;
  now: () => number;
  newJobId?: () => string;
  observers?: readonly JobObserver[];
}

export interface LaunchRequest {
  /** Decided by the caller when it must be known first (a retry claims it before starting). */
  id?: string;
  channel: string;
  requester: string;
  command: string;
  target: string;
  hosts: readonly Host[];
  retryOf?: string;
}

export function newJobId(deps: Pick<LaunchDeps, 'newJobId'>): string {
  return deps.newJobId ? deps.newJobId() : randomUUID().slice(0, 8);
}

/** Starts a job on the runner and its thread in the channel; the record is findable at once. */
export function launchJob(deps: LaunchDeps, request: LaunchRequest): JobRecord {
  const id = request.id ?? newJobId(deps);
  const job = deps.runner.start({
    id,
    hosts: request.hosts,
    task: deps.taskFor({ kind: 'run', commands: [request.command] }),
    meta: {
      source: 'slack',
      requester: request.requester,
      channel: request.channel,
      command: request.command,
      target: request.target,
      ...(request.retryOf ? { retryOf: request.retryOf } : {}),
    },
  });
  const header = {
    jobId: job.id,
    requester: request.requester,
    command: request.command,
    target: request.target,
    hostCount: request.hosts.length,
    ...(request.retryOf ? { retryOf: request.retryOf } : {}),
  };
  const reporter = new ThreadReporter(deps.reporter, request.channel, header);
  reporter.start(job);
  const record: JobRecord = {
    id: job.id,
    channel: request.channel,
    header,
    job,
    reporter,
    startedAt: deps.now(),
  };
  deps.jobs.add(record);
  for (const observer of deps.observers ?? []) {
    try {
      observer.started(record, request);
    } catch (error) {
      deps.log.error({ err: error, jobId: job.id, observer: observer.name }, 'a job observer failed');
    }
  }
  job.on((event) => {
    if (event.type === 'job:done') deps.jobs.finish(job.id, event.summary, event.results, deps.now());
  });
  deps.log.info(
    {
      jobId: job.id,
      requester: request.requester,
      channel: request.channel,
      command: request.command,
      target: request.target,
      hosts: request.hosts.length,
    },
    'job started from Slack',
  );
  return record;
}
