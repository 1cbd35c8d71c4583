/**
 * The reliability report as Markdown (pure: unit-tested): one table row per scenario with the
 * figures the issue asks for, then every invariant that failed, then each scenario's notes.
 */
import { failedChecks, type ScenarioResult } from './scenarios/types.js';

export interface ReportContext {
  /** When the run started (ISO). */
  startedAt: string;
  /** How long the whole run took. */
  totalMs: number;
  /** `long` for `npm run reliability`, `fast` for the forms in `npm test`. */
  form: 'long' | 'fast';
  machine: { cpus: number; node: string; loadBefore: number; loadAfter: number };
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function ackCell(result: ScenarioResult): string {
  if (!result.ack || result.ack.count === 0) return '–';
  const { p50Ms, p99Ms, count } = result.ack;
  return count === 1 ? `${p50Ms.toFixed(0)} ms` : `${p50Ms.toFixed(0)} / ${p99Ms.toFixed(0)} ms (${count})`;
}

function duplicatesCell(result: ScenarioResult): string {
  const expected = result.expectedDuplicates;
  return expected === undefined
    ? String(result.duplicates)
    : `${result.duplicates} (+${expected} after lost answers)`;
}

function timesCell(result: ScenarioResult): string {
  const entries = Object.entries(result.times);
  return entries.length === 0 ? '–' : entries.map(([name, ms]) => `${name} ${formatSeconds(ms)}`).join(', ');
}

function checksCell(result: ScenarioResult): string {
  const failed = result.checks.filter((c) => !c.ok).length;
  return failed === 0
    ? `${result.checks.length}/${result.checks.length} ✓`
    : `**${failed} failed** of ${result.checks.length}`;
}

/** Pipes and newlines would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function reportTable(results: readonly ScenarioResult[]): string {
  const header = [
    '| Scenario | Devices | Faults tried | Fired | Lost | Duplicates | Ack p50 / p99 | Times | Checks |',
    '|---|---:|---|---:|---:|---:|---|---|---|',
  ];
  const rows = results.map((r) =>
    [
      '',
      r.name,
      String(r.devices),
      r.faults,
      String(r.faultsInjected),
      String(r.lost),
      duplicatesCell(r),
      ackCell(r),
      timesCell(r),
      checksCell(r),
      '',
    ]
      .map(cell)
      .join(' | ')
      .trim(),
  );
  return [...header, ...rows].join('\n');
}

export function formatReport(results: readonly ScenarioResult[], context: ReportContext): string {
  const failures = failedChecks(results);
  const { machine } = context;
  const busy = Math.max(machine.loadBefore, machine.loadAfter) > machine.cpus / 2;
  const lines = [
    '# netrun reliability report',
    '',
    `Written by \`npm run reliability\` (${context.form} form) on ${context.startedAt}; the run took ` +
      `${formatSeconds(context.totalMs)}. Machine: ${machine.cpus} CPUs, Node ${machine.node}, load average ` +
      `${machine.loadBefore.toFixed(2)} before and ${machine.loadAfter.toFixed(2)} after` +
      `${busy ? ' (busy: times are longer than on a quiet machine)' : ''}.`,
    '',
    'Lost: device results neither in the thread nor named as missing by the summary or a recovery notice. ' +
      'Duplicates: a device shown twice in a thread. "After lost answers" counts those where Slack did the ' +
      'work but its answer was lost (a 5xx or a cut connection after the message was stored), so a retry ' +
      'posted the reply again: Slack has no idempotency key, and netrun does not yet look in the thread ' +
      '(conversations.replies) before retrying.',
    '',
    reportTable(results),
    '',
    failures.length === 0
      ? `Every invariant held (${results.reduce((n, r) => n + r.checks.length, 0)} checks).`
      : ['**Failed invariants:**', '', ...failures.map((f) => `- ${f}`)].join('\n'),
    '',
    '## Notes',
    '',
    ...results.flatMap((r) => (r.notes.length === 0 ? [] : [`- **${r.name}**: ${r.notes.join('; ')}`])),
    '',
  ];
  return lines.join('\n');
}
