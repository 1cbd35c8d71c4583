/**
 * A config push the way people do it in Slack: `/netrun push <target>`, the modal, the dry run, the
 * approval message with its buttons, and someone else's Approve click.
 */
import type { SlackDriver, SlackStandin } from '../../src/lab/slack/index.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../src/slack/index.js';
import type { ApprovalRecord } from '../../src/store/index.js';

export interface PushRequest {
  requester: string;
  channel: string;
  target: string;
  lines: string[];
  /** Devices pushed to first (0 = none). */
  canary: number;
  stopAfterFailures: number;
}

export interface PushFlowDeps {
  driver: SlackDriver;
  standin: SlackStandin;
  /** The bot's stored requests (its store, or a second connection to its database). */
  approvals: () => ApprovalRecord[];
}

function formValues(request: PushRequest): Record<string, Record<string, unknown>> {
  const number = (value: number) => ({ type: 'number_input', value: String(value) });
  return {
    [BLOCK_IDS.pushLinesInput]: {
      [ACTION_IDS.pushLines]: { type: 'plain_text_input', value: request.lines.join('\n') },
    },
    [BLOCK_IDS.pushSaveInput]: {
      [ACTION_IDS.pushSave]: { type: 'checkboxes', selected_options: [{ value: 'save' }] },
    },
    [BLOCK_IDS.pushCanaryInput]: { [ACTION_IDS.pushCanary]: number(request.canary) },
    [BLOCK_IDS.pushStopAfterInput]: { [ACTION_IDS.pushStopAfter]: number(request.stopAfterFailures) },
    [BLOCK_IDS.pushApprovalsInput]: { [ACTION_IDS.pushApprovals]: number(1) },
  };
}

/** Command → modal → submit; resolves with the stored request once its message shows the buttons. */
export async function requestPush(
  deps: PushFlowDeps,
  request: PushRequest,
  timeoutMs = 120_000,
): Promise<{ approval: ApprovalRecord; ackMs: number }> {
  const { driver, standin } = deps;
  const seen = new Set(deps.approvals().map((a) => a.id));
  const views = standin.views(request.requester).length;
  const answer = await driver.slashCommand({
    text: `push ${request.target}`,
    user_id: request.requester,
    channel_id: request.channel,
  });
  if (answer.status !== 200) throw new Error(`/netrun push answered HTTP ${answer.status}: ${answer.body}`);
  await standin.waitFor(() => standin.views(request.requester).length > views, {
    timeoutMs: 10_000,
    description: 'the push modal',
  });
  const submitted = await driver.submitView({
    user: request.requester,
    callback_id: CALLBACK_IDS.pushRequest,
    values: formValues(request),
  });
  if (submitted.status !== 200 || submitted.body !== '')
    throw new Error(`the push modal was not accepted: HTTP ${submitted.status} ${submitted.body}`);
  const approval = await standin.waitFor(
    () => {
      const fresh = deps.approvals().find((a) => !seen.has(a.id) && a.messageTs !== undefined);
      const message = fresh && standin.message(fresh.channel, fresh.messageTs!);
      return message && JSON.stringify(message.blocks).includes(ACTION_IDS.approvePush) ? fresh : undefined;
    },
    { timeoutMs, description: 'the approval message with its buttons (after the dry run)' },
  );
  return { approval, ackMs: answer.ackMs };
}

/** Approve, by `user`, on the request's message. */
export async function approvePush(deps: PushFlowDeps, approval: ApprovalRecord, user: string) {
  const answer = await deps.driver.click({
    action_id: ACTION_IDS.approvePush,
    user,
    channel: approval.channel,
    message_ts: approval.messageTs!,
    value: approval.id,
    block_id: BLOCK_IDS.approvalActions,
  });
  if (answer.status !== 200) throw new Error(`the Approve click answered HTTP ${answer.status}`);
  return answer;
}
