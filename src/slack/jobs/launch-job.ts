import { randomUUID } from 'node:crypto';
import type { DeviceWork, Runner, TaskFactory } from '../../engine/index.js';
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
  /** A run job's command; for other work, how the job is named in messages (`config push: 3 lines`). */
  command: string;
  target: string;
  hosts: readonly Host[];
  retryOf?: string;
  /** What each device does; `run` of `command` when absent. */
  work?: DeviceWork;
  /** Push rollout: canary devices first, and no new device once this many have failed. */
  canary?: number;
  stopAfterFailures?: number;
  /** The approval request a push job executes. */
  approvalId?: string;
  /** Post the job's messages under this message (a push under its approval) instead of a new parent. */
  threadTs?: string;
}

export function newJobId(deps: Pick<LaunchDeps, 'newJobId'>): string {
  return deps.newJobId ? deps.newJobId() : randomUUID().slice(0, 8);
}

/** Starts a job on the runner and its thread in the channel; the record is findable at once. */
export function launchJob(deps: LaunchDeps, request: LaunchRequest): JobRecord {
  const id = request.id ?? newJobId(deps);
  const work = request.work ?? { kind: 'run', commands: [request.command] };
  const job = deps.runner.start({
    id,
    hosts: request.hosts,
    task: deps.taskFor(work),
    ...(request.canary === undefined ? {} : { canary: request.canary }),
    ...(request.stopAfterFailures === undefined ? {} : { stopAfterFailures: request.stopAfterFailures }),
    meta: {
      source: 'slack',
      requester: request.requester,
      channel: request.channel,
      command: request.command,
      target: request.target,
      work: work.kind,
      ...(request.retryOf ? { retryOf: request.retryOf } : {}),
      ...(request.approvalId ? { approvalId: request.approvalId } : {}),
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
  // A push cannot be retried like a command: a new push needs a new approval.
  const reporter = new ThreadReporter(deps.reporter, request.channel, header, {
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
    retry: work.kind === 'run',
  });
  reporter.start(job);
  const record: JobRecord = {
    id: job.id,
    kind: work.kind === 'push' ? 'push' : 'run',
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
