import { checkManageJob } from '../../engine/index.js';
import { noticeMessage, type SlackMessage } from '../blocks/index.js';
import { type ListenerDeps, resolveActor } from './context.js';
import { type RequestAudit, refuse, refuseWith } from './request-audit.js';

/**
 * Cancel, from the button or `/netrun cancel <job>`: the requester or an admin only. Returns what to
 * tell the person who asked (ephemeral); the thread itself says the job was cancelled. The decision,
 * either way, goes into the audit trail.
 */
export async function cancelJobFor(
  deps: ListenerDeps,
  userId: string,
  jobId: string,
  audit: RequestAudit,
): Promise<SlackMessage> {
  audit.note({ jobId });
  const record = deps.jobs.get(jobId);
  if (!record) {
    return refuseWith(
      audit,
      'not-found',
      `There is no job \`${jobId}\` (it may have finished long ago, or netrun restarted). \`/netrun jobs\` lists running jobs.`,
    );
  }
  audit.note({ command: record.header.command, target: record.header.target });
  if (record.finished) {
    audit.refused({ outcome: 'not-running', reason: `job ${jobId} had already finished` });
    return noticeMessage(`Job \`${jobId}\` has already finished: nothing to cancel.`);
  }
  const { actor, problems } = await resolveActor(deps, userId);
  const decision = checkManageJob(deps.policy(), actor, record.header.requester, 'cancel');
  if (!decision.allowed) return refuse(audit, decision, problems);
  const pending = record.job.hosts.length - record.job.results().length;
  audit.accepted({
    action: 'cancel',
    outcome: 'cancelled',
    details: { role: decision.role, requester: record.header.requester, unfinished: pending },
  });
  record.reporter.noteCancelling(userId);
  record.job.cancel(`cancelled by ${userId}`);
  deps.log.info({ jobId, by: userId }, 'job cancelled from Slack');
  return noticeMessage(
    `Cancelling job \`${jobId}\`: queued devices will not run, running ones are being stopped.`,
  );
}
