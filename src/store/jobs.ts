import type { Database } from 'better-sqlite3';
import type { JobSummary } from '../engine/summary.js';
import type { HostResult } from '../engine/types.js';
import { NetrunError } from '../errors.js';
import {
  type JobRow,
  jobFromRow,
  type ResultRow,
  resultFromRow,
  resultToRow,
  SELECT_JOB,
} from './job-rows.js';
import { guarded, toJson } from './sql.js';
import type {
  FinishedHost,
  FinishedJobStatus,
  InterruptedJob,
  JobRecord,
  ListJobsQuery,
  NewJob,
  RecordResultOptions,
  StoredHostResult,
} from './types.js';

export interface JobsRepo {
  create(job: NewJob): JobRecord;
  setThread(id: string, channel: string, ts: string): void;
  /** Upserts the device's result (a second record for the same host replaces the first). */
  recordResult(jobId: string, result: HostResult, options?: RecordResultOptions): void;
  /** False when no result is recorded for that host. */
  markPosted(jobId: string, host: string): boolean;
  /** Ends a running job; false (and no change) when it had already ended. */
  finish(id: string, status: FinishedJobStatus, summary: JobSummary): boolean;
  get(id: string): JobRecord | undefined;
  /** Newest first. */
  list(query?: ListJobsQuery): JobRecord[];
  /** In the order they were first recorded. */
  results(id: string): StoredHostResult[];
  /** At start-up: every job still `running` died with the last process. One transaction. */
  interruptRunning(now: number): InterruptedJob[];
  /** Deletes ended jobs (and their results) that finished before now − retentionDays; returns the count. */
  prune(retentionDays: number, now: number): number;
}

const DAY_MS = 86_400_000;

export function createJobsRepo(db: Database, now: () => number): JobsRepo {
  const getRow = db.prepare<[string], JobRow>(`${SELECT_JOB} WHERE j.id = ?`);
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM jobs WHERE id = ?');
  const insertJob = db.prepare(`
    INSERT INTO jobs (id, kind, requester, channel, thread_ts, command, lines, target, hosts, approval_id,
                      meta, created_at)
    VALUES (@id, @kind, @requester, @channel, @thread_ts, @command, @lines, @target, @hosts, @approval_id,
            @meta, @created_at)`);
  const upsertResult = db.prepare(`
    INSERT INTO job_results (job_id, host, platform, status, error_code, error_message, error_hint, outputs,
      truncated, push, started, started_at, finished_at, queued_ms, connect_ms, command_ms, total_ms, posted,
      recorded_at)
    VALUES (@job_id, @host, @platform, @status, @error_code, @error_message, @error_hint, @outputs,
      @truncated, @push, @started, @started_at, @finished_at, @queued_ms, @connect_ms, @command_ms, @total_ms,
      @posted, @recorded_at)
    ON CONFLICT (job_id, host) DO UPDATE SET
      platform = excluded.platform, status = excluded.status, error_code = excluded.error_code,
      error_message = excluded.error_message, error_hint = excluded.error_hint, outputs = excluded.outputs,
      truncated = excluded.truncated, push = excluded.push, started = excluded.started,
      started_at = excluded.started_at, finished_at = excluded.finished_at, queued_ms = excluded.queued_ms,
      connect_ms = excluded.connect_ms, command_ms = excluded.command_ms, total_ms = excluded.total_ms,
      posted = max(posted, excluded.posted), recorded_at = excluded.recorded_at`);
  // rowid keeps first-recorded order even when an upsert rewrites the row.
  const selectResults = db.prepare<[string], ResultRow>(
    'SELECT * FROM job_results WHERE job_id = ? ORDER BY rowid',
  );
  const runningIds = db.prepare<[], { id: string }>(
    "SELECT id FROM jobs WHERE status = 'running' ORDER BY created_at, rowid",
  );

  const requireJob = (id: string): void => {
    if (!exists.get(id)) throw new NetrunError('STORE', `store: no job with id ${JSON.stringify(id)}`);
  };
  const get = (id: string): JobRecord | undefined => {
    const row = getRow.get(id);
    return row && jobFromRow(row);
  };

  const interruptOne = (id: string, at: number): InterruptedJob => {
    db.prepare("UPDATE jobs SET status = 'interrupted', finished_at = ? WHERE id = ?").run(at, id);
    const job = get(id)!;
    const finished: FinishedHost[] = selectResults.all(id).map((row) => ({
      host: row.host,
      status: row.status,
      errorCode: row.error_code ?? undefined,
      posted: row.posted === 1,
    }));
    const done = new Set(finished.map((entry) => entry.host));
    const thread = job.channel && job.threadTs ? { channel: job.channel, ts: job.threadTs } : undefined;
    return { job, thread, finished, unfinished: job.hosts.filter((host) => !done.has(host)) };
  };

  return guarded('jobs', {
    create(job: NewJob): JobRecord {
      insertJob.run({
        id: job.id,
        kind: job.kind,
        requester: job.requester,
        channel: job.channel ?? null,
        thread_ts: job.threadTs ?? null,
        command: job.command ?? null,
        lines: job.lines ? toJson(job.lines) : null,
        target: job.target,
        hosts: toJson(job.hosts),
        approval_id: job.approvalId ?? null,
        meta: toJson(job.meta ?? {}),
        created_at: now(),
      });
      return get(job.id)!;
    },

    setThread(id: string, channel: string, ts: string): void {
      const { changes } = db
        .prepare('UPDATE jobs SET channel = ?, thread_ts = ? WHERE id = ?')
        .run(channel, ts, id);
      if (changes === 0) requireJob(id);
    },

    recordResult(jobId: string, result: HostResult, options: RecordResultOptions = {}): void {
      db.transaction(() => {
        requireJob(jobId);
        upsertResult.run(resultToRow(jobId, result, options.posted ?? false, now()));
      }).immediate();
    },

    markPosted(jobId: string, host: string): boolean {
      const sql = 'UPDATE job_results SET posted = 1 WHERE job_id = ? AND host = ?';
      return db.prepare(sql).run(jobId, host).changes > 0;
    },

    finish(id: string, status: FinishedJobStatus, summary: JobSummary): boolean {
      return db
        .transaction(() => {
          requireJob(id);
          const sql =
            "UPDATE jobs SET status = ?, summary = ?, finished_at = ? WHERE id = ? AND status = 'running'";
          return db.prepare(sql).run(status, toJson(summary), now(), id).changes > 0;
        })
        .immediate();
    },

    get,

    list(query: ListJobsQuery = {}): JobRecord[] {
      const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? 20)), 1000);
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.requester !== undefined) {
        where.push('j.requester = ?');
        params.push(query.requester);
      }
      if (query.status !== undefined) {
        where.push('j.status = ?');
        params.push(query.status);
      }
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const sql = `${SELECT_JOB} ${clause} ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`;
      return db
        .prepare<unknown[], JobRow>(sql)
        .all(...params, limit)
        .map(jobFromRow);
    },

    results(id: string): StoredHostResult[] {
      return selectResults.all(id).map(resultFromRow);
    },

    interruptRunning(at: number): InterruptedJob[] {
      return db.transaction(() => runningIds.all().map(({ id }) => interruptOne(id, at))).immediate();
    },

    prune(retentionDays: number, at: number): number {
      const cutoff = at - retentionDays * DAY_MS;
      const sql = "DELETE FROM jobs WHERE status != 'running' AND coalesce(finished_at, created_at) < ?";
      return db.prepare(sql).run(cutoff).changes;
    },
  });
}
