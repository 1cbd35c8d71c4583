import type { HostResult, JobSummary } from '../engine/index.js';
import type { ApprovalOutcome } from '../store/index.js';

/**
 * How a push job ended, in one line for the approval message, the terminal and the audit trail.
 * Pure: from the job's summary and results, and the rollout settings it ran with.
 */

export interface PushRollout {
  /** Device names in target order: the first `canary` of them went first. */
  hosts: readonly string[];
  canary: number;
  stopAfterFailures: number;
}

/** What a push job is called where a run job shows its command (job lists, summaries, audit). */
export function pushCommandText(lines: readonly string[]): string {
  return `config push: ${lines.length} line${lines.length === 1 ? '' : 's'}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function notRun(results: readonly HostResult[]): HostResult[] {
  return results.filter((r) => r.error?.code === 'NOT_RUN');
}

function failedOf(results: readonly HostResult[]): HostResult[] {
  return results.filter((r) => r.status === 'failed' || r.status === 'timeout');
}

function named(results: readonly HostResult[], max = 3): string {
  const parts = results.slice(0, max).map((r) => `${r.host} (${r.error?.code ?? r.status})`);
  return `${parts.join(', ')}${results.length > max ? ` and ${results.length - max} more` : ''}`;
}

export function pushOutcome(
  summary: JobSummary,
  results: readonly HostResult[],
  rollout: PushRollout,
): ApprovalOutcome {
  if (summary.total > 0 && summary.ok === summary.total) {
    return { result: 'done', summary, message: `pushed to ${plural(summary.ok, 'device')}: all ok` };
  }
  const skipped = notRun(results);
  const failed = failedOf(results);
  const canaries = new Set(rollout.hosts.slice(0, rollout.canary));
  const failedCanaries = failed.filter((r) => canaries.has(r.host));
  const untouched = skipped.length > 0 ? `; ${plural(skipped.length, 'device')} not run, left untouched` : '';
  if (failedCanaries.length > 0 && failed.length === failedCanaries.length) {
    const which = failedCanaries.length === 1 ? 'canary' : 'canaries';
    return {
      result: 'failed',
      summary,
      message: `${which} ${named(failedCanaries)} failed: rollout stopped${untouched}`,
    };
  }
  const cancelled = results.filter((r) => r.error?.code === 'CANCELLED');
  if (cancelled.length > 0) {
    return {
      result: 'cancelled',
      summary,
      message: `cancelled: ${summary.ok} ok, ${plural(cancelled.length, 'device')} cancelled${failed.length > 0 ? `, ${failed.length} failed` : ''}${untouched}`,
    };
  }
  const stopped = skipped.length > 0 && failed.length >= rollout.stopAfterFailures;
  const lead = stopped
    ? `stopped after ${plural(failed.length, 'failure')}`
    : `${plural(failed.length, 'device')} failed`;
  return { result: 'failed', summary, message: `${lead}: ${named(failed)}; ${summary.ok} ok${untouched}` };
}
