import type { JobSummary } from '../engine/summary.js';
import type { HostResult, HostStatus } from '../engine/types.js';
import type { ErrorCode } from '../errors.js';

/** A value that survives JSON.stringify → JSON.parse unchanged (what JSON columns hold). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------- jobs

export type JobKind = 'run' | 'push';
export type JobStatus = 'running' | 'done' | 'cancelled' | 'interrupted';
export type FinishedJobStatus = Exclude<JobStatus, 'running'>;

export interface NewJob {
  id: string;
  kind: JobKind;
  /** Slack user id, or `cli:<os user>`. */
  requester: string;
  channel?: string;
  /** The parent message whose thread carries the results. */
  threadTs?: string;
  /** A run job's command. */
  command?: string;
  /** A push job's config lines. */
  lines?: string[];
  target: string;
  /** Device names in inventory order: recovery tells which of them never finished. */
  hosts: string[];
  /** The approval request a push job executes. */
  approvalId?: string;
  meta?: Record<string, unknown>;
}

export interface JobProgress {
  total: number;
  /** Devices with a recorded result. */
  done: number;
  ok: number;
  notOk: number;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  requester: string;
  channel?: string;
  threadTs?: string;
  command?: string;
  lines?: string[];
  target: string;
  hosts: string[];
  approvalId?: string;
  meta: Record<string, unknown>;
  status: JobStatus;
  /** Set by finish(); absent while running and for jobs marked interrupted by recovery. */
  summary?: JobSummary;
  createdAt: number;
  finishedAt?: number;
  progress: JobProgress;
}

export interface RecordResultOptions {
  /** True when the result is already in the Slack thread (or the terminal). */
  posted?: boolean;
}

/** A device's result as stored: outputs may have been cut to the per-device limit. */
export interface StoredHostResult extends HostResult {
  posted: boolean;
  /** True when some output was cut (the cut output ends with TRUNCATION_MARKER's text). */
  truncated: boolean;
  recordedAt: number;
}

export interface ListJobsQuery {
  /** Default 20, at most 1000. Newest first. */
  limit?: number;
  requester?: string;
  status?: JobStatus;
}

export interface FinishedHost {
  host: string;
  status: HostStatus;
  errorCode?: ErrorCode;
  /** False when the result was recorded but never reached the thread: recovery may post it now. */
  posted: boolean;
}

export interface InterruptedJob {
  job: JobRecord;
  /** Where to tell people; absent for terminal jobs. */
  thread?: { channel: string; ts: string };
  /** In the order their results were recorded. */
  finished: FinishedHost[];
  /** In inventory order. */
  unfinished: string[];
}

// ---------------------------------------------------------------- approvals

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'executing' | 'finished';
export type Decision = 'approve' | 'reject';

export interface PushOptions {
  save: boolean;
  /** How many devices go first, alone. */
  canary: number;
  /** Schedule no more devices once this many have failed. */
  stopAfterFailures: number;
}

export interface NewApproval {
  id: string;
  requester: string;
  channel: string;
  target: string;
  hosts: string[];
  lines: string[];
  options: PushOptions;
  /** The dry run shown to approvers; stored as JSON. */
  dryRun?: Json;
  /** Default 1. */
  requiredApprovals?: number;
  /** Epoch ms. */
  expiresAt: number;
}

export interface ApprovalVote {
  user: string;
  decision: Decision;
  at: number;
}

export type ApprovalResult = 'done' | 'failed' | 'cancelled' | 'interrupted';

/** How an executed push ended, for the approval message. */
export interface ApprovalOutcome {
  result: ApprovalResult;
  summary?: JobSummary;
  /** One line for people, e.g. "canary r1 failed: COMMAND_REJECTED". */
  message?: string;
}

export interface ApprovalRecord {
  id: string;
  requester: string;
  channel: string;
  /** The approval message, once posted. */
  messageTs?: string;
  target: string;
  hosts: string[];
  lines: string[];
  options: PushOptions;
  dryRun?: Json;
  requiredApprovals: number;
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  /** Every vote in the order cast. */
  votes: ApprovalVote[];
  /** Who completed the decision (the last approver, or the rejecter); absent for expiry. */
  decidedBy?: string;
  decidedAt?: number;
  jobId?: string;
  executionStartedAt?: number;
  finishedAt?: number;
  outcome?: ApprovalOutcome;
}

export interface DecideInput {
  id: string;
  user: string;
  decision: Decision;
  now: number;
  /** The policy's verdict for this user and target; the store enforces it with the other rules. */
  isApprover: boolean;
}

export type DecideOutcome =
  /** This vote completed the count; returned exactly once per request. Run the push now. */
  | { kind: 'approved'; approval: ApprovalRecord; approvers: string[] }
  | { kind: 'vote-recorded'; approval: ApprovalRecord; approvals: number; required: number }
  | { kind: 'rejected'; approval: ApprovalRecord }
  | {
      kind: 'already-decided';
      approval: ApprovalRecord;
      status: ApprovalStatus;
      decision: Decision;
      by?: string;
      at?: number;
    }
  /** justExpired: this call marked it expired (update the message); false when it already was. */
  | { kind: 'expired'; approval: ApprovalRecord; justExpired: boolean }
  | { kind: 'self-approval'; approval: ApprovalRecord }
  | { kind: 'not-approver'; approval: ApprovalRecord }
  | { kind: 'duplicate-vote'; approval: ApprovalRecord; previous: ApprovalVote }
  | { kind: 'not-found'; id: string };

export type ClaimOutcome =
  | { claimed: true; approval: ApprovalRecord }
  | {
      claimed: false;
      /** already-claimed: executing or finished under `jobId`; not-approved: pending, rejected or expired. */
      reason: 'not-found' | 'not-approved' | 'already-claimed';
      status?: ApprovalStatus;
      jobId?: string;
    };

// ---------------------------------------------------------------- audit

/** Known actions; others are accepted so new surfaces need no store change. */
export type AuditAction =
  | 'request'
  | 'refused'
  | 'approval-request'
  | 'approve'
  | 'reject'
  | 'expire'
  | 'job-start'
  | 'job-done'
  | 'device'
  | 'cancel'
  | 'interrupted'
  | (string & Record<never, never>);

export interface AuditInput {
  /** Epoch ms; the store's clock when absent. */
  at?: number;
  /** Slack user id, `cli:<os user>`, or `netrun` for the bot's own actions (expiry, recovery). */
  actor: string;
  action: AuditAction;
  channel?: string;
  target?: string;
  command?: string;
  jobId?: string;
  approvalId?: string;
  host?: string;
  /** ok, failed, timeout, approved, refused, … */
  outcome?: string;
  /** Why: a refusal's missing permission, a device's error code and message. */
  reason?: string;
  /** Anything else worth keeping, as JSON. Never put secrets here: the store does not redact. */
  details?: Record<string, Json>;
}

export interface AuditEntry extends Omit<AuditInput, 'at'> {
  id: number;
  at: number;
}

export interface AuditQuery {
  /** Inclusive, epoch ms. */
  since?: number;
  /** Exclusive, epoch ms. */
  until?: number;
  /** One actor or any of several. */
  user?: string | string[];
  action?: string | string[];
  jobId?: string;
  approvalId?: string;
  /** Keep only the newest `limit` matches (still returned oldest first). */
  limit?: number;
}
