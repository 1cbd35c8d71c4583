import type { Database } from 'better-sqlite3';
import { fromJson, opt } from './sql.js';
import type {
  ApprovalOutcome,
  ApprovalRecord,
  ApprovalStatus,
  ApprovalVote,
  Decision,
  Json,
  PushOptions,
} from './types.js';

export interface ApprovalRow {
  id: string;
  requester: string;
  channel: string;
  message_ts: string | null;
  target: string;
  hosts: string;
  lines: string;
  options: string;
  dry_run: string | null;
  required_approvals: number;
  status: ApprovalStatus;
  created_at: number;
  expires_at: number;
  decided_by: string | null;
  decided_at: number | null;
  job_id: string | null;
  execution_started_at: number | null;
  finished_at: number | null;
  outcome: string | null;
}

interface VoteRow {
  user: string;
  decision: Decision;
  at: number;
}

/** Reads approvals with their votes; statements prepared once per connection. */
export function approvalReader(db: Database) {
  const byId = db.prepare<[string], ApprovalRow>('SELECT * FROM approvals WHERE id = ?');
  const votesOf = db.prepare<[string], VoteRow>(
    'SELECT user, decision, at FROM approval_votes WHERE approval_id = ? ORDER BY at, rowid',
  );
  const toRecord = (row: ApprovalRow): ApprovalRecord => fromRow(row, votesOf.all(row.id));
  return {
    row: (id: string): ApprovalRow | undefined => byId.get(id),
    get: (id: string): ApprovalRecord | undefined => {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    toRecord,
  };
}

export type ApprovalReader = ReturnType<typeof approvalReader>;

function fromRow(row: ApprovalRow, votes: ApprovalVote[]): ApprovalRecord {
  return {
    id: row.id,
    requester: row.requester,
    channel: row.channel,
    messageTs: opt(row.message_ts),
    target: row.target,
    hosts: fromJson<string[]>(row.hosts),
    lines: fromJson<string[]>(row.lines),
    options: fromJson<PushOptions>(row.options),
    dryRun: fromJson<Json>(row.dry_run),
    requiredApprovals: row.required_approvals,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    votes: votes.map((vote) => ({ user: vote.user, decision: vote.decision, at: vote.at })),
    decidedBy: opt(row.decided_by),
    decidedAt: opt(row.decided_at),
    jobId: opt(row.job_id),
    executionStartedAt: opt(row.execution_started_at),
    finishedAt: opt(row.finished_at),
    outcome: fromJson<ApprovalOutcome>(row.outcome),
  };
}
