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
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** `block_id`s of the blocks that hold buttons (unique within a message). */
export const BLOCK_IDS = {
  jobActions: 'netrun_job_actions',
  summaryActions: 'netrun_summary_actions',
} as const;

/**
 * `callback_id`s of modals and shortcuts. None yet: the push request modal (issue 6) goes here,
 * and manifest.yaml must declare any shortcut listed.
 */
export const CALLBACK_IDS = {} as const;
