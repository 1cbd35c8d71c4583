import type { Database } from 'better-sqlite3';
import { NetrunError } from '../errors.js';
import { decide } from './approval-decide.js';
import { type ApprovalRow, approvalReader } from './approval-rows.js';
import { guarded, toJson } from './sql.js';
import type {
  ApprovalOutcome,
  ApprovalRecord,
  ApprovalStatus,
  ClaimOutcome,
  DecideInput,
  DecideOutcome,
  NewApproval,
} from './types.js';

export interface ApprovalsRepo {
  create(request: NewApproval): ApprovalRecord;
  /** Records the approval message's ts so its buttons and text can be updated later. */
  setMessage(id: string, ts: string): void;
  get(id: string): ApprovalRecord | undefined;
  /** Still waiting for votes (expired ones included until expireDue marks them); oldest first. */
  pending(): ApprovalRecord[];
  /** Any status, newest first (default limit 50). */
  list(query?: { status?: ApprovalStatus; limit?: number }): ApprovalRecord[];
  /** One click. See DecideOutcome; `approved` is returned exactly once per request. */
  decide(input: DecideInput): DecideOutcome;
  /** approved → executing under jobId, exactly once across every connection and process. */
  claimExecution(id: string, jobId: string): ClaimOutcome;
  /** executing → finished; false when it was not executing. */
  finish(id: string, outcome: ApprovalOutcome): boolean;
  /** Marks every pending request whose time is up as expired and returns them (to update their messages). */
  expireDue(now: number): ApprovalRecord[];
  /**
   * Requests a previous process claimed but never finished (it died mid-push). Call at start-up,
   * before this process claims anything; report them and `finish(id, { result: 'interrupted' })`.
   * Never re-run them: the devices may already hold part of the change.
   */
  interruptedExecutions(): ApprovalRecord[];
}

export function createApprovalsRepo(db: Database, now: () => number): ApprovalsRepo {
  const reader = approvalReader(db);
  const insert = db.prepare(`
    INSERT INTO approvals (id, requester, channel, target, hosts, lines, options, dry_run, required_approvals,
                           created_at, expires_at)
    VALUES (@id, @requester, @channel, @target, @hosts, @lines, @options, @dry_run, @required_approvals,
            @created_at, @expires_at)`);
  const byStatus = db.prepare<[ApprovalStatus], ApprovalRow>(
    'SELECT * FROM approvals WHERE status = ? ORDER BY created_at, rowid',
  );
  const claim = db.prepare(`
    UPDATE approvals SET status = 'executing', job_id = ?, execution_started_at = ?
    WHERE id = ? AND status = 'approved'`);

  return guarded('approvals', {
    create(request: NewApproval): ApprovalRecord {
      const required = request.requiredApprovals ?? 1;
      if (!Number.isInteger(required) || required < 1) {
        throw new NetrunError(
          'STORE',
          `store: requiredApprovals must be a whole number ≥ 1 (got ${required})`,
        );
      }
      insert.run({
        id: request.id,
        requester: request.requester,
        channel: request.channel,
        target: request.target,
        hosts: toJson(request.hosts),
        lines: toJson(request.lines),
        options: toJson(request.options),
        dry_run: request.dryRun === undefined ? null : toJson(request.dryRun),
        required_approvals: required,
        created_at: now(),
        expires_at: request.expiresAt,
      });
      return reader.get(request.id)!;
    },

    setMessage(id: string, ts: string): void {
      const { changes } = db.prepare('UPDATE approvals SET message_ts = ? WHERE id = ?').run(ts, id);
      if (changes === 0)
        throw new NetrunError('STORE', `store: no approval request with id ${JSON.stringify(id)}`);
    },

    get: reader.get,

    pending(): ApprovalRecord[] {
      return byStatus.all('pending').map(reader.toRecord);
    },

    list(query: { status?: ApprovalStatus; limit?: number } = {}): ApprovalRecord[] {
      const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? 50)), 1000);
      const where = query.status === undefined ? '' : 'WHERE status = ?';
      const params = query.status === undefined ? [limit] : [query.status, limit];
      const sql = `SELECT * FROM approvals ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
      return db
        .prepare<unknown[], ApprovalRow>(sql)
        .all(...params)
        .map(reader.toRecord);
    },

    decide(input: DecideInput): DecideOutcome {
      return db.transaction(() => decide(db, reader, input)).immediate();
    },

    claimExecution(id: string, jobId: string): ClaimOutcome {
      return db
        .transaction((): ClaimOutcome => {
          // One conditional UPDATE decides the race: SQLite serialises writers, so only the first
          // connection to reach it sees status 'approved' and changes a row.
          if (claim.run(jobId, now(), id).changes === 1) return { claimed: true, approval: reader.get(id)! };
          const row = reader.row(id);
          if (!row) return { claimed: false, reason: 'not-found' };
          const started = row.status === 'executing' || row.status === 'finished';
          return started
            ? {
                claimed: false,
                reason: 'already-claimed',
                status: row.status,
                jobId: row.job_id ?? undefined,
              }
            : { claimed: false, reason: 'not-approved', status: row.status };
        })
        .immediate();
    },

    finish(id: string, outcome: ApprovalOutcome): boolean {
      const sql = `UPDATE approvals SET status = 'finished', finished_at = ?, outcome = ?
                   WHERE id = ? AND status = 'executing'`;
      return db.prepare(sql).run(now(), toJson(outcome), id).changes === 1;
    },

    expireDue(at: number): ApprovalRecord[] {
      return db
        .transaction(() => {
          const due = db
            .prepare<[number], { id: string }>(
              "SELECT id FROM approvals WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at, rowid",
            )
            .all(at);
          const expire = db.prepare("UPDATE approvals SET status = 'expired', decided_at = ? WHERE id = ?");
          for (const { id } of due) expire.run(at, id);
          return due.map(({ id }) => reader.get(id)!);
        })
        .immediate();
    },

    interruptedExecutions(): ApprovalRecord[] {
      return byStatus.all('executing').map(reader.toRecord);
    },
  });
}
