import { checkManageJob } from '../../engine/index.js';
import { noticeMessage, refusalMessage, type SlackMessage } from '../blocks/index.js';
import { type ListenerDeps, resolveActor, withProblems } from './context.js';

/**
 * Cancel, from the button or `/netrun cancel <job>`: the requester or an admin only. Returns what to
 * tell the person who asked (ephemeral); the thread itself says the job was cancelled.
 */
export async function cancelJobFor(deps: ListenerDeps, userId: string, jobId: string): Promise<SlackMessage> {
  const record = deps.jobs.get(jobId);
  if (!record) {
    return refusalMessage(
      `There is no job \`${jobId}\` (it may have finished long ago, or netrun restarted). \`/netrun jobs\` lists running jobs.`,
    );
  }
  if (record.finished) return noticeMessage(`Job \`${jobId}\` has already finished: nothing to cancel.`);
  const { actor, problems } = await resolveActor(deps, userId);
  const decision = checkManageJob(deps.policy(), actor, record.header.requester, 'cancel');
  if (!decision.allowed) return refusalMessage(withProblems(decision.reason, problems));
  record.reporter.noteCancelling(userId);
  record.job.cancel(`cancelled by ${userId}`);
  deps.log.info({ jobId, by: userId }, 'job cancelled from Slack');
  return noticeMessage(
    `Cancelling job \`${jobId}\`: queued devices will not run, running ones are being stopped.`,
  );
}
