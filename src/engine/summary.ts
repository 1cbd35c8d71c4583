import { ERROR_CATALOGUE, type ErrorCode } from '../errors.js';
import { percentile, sortAscending } from './percentiles.js';
import type { HostResult, HostStatus } from './types.js';

export interface ReasonCount {
  code: ErrorCode;
  title: string;
  count: number;
  /** Device names in the order their results arrived. */
  hosts: string[];
}

export interface SlowDevice {
  host: string;
  ms: number;
}

export interface JobSummary {
  total: number;
  ok: number;
  /** Every device that did not end `ok` (failed, timed out, cancelled or not run). */
  notOk: number;
  byStatus: Record<HostStatus, number>;
  /** Devices that did not end `ok`, by error code; most frequent first. */
  byReason: ReasonCount[];
  /** Devices that got a slot; the device-time figures below cover only these. */
  started: number;
  wallMs: number;
  /** Sum of the devices' totalMs (slot → done). */
  deviceMsSum: number;
  /** deviceMsSum ÷ wallMs: how many devices were effectively in flight. Null when nothing ran. */
  speedUp: number | null;
  /** Nearest-rank percentiles of the devices' totalMs (see percentile()). Null when nothing ran. */
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Slowest first. */
  slowest: SlowDevice[];
  concurrency: { configured: number; peak: number };
}

export interface SummariseOptions {
  wallMs: number;
  /** The job's configured cap. */
  concurrency: number;
  /** The peak the runner observed; when absent it is derived from the results' start/finish times. */
  peakConcurrency?: number;
  /** How many slowest devices to list (default 5). */
  slowest?: number;
}

/** A non-ok result always counts under some code, even if whoever built it forgot the error. */
const FALLBACK_CODE: Record<HostStatus, ErrorCode> = {
  ok: 'INTERNAL',
  failed: 'INTERNAL',
  timeout: 'HOST_TIMEOUT',
  cancelled: 'CANCELLED',
};

export function summarise(results: readonly HostResult[], options: SummariseOptions): JobSummary {
  const byStatus: Record<HostStatus, number> = { ok: 0, failed: 0, timeout: 0, cancelled: 0 };
  for (const result of results) byStatus[result.status] += 1;
  const ran = results.filter(hasStarted);
  const durations = sortAscending(ran.map((result) => result.timings.totalMs));
  const deviceMsSum = durations.reduce((sum, ms) => sum + ms, 0);
  const wallMs = Math.max(0, options.wallMs);
  return {
    total: results.length,
    ok: byStatus.ok,
    notOk: results.length - byStatus.ok,
    byStatus,
    byReason: countReasons(results),
    started: ran.length,
    wallMs,
    deviceMsSum,
    speedUp: wallMs > 0 && ran.length > 0 ? deviceMsSum / wallMs : null,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    maxMs: durations.at(-1) ?? null,
    slowest: slowestDevices(ran, options.slowest ?? 5),
    concurrency: { configured: options.concurrency, peak: options.peakConcurrency ?? peakOverlap(ran) },
  };
}

export function hasStarted(result: HostResult): boolean {
  return result.started !== false;
}

function countReasons(results: readonly HostResult[]): ReasonCount[] {
  const byCode = new Map<ErrorCode, ReasonCount>();
  for (const result of results) {
    if (result.status === 'ok') continue;
    const code = result.error?.code ?? FALLBACK_CODE[result.status];
    let entry = byCode.get(code);
    if (!entry) {
      entry = { code, title: ERROR_CATALOGUE[code].title, count: 0, hosts: [] };
      byCode.set(code, entry);
    }
    entry.count += 1;
    entry.hosts.push(result.host);
  }
  // Array.prototype.sort is stable, so equal counts keep the order they first appeared in.
  return [...byCode.values()].sort((a, b) => b.count - a.count);
}

function slowestDevices(ran: readonly HostResult[], count: number): SlowDevice[] {
  return ran
    .map((result) => ({ host: result.host, ms: result.timings.totalMs }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Math.max(0, count));
}

/** Most devices whose [startedAt, finishedAt) intervals overlap at one instant. */
export function peakOverlap(ran: readonly HostResult[]): number {
  const edges: [time: number, delta: number][] = [];
  for (const result of ran) {
    edges.push([result.startedAt, 1], [result.finishedAt, -1]);
  }
  // At equal times, ends come first: a slot freed and reused in the same millisecond is one slot.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    running += delta;
    peak = Math.max(peak, running);
  }
  // A device that started and finished within one clock tick still held a slot.
  return ran.length > 0 ? Math.max(peak, 1) : 0;
}
