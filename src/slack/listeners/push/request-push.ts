import type { webApi } from '@slack/bolt';
import { checkChannel, checkPush } from '../../../engine/index.js';
import { type Host, selectTargets } from '../../../inventory/index.js';
import {
  type DryRun,
  type DryRunRecord,
  dryRunText,
  maskLines,
  pushCommandText,
  runDryRun,
  toDryRunRecord,
} from '../../../push/index.js';
import { redactText } from '../../../redaction/index.js';
import type { Json } from '../../../store/index.js';
import { recordAudit } from '../../../store/index.js';
import {
  codeBlock,
  diffsNeedFile,
  dryRunAbandonedMessage,
  dryRunRunningMessage,
  SECTION_MAX_CHARS,
  type SlackMessage,
} from '../../blocks/index.js';
import { slackErrorCode } from '../../membership.js';
import { type ListenerDeps, resolveActor } from '../context.js';
import {
  createRequestAudit,
  type RequestAudit,
  refuse,
  refuseWith,
  targetRefusal,
} from '../request-audit.js';
import { refreshApprovalMessage } from './approval-message.js';
import type { PushForm } from './push-form.js';
import { approvalTtlMs, configStyles, newApprovalId } from './settings.js';
import { tellUser } from './tell-user.js';

export interface PushSubmission {
  userId: string;
  channel: string;
  target: string;
  form: PushForm;
}

/**
 * After the modal closed: everything is checked again (the policy or inventory may have changed,
 * and a submission can be forged), a message shows the request at once, the dry run reads every
 * device, and the request is stored and shown with its buttons. Refusals reach the user
 * ephemerally; every refusal and the request itself go into the audit trail.
 */
export async function requestPush(deps: ListenerDeps, client: webApi.WebClient, submission: PushSubmission) {
  const where = { channel: submission.channel, user: submission.userId };
  const audit = createRequestAudit(deps, {
    actor: submission.userId,
    channel: submission.channel,
    request: 'push',
    via: 'slash',
    target: submission.target,
    command: pushCommandText(submission.form.lines),
  });
  const checked = await check(deps, submission, audit);
  if ('refusal' in checked) return tellUser(deps, client, where, checked.refusal);
  let ts: string;
  try {
    ts = await deps.reporter.lanes.post(submission.channel, () =>
      deps.reporter.io.post({
        channel: submission.channel,
        message: dryRunRunningMessage({
          requester: submission.userId,
          target: submission.target,
          hosts: checked.hosts.map((h) => h.name),
          lines: submission.form.lines,
        }),
      }),
    );
  } catch (error) {
    const reason = slackErrorCode(error);
    const fix =
      reason === 'not_in_channel' ? ' Invite netrun to this channel (`/invite @netrun`) and try again.' : '';
    return tellUser(
      deps,
      client,
      where,
      refuseWith(
        audit,
        'error',
        `netrun could not post the push request in this channel (Slack said: ${reason}).${fix}`,
      ),
    );
  }
  await dryRunAndAsk(deps, { ...submission, hosts: checked.hosts, ts, audit });
}

async function check(
  deps: ListenerDeps,
  submission: PushSubmission,
  audit: RequestAudit,
): Promise<{ hosts: Host[] } | { refusal: SlackMessage }> {
  const channel = checkChannel(deps.policy(), submission.channel);
  if (!channel.allowed) return { refusal: refuse(audit, channel) };
  let hosts: Host[];
  try {
    hosts = selectTargets(deps.inventory(), submission.target);
  } catch (error) {
    return { refusal: targetRefusal(error, audit) };
  }
  const { actor, problems } = await resolveActor(deps, submission.userId);
  const decision = checkPush(deps.policy(), actor, hosts);
  if (!decision.allowed) return { refusal: refuse(audit, decision, problems) };
  return { hosts };
}

interface Pending extends PushSubmission {
  hosts: Host[];
  /** The request's message. */
  ts: string;
  audit: RequestAudit;
}

