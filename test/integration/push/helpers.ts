import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Stack, StackOptions } from '../../../src/demo/index.js';
import { startStack } from '../../../src/demo/index.js';
import type { Lab, LabDeviceSpec } from '../../../src/lab/index.js';
import type { StandinOptionsInput } from '../../../src/lab/slack/index.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../../src/slack/index.js';
import type { ApprovalRecord, AuditEntry } from '../../../src/store/index.js';
import { messageText, nextEphemeral } from '../slack/helpers.js';

export const CHANNEL = 'C0NETOPS01';
export const ALICE = 'U0ALICE001';
export const BOB = 'U0BOB00001';
export const CAROL = 'U0CAROL001';
export const DAVE = 'U0DAVE0001';
export const ERIN = 'U0ERIN0001';
export const FRANK = 'U0FRANK001';

export const POLICY_YAML = readFileSync(new URL('./policy.yaml', import.meta.url), 'utf8');

export const STANDIN: StandinOptionsInput = {
  users: [ALICE, BOB, CAROL, DAVE, ERIN, FRANK].map((id) => ({ id, name: id.slice(2, -3).toLowerCase() })),
  usergroups: { S0CAB00001: [ERIN], S0NETENG01: [FRANK] },
  // Pacing has its own tests; here Slack's rate limits would only make every thread take seconds.
  limits: { enforce: false },
};

/** Fast pacing: the tests wait on the thread, not on Slack's one-message-a-second. */
export const FAST = { replyIntervalMs: 20, updateIntervalMs: 50, updatesPerMinute: 6_000 };

export function ios(n: number, first = 1): LabDeviceSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `ios-${String(first + i).padStart(3, '0')}`,
    platform: 'cisco_ios',
  }));
}

export function startPushStack(
  devices: LabDeviceSpec[],
  options: Partial<StackOptions> = {},
): Promise<Stack> {
  return startStack({
    devices,
    policyYaml: POLICY_YAML,
    standin: STANDIN,
    pacing: FAST,
    ...options,
  });
}

export interface FormInput {
  lines: string;
  save?: boolean;
  canary?: string;
  stopAfter?: string;
  approvals?: string;
}

/** The modal's state as Slack submits it. */
export function formValues(input: FormInput): Record<string, Record<string, unknown>> {
  const number = (value: string | undefined) => ({ type: 'number_input', value: value ?? null });
  const save = input.save ?? true;
  return {
    [BLOCK_IDS.pushLinesInput]: { [ACTION_IDS.pushLines]: { type: 'plain_text_input', value: input.lines } },
    [BLOCK_IDS.pushSaveInput]: {
      [ACTION_IDS.pushSave]: { type: 'checkboxes', selected_options: save ? [{ value: 'save' }] : [] },
    },
    [BLOCK_IDS.pushCanaryInput]: { [ACTION_IDS.pushCanary]: number(input.canary ?? '1') },
    [BLOCK_IDS.pushStopAfterInput]: { [ACTION_IDS.pushStopAfter]: number(input.stopAfter ?? '1') },
    [BLOCK_IDS.pushApprovalsInput]: { [ACTION_IDS.pushApprovals]: number(input.approvals ?? '1') },
  };
}

/** `/netrun push <target>`: the modal must be open once the command is answered. */
export async function openPushModal(stack: Stack, user: string, target: string) {
  const before = stack.standin.views(user).length;
  const answer = await stack.driver.slashCommand({
    text: `push ${target}`,
    user_id: user,
    channel_id: CHANNEL,
  });
  expect(answer.status).toBe(200);
  expect(answer.ackMs).toBeLessThan(3_000);
  return stack.standin.waitFor(
    () => stack.standin.views(user).length > before && stack.standin.views(user).at(-1),
    {
      description: `the push modal for ${user}`,
    },
  );
}

/** Submits the latest push modal; the answer is Slack's 200 with an empty body (the modal closes). */
export async function submitPush(stack: Stack, user: string, form: FormInput) {
  return stack.driver.submitView({ user, callback_id: CALLBACK_IDS.pushRequest, values: formValues(form) });
}

/** The request the bot stores for `user`, once its message shows the buttons. */
export async function pendingApproval(
  stack: Stack,
  user: string,
  seen = 0,
  timeoutMs = 20_000,
): Promise<ApprovalRecord> {
  return stack.standin.waitFor(
    () => {
      const mine = stack.store.approvals.list({ limit: 1000 }).filter((a) => a.requester === user);
      if (mine.length <= seen) return undefined;
      const approval = mine[0]!;
      const message = approval.messageTs
        ? stack.standin.message(approval.channel, approval.messageTs)
        : undefined;
      return message && JSON.stringify(message.blocks).includes(ACTION_IDS.approvePush)
        ? approval
        : undefined;
    },
    { timeoutMs, description: `the approval message of ${user}'s push` },
  );
}

