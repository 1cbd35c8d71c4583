import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../context.js';
import { registerApprovalButtons } from './buttons.js';
import { startExpirySweeps } from './expiry.js';
import { registerPushSubmit } from './submit.js';

export { approvalView, refreshApprovalMessage } from './approval-message.js';
export { type Click, decidePush } from './decide-push.js';
export { executeApproved } from './execute-push.js';
export { expireDue, recordExpiry, startExpirySweeps } from './expiry.js';
export { type PushInvocation, pushFor } from './open-modal.js';
export {
  type FormErrors,
  type FormResult,
  type PushForm,
  readModalContext,
  readPushForm,
} from './push-form.js';
export { type PushSubmission, requestPush } from './request-push.js';
export {
  type ApprovalSettings,
  approvalTtlMs,
  DEFAULT_APPROVAL_TTL_MS,
  DEFAULT_SWEEP_INTERVAL_MS,
} from './settings.js';

/** The push surfaces: the modal's submission, Approve and Reject, and the expiry sweeps. */
export function registerPushListeners(app: App, deps: ListenerDeps): void {
  registerPushSubmit(app, deps);
  registerApprovalButtons(app, deps);
  startExpirySweeps(deps);
}
