import type { ApprovalRecord } from '../../../store/index.js';
import { recordAudit } from '../../../store/index.js';
import type { ListenerDeps } from '../context.js';
import { refreshApprovalMessage } from './approval-message.js';
import { DEFAULT_SWEEP_INTERVAL_MS } from './settings.js';

/** An expiry, once: the audit trail says so (by netrun itself) and the message loses its buttons. */
export function recordExpiry(deps: ListenerDeps, approval: ApprovalRecord): void {
  recordAudit(deps, {
    actor: 'netrun',
    action: 'expire',
    channel: approval.channel,
    target: approval.target,
    approvalId: approval.id,
    outcome: 'expired',
    reason: `no decision within the time allowed (requested by ${approval.requester})`,
  });
  void refreshApprovalMessage(deps, approval.id);
}

/** Marks every request whose time is up as expired; returns them. */
export function expireDue(deps: ListenerDeps): ApprovalRecord[] {
  const expired = deps.store.approvals.expireDue(deps.now());
  for (const approval of expired) recordExpiry(deps, approval);
  return expired;
}

/**
 * Expired requests are found on a timer as well as on a click, so their messages stop offering
 * buttons even when nobody clicks (and after a restart). The first sweep runs at once. The timer
 * does not keep the process alive, and stops with `signal`.
 */
export function startExpirySweeps(deps: ListenerDeps): void {
  const signal = deps.approvals?.signal;
  if (signal?.aborted) return;
  const sweep = () => {
    try {
      expireDue(deps);
    } catch (error) {
      deps.log.warn({ err: error }, 'could not look for expired push requests');
    }
  };
  const first = setTimeout(sweep, 0);
  const timer = setInterval(sweep, deps.approvals?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  first.unref();
  timer.unref();
  signal?.addEventListener(
    'abort',
    () => {
      clearTimeout(first);
      clearInterval(timer);
    },
    { once: true },
  );
}
