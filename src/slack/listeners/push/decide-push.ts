import { checkApprove, checkChannel, type Decision } from '../../../engine/index.js';
import type { DecideOutcome, Decision as Vote } from '../../../store/index.js';
import { recordAudit } from '../../../store/index.js';
import { noticeMessage, refusalMessage, type SlackMessage } from '../../blocks/index.js';
import { type ListenerDeps, resolveActor, withProblems } from '../context.js';
import { refreshApprovalMessage } from './approval-message.js';
import { executeApproved, hostsNow } from './execute-push.js';
import { recordExpiry } from './expiry.js';

export interface Click {
  approvalId: string;
  userId: string;
  decision: Vote;
  /** Where the button was (the click's channel). */
  channel: string;
}

/**
 * One click on Approve or Reject. The store decides in a transaction (expired, decided, self,
 * approver, second vote); the policy only says whether the clicker is an approver for every device.
 * Every click leaves an audit entry; what the clicker is told is ephemeral.
 */
export async function decidePush(deps: ListenerDeps, click: Click): Promise<SlackMessage> {
  const approval = deps.store.approvals.get(click.approvalId);
  if (!approval) {
    audit(deps, click, 'not-found');
    return refusalMessage(`There is no push request \`${click.approvalId}\` in netrun's store.`);
  }
  const channel = checkChannel(deps.policy(), click.channel || approval.channel);
  if (!channel.allowed) {
    audit(deps, click, 'refused', channel.reason, approval.target);
    return refusalMessage(channel.reason);
  }
  const verdict = await approverVerdict(deps, click.userId, approval.hosts);
  const outcome = deps.store.approvals.decide({
    id: click.approvalId,
    user: click.userId,
    decision: click.decision,
    now: deps.now(),
    isApprover: verdict.allowed,
  });
  return answer(deps, click, outcome, verdict);
}

async function approverVerdict(
  deps: ListenerDeps,
  userId: string,
  names: readonly string[],
): Promise<Decision & { problems?: string[] }> {
  const { hosts, missing } = hostsNow(deps, names);
  if (missing.length > 0) {
    return {
      allowed: false,
      missing: 'approve',
      reason: `This request names devices the inventory no longer has (${missing.slice(0, 5).join(', ')}), so nobody can approve it. Reject it and request the push again.`,
    };
  }
  const { actor, problems } = await resolveActor(deps, userId);
  return { ...checkApprove(deps.policy(), actor, hosts), problems };
}

function answer(
  deps: ListenerDeps,
  click: Click,
  outcome: DecideOutcome,
  verdict: Decision & { problems?: string[] },
): SlackMessage {
  if (outcome.kind === 'not-found') {
    audit(deps, click, 'not-found');
    return refusalMessage(`There is no push request \`${click.approvalId}\` in netrun's store.`);
  }
  const a = outcome.approval;
  const target = a.target;
  switch (outcome.kind) {
    case 'approved': {
      const jobId = executeApproved(deps, a);
      audit(deps, click, 'approved', undefined, target, jobId);
      return noticeMessage(
        `You approved push \`${a.id}\`: netrun is pushing to ${a.hosts.length} device(s) now; results follow in the request's thread.`,
      );
    }
    case 'vote-recorded':
      audit(deps, click, 'vote-recorded', `${outcome.approvals} of ${outcome.required}`, target);
      void refreshApprovalMessage(deps, a.id);
      return noticeMessage(
        `Your approval of push \`${a.id}\` is recorded: ${outcome.approvals} of ${outcome.required} needed.`,
      );
    case 'rejected':
      audit(deps, click, 'rejected', undefined, target);
      void refreshApprovalMessage(deps, a.id);
      return noticeMessage(`Push \`${a.id}\` is rejected: nothing will be pushed.`);
    case 'already-decided': {
      audit(deps, click, 'already-decided', a.status, target);
      const by = outcome.by ? ` by <@${outcome.by}>` : '';
      const word = outcome.status === 'rejected' ? 'rejected' : 'approved';
      return noticeMessage(`Push \`${a.id}\` was already ${word}${by}; your click changed nothing.`);
    }
    case 'expired':
      if (outcome.justExpired) recordExpiry(deps, a);
      audit(deps, click, 'expired', undefined, target);
      return noticeMessage(
        `Push \`${a.id}\` expired without ${a.requiredApprovals === 1 ? 'an approval' : 'enough approvals'}; nothing was pushed and your click changed nothing. Request it again if it is still needed.`,
      );
    case 'self-approval':
      audit(deps, click, 'self-approval', 'the requester cannot approve their own push', target);
      return refusalMessage(
        'You requested this push, so you cannot approve it: someone else on the approvers list must. (You may Reject it to withdraw it.)',
      );
    case 'not-approver': {
      const reason = verdict.allowed
        ? 'not an approver'
        : withProblems(verdict.reason, verdict.problems ?? []);
      audit(deps, click, 'not-approver', reason, target);
      return refusalMessage(reason);
    }
    case 'duplicate-vote':
      audit(deps, click, 'duplicate-vote', undefined, target);
      return noticeMessage(
        `You already voted on push \`${a.id}\`; it still needs ${a.requiredApprovals - a.votes.filter((v) => v.decision === 'approve').length} more approval(s) from other people.`,
      );
  }
}

function audit(
  deps: ListenerDeps,
  click: Click,
  outcome: string,
  reason?: string,
  target?: string,
  jobId?: string,
): void {
  recordAudit(deps, {
    actor: click.userId,
    action: click.decision,
    channel: click.channel,
    approvalId: click.approvalId,
    outcome,
    ...(reason ? { reason } : {}),
    ...(target ? { target } : {}),
    ...(jobId ? { jobId } : {}),
    details: { via: 'button' },
  });
}
