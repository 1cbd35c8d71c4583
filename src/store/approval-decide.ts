import type { Database } from 'better-sqlite3';
import type { ApprovalReader, ApprovalRow } from './approval-rows.js';
import type { ApprovalStatus, DecideInput, DecideOutcome, Decision } from './types.js';

/**
 * One click on Approve or Reject, as a state change. Runs inside an immediate transaction (taken
 * by the caller), so the read of the status and the write of the vote cannot interleave with
 * another click on any connection: of two approvers clicking at once, one completes the count and
 * the other finds it already decided.
 *
 * Order of the rules: unknown → already ended → expired → self-approval → not an approver →
 * second vote → record. A requester may Reject (withdraw) their own request even when they are not
 * an approver; they can never Approve it, whatever the policy says.
 */
export function decide(db: Database, reader: ApprovalReader, input: DecideInput): DecideOutcome {
  const row = reader.row(input.id);
  if (!row) return { kind: 'not-found', id: input.id };
  if (row.status === 'expired')
    return { kind: 'expired', approval: reader.toRecord(row), justExpired: false };
  if (row.status !== 'pending') return alreadyDecided(reader, row);
  if (input.now >= row.expires_at) {
    db.prepare(
      "UPDATE approvals SET status = 'expired', decided_at = ? WHERE id = ? AND status = 'pending'",
    ).run(input.now, row.id);
    return { kind: 'expired', approval: reader.get(row.id)!, justExpired: true };
  }
  const own = input.user === row.requester;
  if (own && input.decision === 'approve') return { kind: 'self-approval', approval: reader.toRecord(row) };
  if (!input.isApprover && !own) return { kind: 'not-approver', approval: reader.toRecord(row) };

  const previous = reader.toRecord(row).votes.find((vote) => vote.user === input.user);
  if (previous) return { kind: 'duplicate-vote', approval: reader.toRecord(row), previous };

  db.prepare('INSERT INTO approval_votes (approval_id, user, decision, at) VALUES (?, ?, ?, ?)').run(
    row.id,
    input.user,
    input.decision,
    input.now,
  );
  if (input.decision === 'reject') {
    setDecided(db, row.id, 'rejected', input.user, input.now);
    return { kind: 'rejected', approval: reader.get(row.id)! };
  }
  const approvers = approversOf(reader, row.id);
  if (approvers.length < row.required_approvals) {
    const approval = reader.get(row.id)!;
    return { kind: 'vote-recorded', approval, approvals: approvers.length, required: row.required_approvals };
  }
  setDecided(db, row.id, 'approved', input.user, input.now);
  return { kind: 'approved', approval: reader.get(row.id)!, approvers };
}

function alreadyDecided(reader: ApprovalReader, row: ApprovalRow): DecideOutcome {
  const decision: Decision = row.status === 'rejected' ? 'reject' : 'approve';
  return {
    kind: 'already-decided',
    approval: reader.toRecord(row),
    status: row.status,
    decision,
    by: row.decided_by ?? undefined,
    at: row.decided_at ?? undefined,
  };
}

function approversOf(reader: ApprovalReader, id: string): string[] {
  const votes = reader.get(id)?.votes ?? [];
  return votes.filter((vote) => vote.decision === 'approve').map((vote) => vote.user);
}

function setDecided(db: Database, id: string, status: ApprovalStatus, user: string, at: number): void {
  db.prepare(
    "UPDATE approvals SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
  ).run(status, user, at, id);
}
