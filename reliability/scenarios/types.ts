/** What every scenario hands back: figures for the report, and the invariants it held netrun to. */
import { percentile } from '../../src/engine/index.js';

export interface Check {
  /** The invariant, in words ("every device in the thread exactly once"). */
  name: string;
  ok: boolean;
  /** What was found when it failed (names, counts), or a figure worth keeping when it held. */
  detail?: string;
}

export interface AckFigures {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ScenarioResult {
  /** Short name for the table ("device faults · run via Slack"). */
  name: string;
  devices: number;
  /** What was thrown at netrun, in words ("12 fault kinds × 10 devices"). */
  faults: string;
  /** How many faults actually fired (devices with a fault, Slack calls answered with one, kills). */
  faultsInjected: number;
  /** Device results neither in the thread nor named as missing (by the summary or a recovery notice). */
  lost: number;
  /** Extra result entries: a device shown more than once. */
  duplicates: number;
  /** Duplicates after Slack lost its answer to work it did (a retry posts again): measured, not checked. */
  expectedDuplicates?: number;
  ack?: AckFigures;
  /** Named durations in ms ("job": 6100, "thread": 14000). */
  times: Record<string, number>;
  checks: Check[];
  notes: string[];
}

export function check(name: string, ok: boolean, detail?: string): Check {
  return detail === undefined ? { name, ok } : { name, ok, detail };
}

export function failedChecks(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) =>
    r.checks.filter((c) => !c.ok).map((c) => `${r.name}: ${c.name}${c.detail ? ` — ${c.detail}` : ''}`),
  );
}

/** The engine's nearest-rank percentile of ms values, 0 when empty (a report cell, not a gap). */
export function percentileMs(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, p) ?? 0;
}

export function ackFigures(values: readonly number[]): AckFigures {
  return {
    count: values.length,
    p50Ms: percentileMs(values, 50),
    p99Ms: percentileMs(values, 99),
    maxMs: values.length > 0 ? Math.max(...values) : 0,
  };
}

/** `a, b, c … (+12)` for a detail line. */
export function few(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} … (+${names.length - max})`;
}

export type Progress = (line: string) => void;

/**
 * Polls `probe` every 25 ms until it gives a value: for state the bot keeps in memory, which fires no
 * event (the stand-in's waitFor looks again only when Slack is called, which can be a second apart).
 */
export async function poll<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
