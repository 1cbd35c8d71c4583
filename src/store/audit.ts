import type { Database } from 'better-sqlite3';
import { fromJson, guarded, opt, placeholders, toJson } from './sql.js';
import type { AuditEntry, AuditInput, AuditQuery, Json } from './types.js';

export interface AuditRepo {
  record(entry: AuditInput): AuditEntry;
  /**
   * Chronological (oldest first, ties in insertion order): an audit trail reads like a log. With
   * `limit`, the newest `limit` matches are kept, still oldest first.
   */
  query(query?: AuditQuery): AuditEntry[];
  /** Deletes entries older than now − retentionDays; returns how many. */
  prune(retentionDays: number, now: number): number;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  channel: string | null;
  target: string | null;
  command: string | null;
  job_id: string | null;
  approval_id: string | null;
  host: string | null;
  outcome: string | null;
  reason: string | null;
  details: string | null;
}

const DAY_MS = 86_400_000;

export function createAuditRepo(db: Database, now: () => number): AuditRepo {
  const insert = db.prepare(`
    INSERT INTO audit (at, actor, action, channel, target, command, job_id, approval_id, host, outcome, reason,
                       details)
    VALUES (@at, @actor, @action, @channel, @target, @command, @job_id, @approval_id, @host, @outcome, @reason,
            @details)`);

  return guarded('audit', {
    record(entry: AuditInput): AuditEntry {
      const row: Omit<AuditRow, 'id'> = {
        at: Math.round(entry.at ?? now()),
        actor: entry.actor,
        action: entry.action,
        channel: entry.channel ?? null,
        target: entry.target ?? null,
        command: entry.command ?? null,
        job_id: entry.jobId ?? null,
        approval_id: entry.approvalId ?? null,
        host: entry.host ?? null,
        outcome: entry.outcome ?? null,
        reason: entry.reason ?? null,
        details: entry.details === undefined ? null : toJson(entry.details),
      };
      const id = Number(insert.run(row).lastInsertRowid);
      return fromRow({ id, ...row });
    },

    query(query: AuditQuery = {}): AuditEntry[] {
      const { where, params } = filters(query);
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      if (query.limit === undefined) {
        const sql = `SELECT * FROM audit ${clause} ORDER BY at, id`;
        return db
          .prepare<unknown[], AuditRow>(sql)
          .all(...params)
          .map(fromRow);
      }
      const sql = `SELECT * FROM audit ${clause} ORDER BY at DESC, id DESC LIMIT ?`;
      const newest = db
        .prepare<unknown[], AuditRow>(sql)
        .all(...params, Math.max(0, Math.trunc(query.limit)));
      return newest.reverse().map(fromRow);
    },

    prune(retentionDays: number, at: number): number {
      return db.prepare('DELETE FROM audit WHERE at < ?').run(at - retentionDays * DAY_MS).changes;
    },
  });
}

function filters(query: AuditQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (query.since !== undefined) add('at >= ?', query.since);
  if (query.until !== undefined) add('at < ?', query.until);
  const users = list(query.user);
  if (users.length > 0) add(`actor IN (${placeholders(users.length)})`, ...users);
  const actions = list(query.action);
  if (actions.length > 0) add(`action IN (${placeholders(actions.length)})`, ...actions);
  if (query.jobId !== undefined) add('job_id = ?', query.jobId);
  if (query.approvalId !== undefined) add('approval_id = ?', query.approvalId);
  return { where, params };
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function fromRow(row: AuditRow): AuditEntry {
  const entry: AuditEntry = { id: row.id, at: row.at, actor: row.actor, action: row.action };
  const optional = {
    channel: opt(row.channel),
    target: opt(row.target),
    command: opt(row.command),
    jobId: opt(row.job_id),
    approvalId: opt(row.approval_id),
    host: opt(row.host),
    outcome: opt(row.outcome),
    reason: opt(row.reason),
    details: fromJson<Record<string, Json>>(row.details),
  };
  // Absent, not undefined: entries go to NDJSON and to toEqual in tests as they were recorded.
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(entry, { [key]: value });
  }
  return entry;
}
