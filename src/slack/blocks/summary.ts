import { formatSummary, type JobSummary } from '../../engine/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import {
  type Block,
  codeBlock,
  context,
  escapeMrkdwn,
  inlineCode,
  nameList,
  plural,
  SECTION_MAX_CHARS,
  type SlackMessage,
  section,
  truncate,
} from './mrkdwn.js';
import type { JobHeader } from './parent.js';
import { summaryLine } from './status.js';

/** Device results Slack never took, and why (the last error Slack gave). */
export interface UnpostedResults {
  hosts: string[];
  reason: string;
}

export interface SummaryOptions {
  unposted?: readonly UnpostedResults[];
  cancelledBy?: string;
  /** Devices a Retry failed would run again (failed or timed out); no button when 0. */
  retryable: number;
}

export function retryButton(jobId: string, count: number): Block {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.summaryActions,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.retryFailed,
        text: { type: 'plain_text', text: `Retry failed (${count})` },
        value: jobId,
      },
    ],
  };
}

function unpostedSection(unposted: readonly UnpostedResults[]): Block | undefined {
  const hosts = unposted.flatMap((u) => u.hosts);
  if (hosts.length === 0) return undefined;
  const reasons = [...new Set(unposted.map((u) => u.reason))].join(', ');
  return section(
    `:warning: Slack did not take the results of ${plural(hosts.length, 'device')}: ${nameList(hosts, 1_500)} (Slack said: ${escapeMrkdwn(truncate(reasons, 300))}). Their results are in netrun's log under this job id.`,
  );
}

/** The last reply of a job's thread. */
export function summaryMessage(job: JobHeader, summary: JobSummary, options: SummaryOptions): SlackMessage {
  const table = formatSummary(summary, { hostsPerReason: 8 });
  const blocks: Block[] = [
    section(
      `:bar_chart: *Summary* · ${inlineCode(truncate(job.command, 300))} on *${escapeMrkdwn(truncate(job.target, 200))}* · job ${inlineCode(job.jobId)}`,
    ),
    section(codeBlock(truncate(table, SECTION_MAX_CHARS - 200))),
  ];
  const warning = unpostedSection(options.unposted ?? []);
  if (warning) blocks.push(warning);
  if (options.cancelledBy) blocks.push(context(`:no_entry_sign: cancelled by <@${options.cancelledBy}>`));
  if (options.retryable > 0) blocks.push(retryButton(job.jobId, options.retryable));
  return {
    text: `netrun summary: ${job.command} on ${job.target} — ${summaryLine(summary)}`.slice(0, 3_000),
    blocks,
  };
}

/** A message's blocks with the action block `blockId` replaced (a pressed button becomes a note). */
export function replaceActions(blocks: readonly Block[], blockId: string, replacement: Block): Block[] {
  return blocks.map((block) =>
    block.type === 'actions' && block.block_id === blockId ? replacement : block,
  );
}
