import type { DryRunRecord } from '../../push/index.js';
import type { ApprovalRecord } from '../../store/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import {
  type Block,
  codeBlock,
  context,
  escapeMrkdwn,
  inlineCode,
  MAX_BLOCKS,
  nameList,
  plural,
  SECTION_MAX_CHARS,
  type SlackMessage,
  section,
  truncate,
} from './mrkdwn.js';

/**
 * The approval message of a config push, drawn from what the store holds (so a restarted bot draws
 * the same message): who asks, which devices, the config (masked), the dry run, the expiry, and —
 * while pending — Approve and Reject. Later states replace the buttons with who decided and how
 * the push went.
 */

export interface ApprovalView {
  approval: ApprovalRecord;
  /** The config lines with secrets masked (the store keeps them as typed). */
  lines: readonly string[];
  /** Its `file` names the dry-run file in the thread, when the diffs are too long for the message. */
  dryRun?: DryRunRecord;
}

/** Diffs up to this size sit in the message; longer ones go to a file in the thread. */
const INLINE_DIFF_MAX_CHARS = 2_400;
/** Groups and failures listed in the message; the rest are counted. */
const APPROVAL_LIST_MAX = 8;

/** A time every reader sees in their own zone; the fallback is UTC. */
export function slackDate(ms: number): string {
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

interface RequestFacts {
  requester: string;
  target: string;
  lines: readonly string[];
  hosts: readonly string[];
}

/** The request's first line: the same while the dry run runs and on the approval message after it. */
function headline(a: RequestFacts): string {
  return `:memo: *Config push request* · <@${a.requester}> asks to push ${plural(a.lines.length, 'line')} to *${escapeMrkdwn(truncate(a.target, 200))}* · ${plural(a.hosts.length, 'device')}`;
}

/** A code block of at most `max` characters: escaping can grow the text, so the fence is measured. */
export function fitCode(text: string, max: number): string {
  let block = codeBlock(text);
  let body = text;
  while (block.length > max && body.length > 0) {
    body = body.slice(0, Math.floor(body.length * 0.8));
    block = codeBlock(`${body}\n… (cut)`);
  }
  return block;
}

/** The config as a code block that fits a section; a note says when it was cut. */
function configSection(lines: readonly string[], where: string): string {
  const title = `*Config* (${plural(lines.length, 'line')}, secrets masked):`;
  const text = lines.join('\n');
  const block = fitCode(text, SECTION_MAX_CHARS - title.length - 200);
  const cut = block === codeBlock(text) ? '' : `\n_The config is cut here; all of it is in ${where}._`;
  return `${title}\n${block}${cut}`;
}

function groupLines(dryRun: DryRunRecord): string[] {
  const out: string[] = [];
  for (const group of dryRun.groups.filter((g) => g.changes).slice(0, APPROVAL_LIST_MAX)) {
    const lines = group.newLines.map((line) => `+ ${line}`).join('\n');
    out.push(
      `:pencil2: *Would change* on ${nameList(group.hosts, 600)} (${plural(group.hosts.length, 'device')}${group.present > 0 ? `; ${group.present} of the lines already there` : ''}):\n${fitCode(lines, 1_500)}`,
    );
  }
  if (dryRun.compliant.length > 0)
    out.push(`:white_check_mark: *Already compliant:* ${nameList(dryRun.compliant, 1_000)}`);
  for (const failure of dryRun.failed.slice(0, APPROVAL_LIST_MAX)) {
    out.push(
      `:warning: *Could not be checked:* ${escapeMrkdwn(failure.host)} — ${inlineCode(failure.code)} ${escapeMrkdwn(truncate(failure.message, 300))}`,
    );
  }
  if (dryRun.failed.length > APPROVAL_LIST_MAX)
    out.push(`… and ${dryRun.failed.length - APPROVAL_LIST_MAX} more that could not be checked`);
  return out;
}

function diffBlock(view: ApprovalView): Block | undefined {
  const dryRun = view.dryRun;
  if (!dryRun || dryRun.diffs.length === 0) return undefined;
  if (dryRun.file) {
    return context(
      `:page_facing_up: Per-device diffs of the running configs: in the thread, ${inlineCode(dryRun.file)}`,
    );
  }
  const text = dryRun.diffs.map(diffText).join('\n');
  return section(`*Diff* (running config → after the push):\n${fitCode(text, SECTION_MAX_CHARS - 80)}`);
}

/** One diff, headed by every device it stands for when several share it. */
function diffText(entry: DryRunRecord['diffs'][number]): string {
  const diff = entry.diff.replace(/\n+$/, '');
  if (entry.hosts.length === 1) return diff;
  const names = `${entry.hosts.slice(0, 6).join(', ')}${entry.hosts.length > 6 ? ` and ${entry.hosts.length - 6} more` : ''}`;
  return `# ${names}: the same change (${entry.hosts.length} devices)\n${diff}`;
}

/** True when the diffs do not fit the message and must go to a file. */
export function diffsNeedFile(dryRun: DryRunRecord): boolean {
  if (dryRun.diffsTruncated) return true;
  const text = dryRun.diffs.map(diffText).join('\n');
  return codeBlock(text).length > INLINE_DIFF_MAX_CHARS;
}

function settings(a: ApprovalRecord): string {
  const o = a.options;
  const parts = [
    o.canary > 0 ? `canary: ${plural(o.canary, 'device')} first` : 'no canary',
    `stop after ${plural(o.stopAfterFailures, 'failure')}`,
    o.save ? 'save after push' : 'not saved',
    `${plural(a.requiredApprovals, 'approval')} needed`,
  ];
  return parts.join(' · ');
}

function approvalButtons(a: ApprovalRecord): Block {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.approvalActions,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.approvePush,
        text: { type: 'plain_text', text: 'Approve' },
        style: 'primary',
        value: a.id,
        confirm: {
          title: { type: 'plain_text', text: 'Approve this push?' },
          text: {
            type: 'plain_text',
            text: truncate(
              `netrun will send ${plural(a.lines.length, 'line')} to ${plural(a.hosts.length, 'device')} of ${a.target}.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Approve' },
          deny: { type: 'plain_text', text: 'Not yet' },
        },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.rejectPush,
        text: { type: 'plain_text', text: 'Reject' },
        style: 'danger',
        value: a.id,
      },
    ],
  };
}

function approvers(a: ApprovalRecord): string[] {
  return a.votes.filter((v) => v.decision === 'approve').map((v) => `<@${v.user}>`);
}

const OUTCOME_ICON = {
  done: ':white_check_mark:',
  failed: ':x:',
  cancelled: ':no_entry_sign:',
  interrupted: ':warning:',
} as const;

/** The line that says where the request stands (replacing the buttons once decided). */
function stateLine(a: ApprovalRecord): string {
  const by = approvers(a).join(', ');
  const when = a.decidedAt === undefined ? '' : ` ${slackDate(a.decidedAt)}`;
  switch (a.status) {
    case 'pending': {
      const votes =
        by === '' ? '' : ` · approved so far by ${by} (${approvers(a).length} of ${a.requiredApprovals})`;
      return `:hourglass_flowing_sand: Waiting for approval · expires ${slackDate(a.expiresAt)}${votes}`;
    }
    case 'approved':
      return `:white_check_mark: Approved by ${by}${when} · starting the push`;
    case 'executing':
      return `:white_check_mark: Approved by ${by}${when} · pushing now (job ${inlineCode(a.jobId ?? '?')}); results in the thread`;
    case 'finished': {
      const outcome = a.outcome;
      const icon = outcome ? OUTCOME_ICON[outcome.result] : ':grey_question:';
      const message = outcome?.message ? `: ${escapeMrkdwn(truncate(outcome.message, 600))}` : '';
      return `:white_check_mark: Approved by ${by}${when} · ${icon} push ${outcome?.result ?? 'finished'}${message} (job ${inlineCode(a.jobId ?? '?')})`;
    }
    case 'rejected':
      return a.decidedBy === a.requester
        ? `:no_entry_sign: Withdrawn by <@${a.requester}>${when}; nothing was pushed`
        : `:no_entry_sign: Rejected by <@${a.decidedBy ?? '?'}>${when}; nothing was pushed`;
    case 'expired':
      return `:hourglass: Expired${when} without ${a.requiredApprovals === 1 ? 'an approval' : 'enough approvals'}; nothing was pushed`;
  }
}

const STATE_WORD = {
  pending: 'waiting for approval',
  approved: 'approved',
  executing: 'approved, pushing',
  finished: 'pushed',
  rejected: 'rejected',
  expired: 'expired',
} as const;

export function approvalMessage(view: ApprovalView): SlackMessage {
  const a = view.approval;
  const file = view.dryRun?.file;
  const where = file ? `the thread's file ${inlineCode(file)}` : 'the request netrun keeps';
  const blocks: Block[] = [
    section(headline(a)),
    section(`*Devices:* ${nameList(a.hosts, 1_500)}`),
    section(configSection(view.lines, where)),
  ];
  if (view.dryRun) {
    blocks.push(section(`*Dry run:* ${escapeMrkdwn(view.dryRun.headline)}`));
    for (const line of groupLines(view.dryRun)) blocks.push(section(line));
  }
  const diff = diffBlock(view);
  if (diff) blocks.push(diff);
  blocks.push(context(settings(a), `request ${inlineCode(a.id)}`));
  const kept = blocks.slice(0, MAX_BLOCKS - 2);
  kept.push(context(stateLine(a)));
  if (a.status === 'pending') kept.push(approvalButtons(a));
  return {
    text: truncate(
      `netrun: config push to ${a.target} (${plural(a.hosts.length, 'device')}) requested by <@${a.requester}> — ${STATE_WORD[a.status]}`,
      3_000,
    ),
    blocks: kept,
  };
}

/** Posted at once on submit; replaced by the approval message when the dry run is done. */
export function dryRunRunningMessage(p: RequestFacts): SlackMessage {
  return {
    text: truncate(
      `netrun: config push to ${p.target} requested by <@${p.requester}> — dry run running`,
      3_000,
    ),
    blocks: [
      section(headline(p)),
      context(
        `:hourglass_flowing_sand: Dry run: reading the running config of ${plural(p.hosts.length, 'device')}… The Approve and Reject buttons appear when it is done.`,
      ),
    ],
  };
}

/** The dry run could not finish (netrun is stopping): no request was created. */
export function dryRunAbandonedMessage(p: {
  requester: string;
  target: string;
  reason: string;
}): SlackMessage {
  return {
    text: truncate(`netrun: config push to ${p.target} requested by <@${p.requester}> — not created`, 3_000),
    blocks: [
      section(
        `:memo: *Config push request* · <@${p.requester}> → *${escapeMrkdwn(truncate(p.target, 200))}*`,
      ),
      context(
        `:no_entry_sign: ${escapeMrkdwn(truncate(p.reason, 1_000))} Nothing was pushed; send the request again.`,
      ),
    ],
  };
}
