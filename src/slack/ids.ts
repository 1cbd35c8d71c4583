/**
 * Every name Slack and netrun must agree on, in one place. manifest.yaml declares the same command
 * and request path (a unit test compares them), and Block Kit builders take their ids from here so a
 * renamed button cannot silently stop reaching its listener.
 */

/** The slash command as declared in manifest.yaml. */
export const SLASH_COMMAND = '/netrun';

/** Where Slack sends slash commands and interactions in HTTP mode (Socket Mode ignores it). */
export const EVENTS_PATH = '/slack/events';

/** Button `action_id`s. Later surfaces (push approval, modals) add theirs here. */
export const ACTION_IDS = {
  /** On a running job's parent message. */
  cancelJob: 'netrun_cancel_job',
  /** On a summary with failed devices. */
  retryFailed: 'netrun_retry_failed',
  /** On a push approval message (value: the approval id). */
  approvePush: 'netrun_approve_push',
  rejectPush: 'netrun_reject_push',
  /** Inputs of the push request modal (each in its own input block, see PUSH_FORM). */
  pushLines: 'netrun_push_lines',
  pushSave: 'netrun_push_save',
  pushCanary: 'netrun_push_canary',
  pushStopAfter: 'netrun_push_stop_after',
  pushApprovals: 'netrun_push_approvals',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** `block_id`s of the blocks that hold buttons (unique within a message). */
export const BLOCK_IDS = {
  jobActions: 'netrun_job_actions',
  summaryActions: 'netrun_summary_actions',
  approvalActions: 'netrun_approval_actions',
  /** The push modal's input blocks: `response_action: 'errors'` names them. */
  pushLinesInput: 'netrun_push_lines_block',
  pushSaveInput: 'netrun_push_save_block',
  pushCanaryInput: 'netrun_push_canary_block',
  pushStopAfterInput: 'netrun_push_stop_after_block',
  pushApprovalsInput: 'netrun_push_approvals_block',
} as const;

/**
 * `callback_id`s of modals and shortcuts; manifest.yaml must declare any shortcut listed (a modal's
 * callback_id needs no declaration).
 */
export const CALLBACK_IDS = {
  /** The `/netrun push <target>` modal. */
  pushRequest: 'netrun_push_request',
} as const;