async function dryRunAndAsk(deps: ListenerDeps, request: Pending): Promise<void> {
  const dryRun = await runDryRun(
    { runner: deps.runner, taskFor: deps.taskFor, configStyleOf: await configStyles(deps.approvals) },
    {
      hosts: request.hosts,
      lines: request.form.lines,
      meta: { source: 'slack', requester: request.userId, target: request.target },
    },
  );
  if (dryRun.cancelled) {
    request.audit.refused({ outcome: 'error', reason: 'the dry run was cancelled (netrun is stopping)' });
    await updateMessage(
      deps,
      request,
      dryRunAbandonedMessage({
        requester: request.userId,
        target: request.target,
        reason: 'The dry run was cancelled: netrun is stopping.',
      }),
    );
    return;
  }
  const id = newApprovalId(deps.approvals);
  const masked = maskLines(request.form.lines, redactText);
  const record = withFile(toDryRunRecord(dryRun, redactText), masked, id);
  store(deps, request, id, record);
  recordRequest(deps, request, id, record, masked);
  await refreshApprovalMessage(deps, id);
  if (record.file) await attachDryRun(deps, request, record.file, masked, dryRun);
}

/** The whole dry run goes to a file when the diffs or the config do not fit the message. */
function withFile(record: DryRunRecord, masked: readonly string[], id: string): DryRunRecord {
  const configFits = codeBlock(masked.join('\n')).length <= SECTION_MAX_CHARS - 300;
  return diffsNeedFile(record) || !configFits ? { ...record, file: `netrun-push-${id}-dry-run.txt` } : record;
}

function store(deps: ListenerDeps, request: Pending, id: string, record: DryRunRecord): void {
  const { form } = request;
  deps.store.approvals.create({
    id,
    requester: request.userId,
    channel: request.channel,
    target: request.target,
    hosts: request.hosts.map((h) => h.name),
    lines: form.lines,
    options: { save: form.save, canary: form.canary, stopAfterFailures: form.stopAfterFailures },
    dryRun: record as unknown as Json,
    requiredApprovals: form.requiredApprovals,
    expiresAt: deps.now() + approvalTtlMs(deps.approvals),
  });
  deps.store.approvals.setMessage(id, request.ts);
}

function recordRequest(
  deps: ListenerDeps,
  request: Pending,
  id: string,
  record: DryRunRecord,
  masked: readonly string[],
): void {
  const { form } = request;
  recordAudit(deps, {
    actor: request.userId,
    action: 'approval-request',
    channel: request.channel,
    target: request.target,
    command: pushCommandText(form.lines),
    approvalId: id,
    outcome: 'pending',
    reason: record.headline,
    details: {
      devices: request.hosts.length,
      lines: masked.slice(0, 200),
      save: form.save,
      canary: form.canary,
      stopAfterFailures: form.stopAfterFailures,
      requiredApprovals: form.requiredApprovals,
      changing: record.changing.length,
      compliant: record.compliant.length,
      unchecked: record.failed.length,
    },
  });
}

async function attachDryRun(
  deps: ListenerDeps,
  request: Pending,
  filename: string,
  masked: readonly string[],
  dryRun: DryRun,
): Promise<void> {
  const content = `Config (${masked.length} lines, secrets masked):\n${masked.join('\n')}\n\n${dryRunText(dryRun)}`;
  try {
    await deps.reporter.lanes.post(request.channel, () =>
      deps.reporter.io.upload({
        channel: request.channel,
        threadTs: request.ts,
        file: { filename, title: `Dry run of the push to ${request.target}`, content, hosts: [] },
        comment: `Dry run: ${dryRun.summary.headline}`,
      }),
    );
  } catch (error) {
    deps.log.warn({ err: error, filename }, 'could not attach the dry run to the approval thread');
  }
}

async function updateMessage(deps: ListenerDeps, request: Pending, message: SlackMessage): Promise<void> {
  try {
    await deps.reporter.io.update({ channel: request.channel, ts: request.ts, message });
  } catch (error) {
    deps.log.warn({ err: error }, 'could not update the push request message');
  }
}
