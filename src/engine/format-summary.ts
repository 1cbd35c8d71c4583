import type { JobSummary, ReasonCount } from './summary.js';

export interface FormatSummaryOptions {
  /** Device names listed per failure reason before "+N more" (default 5). */
  hostsPerReason?: number;
}

/** "850 ms", "12.4 s", "3 m 05 s": precise where it matters, short where it does not. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${minutes} m ${seconds} s`;
}

/**
 * The summary as a few aligned lines for a terminal: counts, wall time and speed-up, device-time
 * percentiles, slowest devices, then one line per failure reason. No colour and no trailing
 * newline, so callers decide how it is framed.
 */
export function formatSummary(summary: JobSummary, options: FormatSummaryOptions = {}): string {
  const rows: [label: string, text: string][] = [
    ['devices', deviceCounts(summary)],
    ['wall time', wallLine(summary)],
    ['device time', percentileLine(summary)],
    ['concurrency', `${summary.concurrency.configured} configured, ${summary.concurrency.peak} peak`],
  ];
  if (summary.slowest.length > 0) {
    rows.push([
      'slowest',
      summary.slowest.map((device) => `${device.host} ${formatDuration(device.ms)}`).join(', '),
    ]);
  }
  summary.byReason.forEach((reason, index) => {
    rows.push([index === 0 ? 'not ok' : '', reasonLine(reason, options.hostsPerReason ?? 5)]);
  });
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`).join('\n');
}

function deviceCounts(summary: JobSummary): string {
  const parts = [`${summary.total} total`, `${summary.ok} ok`];
  for (const status of ['failed', 'timeout', 'cancelled'] as const) {
    if (summary.byStatus[status] > 0) parts.push(`${summary.byStatus[status]} ${status}`);
  }
  return parts.join(' · ');
}

function wallLine(summary: JobSummary): string {
  const speedUp = summary.speedUp === null ? '–' : `${summary.speedUp.toFixed(1)}×`;
  return `${formatDuration(summary.wallMs)} (device time summed ${formatDuration(summary.deviceMsSum)}, speed-up ${speedUp})`;
}

function percentileLine(summary: JobSummary): string {
  if (summary.started === 0) return 'no device ran';
  return [
    `p50 ${formatDuration(summary.p50Ms)}`,
    `p95 ${formatDuration(summary.p95Ms)}`,
    `max ${formatDuration(summary.maxMs)}`,
  ].join(' · ');
}

function reasonLine(reason: ReasonCount, hostsShown: number): string {
  const shown = reason.hosts.slice(0, hostsShown).join(', ');
  const more = reason.hosts.length > hostsShown ? ` +${reason.hosts.length - hostsShown} more` : '';
  return `${String(reason.count).padStart(4)}  ${reason.title} (${reason.code}): ${shown}${more}`;
}
