import { formatDuration, type JobSummary } from '../../engine/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../ids.js';
import {
  type Block,
  context,
  escapeMrkdwn,
  inlineCode,
  plural,
  type SlackMessage,
  section,
  truncate,
} from './mrkdwn.js';
import { progressBar, summaryLine } from './status.js';

/** What a job's messages say about the request itself. */
export interface JobHeader {
  jobId: string;
  /** Slack user ID of the requester. */
  requester: string;
  command: string;
  target: string;
  hostCount: number;
  /** Set when the job re-runs another job's failed devices. */
  retryOf?: string;
}

export interface JobProgress {
  done: number;
  ok: number;
  /** Failed or timed out. */
  failed: number;
  cancelled: number;
  elapsedMs: number;
  /** Who pressed Cancel, while the running devices wind down. */
  cancellingBy?: string;
}

function headline(job: JobHeader): string {
  const retry = job.retryOf ? ` (retry of the failed devices of job ${inlineCode(job.retryOf)})` : '';
  return `<@${job.requester}> ran ${inlineCode(truncate(job.command, 500))} on *${escapeMrkdwn(truncate(job.target, 300))}* · ${plural(job.hostCount, 'device')}${retry}`;
}

/** Notification text: what the job is, without markup that would show raw in a notification. */
function fallbackText(job: JobHeader, state: string): string {
  return truncate(
    `netrun: ${job.command} on ${job.target} (${plural(job.hostCount, 'device')}) — ${state}`,
    3_000,
  );
}

export function cancelButton(jobId: string): Block {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.jobActions,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.cancelJob,
        text: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
        value: jobId,
        confirm: {
          title: { type: 'plain_text', text: 'Cancel this job?' },
          text: { type: 'plain_text', text: 'Devices still queued will not run; running ones are stopped.' },
          confirm: { type: 'plain_text', text: 'Cancel job' },
          deny: { type: 'plain_text', text: 'Keep running' },
        },
      },
    ],
  };
}

/** The parent message while the job runs: live progress and a Cancel button. */
export function runningParent(job: JobHeader, progress: JobProgress): SlackMessage {
  const state = progress.cancellingBy
    ? `:octagonal_sign: cancelling (asked by <@${progress.cancellingBy}>)`
    : ':hourglass_flowing_sand: running';
  const tally = [`${progress.done}/${job.hostCount} done`, `${progress.ok} ok`];
  if (progress.failed > 0) tally.push(`${progress.failed} failed`);
  if (progress.cancelled > 0) tally.push(`${progress.cancelled} cancelled`);
  tally.push(formatDuration(progress.elapsedMs));
  const blocks: Block[] = [
    section(headline(job)),
    context(
      `${state} · ${progressBar(progress.done, job.hostCount)}`,
      tally.join(' · '),
      `job ${inlineCode(job.jobId)}`,
    ),
  ];
  if (!progress.cancellingBy) blocks.push(cancelButton(job.jobId));
  return { text: fallbackText(job, `${progress.done}/${job.hostCount} done`), blocks };
}

/** The parent message once the summary is in the thread: the summary line, no buttons. */
export function finishedParent(job: JobHeader, summary: JobSummary, cancelledBy?: string): SlackMessage {
  const icon = summary.notOk === 0 ? ':white_check_mark:' : cancelledBy ? ':no_entry_sign:' : ':warning:';
  const cancelled = cancelledBy ? ` · cancelled by <@${cancelledBy}>` : '';
  const line = `${icon} done · ${summaryLine(summary)}${cancelled}`;
  return {
    text: fallbackText(job, `done: ${summaryLine(summary)}`),
    blocks: [section(headline(job)), context(line, `job ${inlineCode(job.jobId)} · summary in the thread`)],
  };
}
