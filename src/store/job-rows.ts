import type { JobSummary } from '../engine/summary.js';
import type { HostResult, HostStatus, PushOutcome } from '../engine/types.js';
import type { ErrorCode } from '../errors.js';
import { fromJson, opt, toJson } from './sql.js';
import { truncateOutputs } from './truncate-outputs.js';
import type { JobKind, JobRecord, JobStatus, StoredHostResult } from './types.js';

export interface JobRow {
  id: string;
  kind: JobKind;
  requester: string;
  channel: string | null;
  thread_ts: string | null;
  command: string | null;
  lines: string | null;
  target: string;
  hosts: string;
  approval_id: string | null;
  meta: string;
  status: JobStatus;
  summary: string | null;
  created_at: number;
  finished_at: number | null;
  done: number;
  ok: number;
}

/** Selects a job with the counts its progress needs; append WHERE/ORDER as needed. */
export const SELECT_JOB = `
  SELECT j.*,
    (SELECT count(*) FROM job_results r WHERE r.job_id = j.id) AS done,
    (SELECT count(*) FROM job_results r WHERE r.job_id = j.id AND r.status = 'ok') AS ok
  FROM jobs j`;

export function jobFromRow(row: JobRow): JobRecord {
  const hosts = fromJson<string[]>(row.hosts);
  return {
    id: row.id,
    kind: row.kind,
    requester: row.requester,
    channel: opt(row.channel),
    threadTs: opt(row.thread_ts),
    command: opt(row.command),
    lines: fromJson<string[]>(row.lines),
    target: row.target,
    hosts,
    approvalId: opt(row.approval_id),
    meta: fromJson<Record<string, unknown>>(row.meta),
    status: row.status,
    summary: fromJson<JobSummary>(row.summary),
    createdAt: row.created_at,
    finishedAt: opt(row.finished_at),
    progress: { total: hosts.length, done: row.done, ok: row.ok, notOk: row.done - row.ok },
  };
}

export interface ResultRow {
  job_id: string;
  host: string;
  platform: string;
  status: HostStatus;
  error_code: ErrorCode | null;
  error_message: string | null;
  error_hint: string | null;
  outputs: string;
  truncated: number;
  push: string | null;
  started: number;
  started_at: number;
  finished_at: number;
  queued_ms: number;
  connect_ms: number;
  command_ms: number;
  total_ms: number;
  posted: number;
  recorded_at: number;
}

/** Column values for one device's result; outputs cut to the per-device limit. */
export function resultToRow(
  jobId: string,
  result: HostResult,
  posted: boolean,
  recordedAt: number,
): ResultRow {
  const { outputs, truncated } = truncateOutputs(result.outputs);
  return {
    job_id: jobId,
    host: result.host,
    platform: result.platform,
    status: result.status,
    error_code: result.error?.code ?? null,
    error_message: result.error?.message ?? null,
    error_hint: result.error?.hint ?? null,
    outputs: toJson(outputs),
    truncated: truncated ? 1 : 0,
    push: result.push ? toJson(result.push) : null,
    started: result.started === false ? 0 : 1,
    started_at: Math.round(result.startedAt),
    finished_at: Math.round(result.finishedAt),
    queued_ms: Math.round(result.timings.queuedMs),
    connect_ms: Math.round(result.timings.connectMs),
    command_ms: Math.round(result.timings.commandMs),
    total_ms: Math.round(result.timings.totalMs),
    posted: posted ? 1 : 0,
    recorded_at: recordedAt,
  };
}

export function resultFromRow(row: ResultRow): StoredHostResult {
  const result: StoredHostResult = {
    host: row.host,
    platform: row.platform,
    status: row.status,
    outputs: fromJson(row.outputs),
    timings: {
      queuedMs: row.queued_ms,
      connectMs: row.connect_ms,
      commandMs: row.command_ms,
      totalMs: row.total_ms,
    },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    started: row.started === 1,
    posted: row.posted === 1,
    truncated: row.truncated === 1,
    recordedAt: row.recorded_at,
  };
  if (row.error_code !== null) {
    result.error = { code: row.error_code, message: row.error_message ?? '', hint: row.error_hint ?? '' };
  }
  const push = fromJson<PushOutcome>(row.push);
  if (push) result.push = push;
  return result;
}
