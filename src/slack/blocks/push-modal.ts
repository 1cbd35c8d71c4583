import type { types } from '@slack/bolt';
import { ROLLOUT_DEFAULTS, ROLLOUT_LIMITS } from '../../push/index.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../ids.js';
import {
  context,
  escapeKeepingMentions,
  escapeMrkdwn,
  nameList,
  plural,
  section,
  truncate,
} from './mrkdwn.js';

/**
 * The `/netrun push <target>` modal: the config lines and the rollout options. Opened at once from
 * the slash command (a trigger_id lives 3 s), so everything here is known without asking a device.
 */

export type ModalView = types.ModalView;

/** What the modal carries back to the submission (private_metadata, at most 3,000 characters). */
export interface PushModalContext {
  target: string;
  channel: string;
}

export interface PushModalRequest extends PushModalContext {
  hostNames: readonly string[];
  /** Slack's cap on the text box, said in the hint. */
  maxChars: number;
}

export const PUSH_DEFAULTS = { ...ROLLOUT_DEFAULTS, approvals: 1 } as const;
export const PUSH_MAX_APPROVALS = 5;

const TITLE = { type: 'plain_text', text: 'Config push' } as const;

function numberInput(
  blockId: string,
  actionId: string,
  label: string,
  hint: string,
  range: { initial: number; min: number; max: number },
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: {
      type: 'number_input',
      action_id: actionId,
      is_decimal_allowed: false,
      initial_value: String(range.initial),
      min_value: String(range.min),
      max_value: String(range.max),
    },
  };
}

function linesInput(maxChars: number): types.InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_IDS.pushLinesInput,
    label: { type: 'plain_text', text: 'Config lines' },
    hint: {
      type: 'plain_text',
      text: `One command per line, as typed in config mode; indent the lines under interface … with spaces. At most ${maxChars.toLocaleString('en-US')} characters (Slack's limit for this box): split a bigger change, or use \`netrun push --config-file\` in a terminal.`,
    },
    element: {
      type: 'plain_text_input',
      action_id: ACTION_IDS.pushLines,
      multiline: true,
      max_length: maxChars,
      placeholder: { type: 'plain_text', text: 'interface GigabitEthernet2\n description uplink to core' },
    },
  };
}

function saveInput(): types.InputBlock {
  const option = {
    text: { type: 'plain_text', text: 'Save the configuration after the push' },
    value: 'save',
  } as const;
  return {
    type: 'input',
    block_id: BLOCK_IDS.pushSaveInput,
    optional: true,
    label: { type: 'plain_text', text: 'Save' },
    element: {
      type: 'checkboxes',
      action_id: ACTION_IDS.pushSave,
      options: [option],
      ...(PUSH_DEFAULTS.save ? { initial_options: [option] } : {}),
    },
  };
}

export function pushModal(request: PushModalRequest): ModalView {
  const metadata: PushModalContext = { target: request.target, channel: request.channel };
  const who = `*${escapeMrkdwn(truncate(request.target, 200))}* selects ${plural(request.hostNames.length, 'device')}: ${nameList(request.hostNames, 1_200)}`;
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.pushRequest,
    private_metadata: JSON.stringify(metadata),
    title: TITLE,
    submit: { type: 'plain_text', text: 'Run the dry run' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(who),
      context(
        `netrun first reads each device's running config (a dry run, nothing is changed) and posts the request in <#${request.channel}> with what would change. Someone else on the approvers list must approve it before any line is sent.`,
      ),
      linesInput(request.maxChars),
      saveInput(),
      numberInput(
        BLOCK_IDS.pushCanaryInput,
        ACTION_IDS.pushCanary,
        'Canary devices',
        'Pushed first, alone; if any of them fails, no other device is touched. 0: no canary.',
        { initial: PUSH_DEFAULTS.canary, ...ROLLOUT_LIMITS.canary },
      ),
      numberInput(
        BLOCK_IDS.pushStopAfterInput,
        ACTION_IDS.pushStopAfter,
        'Stop after N failures',
        'Once this many devices have failed, no further device is started.',
        { initial: PUSH_DEFAULTS.stopAfterFailures, ...ROLLOUT_LIMITS.stopAfterFailures },
      ),
      numberInput(
        BLOCK_IDS.pushApprovalsInput,
        ACTION_IDS.pushApprovals,
        'Approvals needed',
        'Different people on the approvers list; never you.',
        { initial: PUSH_DEFAULTS.approvals, min: 1, max: PUSH_MAX_APPROVALS },
      ),
    ],
  };
}

/** Shown while netrun checks who may push (a user group lookup); replaced by the form or a refusal. */
export function pushCheckingModal(target: string): ModalView {
  return {
    type: 'modal',
    title: TITLE,
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        `:hourglass_flowing_sand: Checking your \`push\` permission for *${escapeMrkdwn(truncate(target, 200))}*…`,
      ),
    ],
  };
}

export function pushRefusalModal(reason: string): ModalView {
  return {
    type: 'modal',
    title: TITLE,
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(`:no_entry: ${escapeKeepingMentions(truncate(reason, 2_900))}`)],
  };
}
