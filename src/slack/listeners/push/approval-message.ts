import { maskLines, readDryRunRecord } from '../../../push/index.js';
import { redactText } from '../../../redaction/index.js';
import type { ApprovalRecord } from '../../../store/index.js';
import { type ApprovalView, approvalMessage } from '../../blocks/index.js';
import type { UpdateScheduler } from '../../pacing/index.js';
import type { ListenerDeps } from '../context.js';

/** What the message builder needs from a stored request: its lines masked, its dry run read back. */
export function approvalView(approval: ApprovalRecord): ApprovalView {
  const dryRun = readDryRunRecord(approval.dryRun);
  return { approval, lines: maskLines(approval.lines, redactText), ...(dryRun ? { dryRun } : {}) };
}

/** Requests with an update queued but not yet sent: one more change needs no second update. */
const queued = new WeakMap<UpdateScheduler, Set<string>>();

/**
 * Redraws the approval message from the store. The message is drawn when the update is sent, not
 * when it is asked for, so of several quick changes (a vote, the decision, the outcome) the last
 * one is what Slack shows; chat.update goes through the workspace's update budget like progress.
 */
export function refreshApprovalMessage(deps: ListenerDeps, approvalId: string): Promise<boolean> {
  const approval = deps.store.approvals.get(approvalId);
  const ts = approval?.messageTs;
  if (!approval || ts === undefined) return Promise.resolve(false);
  const updates = deps.reporter.updates;
  const waiting = queued.get(updates) ?? new Set<string>();
  queued.set(updates, waiting);
  if (waiting.has(approvalId)) return Promise.resolve(true);
  waiting.add(approvalId);
  const tracked = updates.track(`approval:${approvalId}:${deps.now()}:${Math.random()}`);
  return tracked
    .finish(async () => {
      waiting.delete(approvalId);
      const latest = deps.store.approvals.get(approvalId) ?? approval;
      await deps.reporter.io.update({
        channel: latest.channel,
        ts,
        message: approvalMessage(approvalView(latest)),
      });
    })
    .then((sent) => {
      waiting.delete(approvalId);
      if (!sent) deps.log.warn({ approvalId }, 'the approval message could not be updated');
      return sent;
    });
}
