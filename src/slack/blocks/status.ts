import { formatDuration, type HostStatus, type JobSummary } from '../../engine/index.js';
import { plural } from './mrkdwn.js';

/** Slack emoji codes: readable as text in a transcript, rendered as emoji in Slack. */
export const STATUS_EMOJI: Record<HostStatus, string> = {
  ok: ':white_check_mark:',
  failed: ':x:',
  timeout: ':hourglass:',
  cancelled: ':no_entry_sign:',
};

export const STATUS_WORD: Record<HostStatus, string> = {
  ok: 'ok',
  failed: 'failed',
  timeout: 'timed out',
  cancelled: 'cancelled',
};

/** `12 devices · 11 ok · 1 failed · 4.2 s` — the line that finishes the parent message. */
export function summaryLine(summary: JobSummary): string {
  const parts = [plural(summary.total, 'device'), `${summary.ok} ok`];
  if (summary.byStatus.failed > 0) parts.push(`${summary.byStatus.failed} failed`);
  if (summary.byStatus.timeout > 0) parts.push(`${summary.byStatus.timeout} timed out`);
  if (summary.byStatus.cancelled > 0) parts.push(`${summary.byStatus.cancelled} cancelled`);
  parts.push(formatDuration(summary.wallMs));
  return parts.join(' · ');
}

/** A text progress bar: `▓▓▓▓▓░░░░░ 50%`. */
export function progressBar(done: number, total: number, width = 20): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(fraction * 100)}%`;
}
