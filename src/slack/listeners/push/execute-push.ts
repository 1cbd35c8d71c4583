import type { Host } from '../../../inventory/index.js';
import { maskLines, pushCommandText, pushOutcome } from '../../../push/index.js';
import { redactText } from '../../../redaction/index.js';
import type { ApprovalOutcome, ApprovalRecord } from '../../../store/index.js';
import { launchJob, newJobId } from '../../jobs/index.js';
import type { ListenerDeps } from '../context.js';
import { refreshApprovalMessage } from './approval-message.js';

/**
 * Runs an approved push, at most once: claimExecution is a conditional UPDATE in the store, so of two
 * clicks, two processes or a retry, one starts the job and the others find it claimed. The job posts
 * under the approval message; the message follows with the outcome.
 */
export function executeApproved(deps: ListenerDeps, approval: ApprovalRecord): string | undefined {
  const jobId = newJobId(deps);
  const claim = deps.store.approvals.claimExecution(approval.id, jobId);
  if (!claim.claimed) {
    deps.log.info({ approvalId: approval.id, reason: claim.reason }, 'push already claimed; not run twice');
    return undefined;
  }
  const hosts = currentHosts(deps, approval);
  if (typeof hosts === 'string') {
    finish(deps, approval.id, { result: 'failed', message: hosts });
    return jobId;
  }
  recordJob(deps, approval, jobId);
  const rollout = {
    hosts: approval.hosts,
    canary: approval.options.canary,
    stopAfterFailures: approval.options.stopAfterFailures,
  };
  const record = launchJob(deps, {
    id: jobId,
    channel: approval.channel,
    requester: approval.requester,
    command: pushCommandText(approval.lines),
    target: approval.target,
    hosts,
    work: { kind: 'push', lines: approval.lines, save: approval.options.save },
    canary: rollout.canary,
    stopAfterFailures: rollout.stopAfterFailures,
    approvalId: approval.id,
    ...(approval.messageTs ? { threadTs: approval.messageTs } : {}),
  });
  void refreshApprovalMessage(deps, approval.id);
  void record.job.done.then((summary) => {
    const outcome = pushOutcome(summary, record.job.results(), rollout);
    const interruption = record.reporter.interruption;
    finish(
      deps,
      approval.id,
      interruption
        ? { ...outcome, result: 'interrupted', message: `${interruption}: ${outcome.message}` }
        : outcome,
    );
  });
  return jobId;
}

/** The named devices as the inventory describes them now, and the names it no longer has. */
export function hostsNow(
  deps: Pick<ListenerDeps, 'inventory'>,
  names: readonly string[],
): { hosts: Host[]; missing: string[] } {
  const byName = new Map(deps.inventory().hosts.map((host) => [host.name, host]));
  return {
    hosts: names.flatMap((name) => byName.get(name) ?? []),
    missing: names.filter((name) => !byName.has(name)),
  };
}

/** The approved devices as the inventory describes them now; a message when some are gone. */
function currentHosts(deps: ListenerDeps, approval: ApprovalRecord): Host[] | string {
  const { hosts, missing } = hostsNow(deps, approval.hosts);
  if (missing.length > 0) {
    return `not run: the inventory no longer has ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`;
  }
  return hosts;
}

/** The job row first, as a push (the store observer then leaves it as it is). */
function recordJob(deps: ListenerDeps, approval: ApprovalRecord, jobId: string): void {
  try {
    deps.store.jobs.create({
      id: jobId,
      kind: 'push',
      requester: approval.requester,
      channel: approval.channel,
      ...(approval.messageTs ? { threadTs: approval.messageTs } : {}),
      lines: maskLines(approval.lines, redactText),
      target: approval.target,
      hosts: approval.hosts,
      approvalId: approval.id,
      meta: { approvedBy: approval.votes.filter((v) => v.decision === 'approve').map((v) => v.user) },
    });
  } catch (error) {
    deps.log.error({ err: error, jobId, approvalId: approval.id }, 'store: cannot record the push job');
  }
}

function finish(deps: ListenerDeps, approvalId: string, outcome: ApprovalOutcome): void {
  try {
    deps.store.approvals.finish(approvalId, outcome);
  } catch (error) {
    deps.log.error({ err: error, approvalId }, 'store: cannot record how the push ended');
  }
  void refreshApprovalMessage(deps, approvalId);
}
