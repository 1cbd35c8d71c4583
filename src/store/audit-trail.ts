import type { Job, JobEvent, JobSummary } from '../engine/index.js';
import type { Logger } from '../logger.js';
import type { Store } from './open-store.js';
import type { AuditInput, Json } from './types.js';

/**
 * Writing the audit trail, for every front end: `recordAudit` for one entry, `auditJob` for a job
 * (one `job-start`, one `device` entry per device with its status and error code, one `job-done`).
 * Slack registers it as a job observer; `netrun run` and `netrun push` call it directly. Auditing
 * never stops a job: a failed write is logged and the job goes on.
 */

export interface AuditSink {
  store: Pick<Store, 'audit'>;
  log: Logger;
  now?: () => number;
}

/** Who started a job, where, and what it runs: repeated on each of its entries so each reads alone. */
export interface JobAuditContext {
  /** Slack user id, or `cli:<os user>`. */
  actor: string;
  channel?: string;
  command?: string;
  target: string;
  approvalId?: string;
  retryOf?: string;
}

/** Records one entry; false (and an error in the log) when the store would not take it. */
export function recordAudit(sink: AuditSink, entry: AuditInput): boolean {
  try {
    sink.store.audit.record({ at: (sink.now ?? Date.now)(), ...entry });
    return true;
  } catch (error) {
    sink.log.error(
      { err: error, action: entry.action, jobId: entry.jobId, host: entry.host },
      'could not write the audit trail; going on without this entry',
    );
    return false;
  }
}

/** Follows a job from its next event on; call it before the job's events begin (same tick as start). */
export function auditJob(job: Pick<Job, 'id' | 'on'>, context: JobAuditContext, sink: AuditSink): void {
  const base = {
    actor: context.actor,
    jobId: job.id,
    ...(context.channel === undefined ? {} : { channel: context.channel }),
    ...(context.approvalId === undefined ? {} : { approvalId: context.approvalId }),
  };
  job.on((event) => {
    const entry = entryFor(event, base, context);
    if (entry) recordAudit(sink, entry);
  });
}

function entryFor(
  event: JobEvent,
  base: Pick<AuditInput, 'actor' | 'jobId' | 'channel' | 'approvalId'>,
  context: JobAuditContext,
): AuditInput | undefined {
  switch (event.type) {
    case 'job:start':
      return {
        ...base,
        action: 'job-start',
        target: context.target,
        ...(context.command === undefined ? {} : { command: context.command }),
        details: {
          devices: event.hostCount,
          concurrency: event.concurrency,
          ...(context.retryOf === undefined ? {} : { retryOf: context.retryOf }),
        },
      };
    case 'host:done': {
      const { result } = event;
      const details: Record<string, Json> = { ms: result.timings.totalMs, platform: result.platform };
      if (result.error) details.errorCode = result.error.code;
      if (result.push) details.applied = result.push.applied.length;
      if (result.push) details.saved = result.push.saved;
      return {
        ...base,
        action: 'device',
        host: result.host,
        outcome: result.status,
        // The device task has already masked secrets in error messages (they may quote device output).
        ...(result.error ? { reason: `${result.error.code}: ${clip(result.error.message, 500)}` } : {}),
        details,
      };
    }
    case 'job:done':
      return {
        ...base,
        action: 'job-done',
        target: context.target,
        outcome: event.summary.byStatus.cancelled > 0 ? 'cancelled' : 'done',
        reason: describeCounts(event.summary),
        details: { ...event.summary.byStatus, wallMs: event.summary.wallMs },
      };
    default:
      return undefined;
  }
}

/** `2 ok, 1 failed, 1 cancelled`: the summary's counts in words, zeros left out. */
export function describeCounts(summary: Pick<JobSummary, 'byStatus' | 'total'>): string {
  const parts = Object.entries(summary.byStatus)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  return parts.length > 0 ? parts.join(', ') : 'no devices';
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