/** Request → modal → submit → the approval message with buttons. */
export async function requestPush(stack: Stack, user: string, target: string, form: FormInput) {
  const seen = stack.store.approvals.list({ limit: 1000 }).filter((a) => a.requester === user).length;
  await openPushModal(stack, user, target);
  const submitted = await submitPush(stack, user, form);
  expect(submitted.status).toBe(200);
  expect(submitted.body).toBe('');
  return pendingApproval(stack, user, seen);
}

function clickOn(stack: Stack, user: string, approval: ApprovalRecord, action: 'approve' | 'reject') {
  // value and block_id as the button has them: the message may already show the decision instead.
  return stack.driver.click({
    action_id: action === 'approve' ? ACTION_IDS.approvePush : ACTION_IDS.rejectPush,
    user,
    channel: approval.channel,
    message_ts: approval.messageTs!,
    value: approval.id,
    block_id: BLOCK_IDS.approvalActions,
  });
}

/** Clicks Approve or Reject on the request's message; resolves with the clicker's ephemeral answer. */
export async function click(
  stack: Stack,
  user: string,
  approval: ApprovalRecord,
  action: 'approve' | 'reject',
) {
  return nextEphemeral(
    stack.standin,
    user,
    async () => {
      const answer = await clickOn(stack, user, approval, action);
      expect(answer.status).toBe(200);
    },
    `${user}'s answer to the ${action} click`,
  );
}

/** Several Approve clicks at once; resolves with every answer the clickers got, in no particular order. */
export async function clickAtOnce(stack: Stack, users: readonly string[], approval: ApprovalRecord) {
  const distinct = [...new Set(users)];
  const before = new Map(distinct.map((u) => [u, stack.standin.ephemerals(u).length]));
  const answers = await Promise.all(users.map((user) => clickOn(stack, user, approval, 'approve')));
  for (const answer of answers) expect(answer.status).toBe(200);
  const expected = (user: string) => users.filter((u) => u === user).length;
  await stack.standin.waitFor(
    () => distinct.every((u) => stack.standin.ephemerals(u).length >= before.get(u)! + expected(u)),
    { description: 'an answer to every click' },
  );
  return distinct.flatMap((u) => stack.standin.ephemerals(u).slice(before.get(u)).map(messageText));
}

export function messageOf(stack: Stack, approval: ApprovalRecord): string {
  return messageText(stack.standin.message(approval.channel, approval.messageTs!)!);
}

/** Waits until the stored request reaches `status` (and its message says so). */
export function statusOf(stack: Stack, id: string, status: ApprovalRecord['status'], timeoutMs = 30_000) {
  return stack.standin.waitFor(
    () => stack.store.approvals.get(id)?.status === status && stack.store.approvals.get(id),
    {
      timeoutMs,
      description: `push ${id} to be ${status}`,
    },
  );
}

export function auditOf(stack: Stack, approvalId: string): AuditEntry[] {
  return stack.store.audit.query({ approvalId });
}

/** How many times `line` was typed on `device` (its command log, indentation ignored). */
export function typed(lab: Lab, device: string, line: string): number {
  return lab
    .device(device)
    .commands()
    .filter((c) => c.trim() === line.trim()).length;
}

/** The push job's thread, once its summary is posted (the job is found through the request). */
export async function pushThread(stack: Stack, approvalId: string, timeoutMs = 30_000) {
  const jobId = await stack.standin.waitFor(() => stack.store.approvals.get(approvalId)?.jobId, {
    timeoutMs,
    description: `push ${approvalId} to start a job`,
  });
  const record = await stack.standin.waitFor(() => stack.bot.jobs.get(jobId), { timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  const report = await Promise.race([
    record.reporter.done,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`push job ${jobId}: thread not finished`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  const approval = stack.store.approvals.get(approvalId)!;
  return { jobId, record, report, replies: stack.standin.thread(approval.channel, approval.messageTs!) };
}

/** Waits until the approval message contains `needle` (its updates are paced). */
export function messageSays(stack: Stack, approval: ApprovalRecord, needle: string, timeoutMs = 10_000) {
  return stack.standin.waitFor(
    () => messageOf(stack, approval).includes(needle) && messageOf(stack, approval),
    {
      timeoutMs,
      description: `the approval message to say "${needle}"`,
    },
  );
}
