import type { Decision, Requirement } from '../../engine/index.js';
import { isNetrunError } from '../../errors.js';
import type { AuditInput, Json } from '../../store/index.js';
import { type AuditSink, clip, recordAudit } from '../../store/index.js';
import { refusalMessage, type SlackMessage } from '../blocks/index.js';

/**
 * The audit entry of one request from Slack (a slash command or a button), accepted or refused.
 *
 * - accepted: action `request` for slash commands (`cancel` and `retry` for those decisions),
 *   outcome `accepted` (`cancelled`, `retried`);
 * - refused: action `refused`, outcome `refused` when a policy requirement is missing
 *   (`details.missing`: run, push, approve, admin, channel or role), `invalid` for input netrun
 *   will not parse (`details.problem`), `unknown-target`, `not-found`/`not-running`/`duplicate`
 *   (already retried) for jobs, or `error` when netrun itself failed; `reason` is what the user was told.
 *
 * `details.request` names the subcommand (run, help, groups, devices, jobs, cancel, push, retry)
 * and `details.via` the surface (slash, button). What users type is clipped: a 100 KB paste is
 * evidence enough in its first 500 characters and its length.
 */

export type RequestKind =
  | 'run'
  | 'help'
  | 'groups'
  | 'devices'
  | 'jobs'
  | 'cancel'
  | 'push'
  | 'retry'
  | 'unparsed';

export interface RequestContext {
  actor: string;
  channel: string;
  request: RequestKind;
  via: 'slash' | 'button';
  command?: string;
  target?: string;
  jobId?: string;
}

export type RefusalOutcome =
  | 'refused'
  | 'invalid'
  | 'unknown-target'
  | 'not-found'
  | 'not-running'
  | 'duplicate'
  | 'error';

export interface Refusal {
  outcome: RefusalOutcome;
  reason: string;
  missing?: Requirement;
  details?: Record<string, Json>;
}

export interface Acceptance {
  /** Default `request` (slash) or the request kind (button). */
  action?: string;
  /** Default `accepted`. */
  outcome?: string;
  jobId?: string;
  details?: Record<string, Json>;
}

export interface RequestAudit {
  /** True once accepted() or refused() has written (or tried to write) the entry. */
  readonly recorded: boolean;
  readonly context: RequestContext;
  /** What became known after the request arrived (its parsed command and target). */
  note(fields: Partial<Pick<RequestContext, 'request' | 'command' | 'target' | 'jobId'>>): void;
  accepted(acceptance?: Acceptance): void;
  refused(refusal: Refusal): void;
}

export const MAX_AUDITED_TEXT = 500;

export function createRequestAudit(sink: AuditSink, initial: RequestContext): RequestAudit {
  const context: RequestContext = { ...initial };
  let recorded = false;
  const write = (entry: Omit<AuditInput, 'actor' | 'channel'>) => {
    recorded = true;
    recordAudit(sink, { ...base(context), ...entry });
  };
  return {
    get recorded() {
      return recorded;
    },
    context,
    note(fields) {
      Object.assign(context, fields);
    },
    accepted(acceptance = {}) {
      const action = acceptance.action ?? (context.via === 'slash' ? 'request' : context.request);
      write({
        action,
        outcome: acceptance.outcome ?? 'accepted',
        ...jobOf(acceptance.jobId ?? context.jobId),
        details: { ...describe(context), ...acceptance.details },
      });
    },
    refused(refusal) {
      const missing = refusal.missing === undefined ? '' : `missing permission: ${refusal.missing} — `;
      write({
        action: 'refused',
        outcome: refusal.outcome,
        reason: clip(`${missing}${refusal.reason}`, 2_000),
        ...jobOf(context.jobId),
        details: {
          ...describe(context),
          ...(refusal.missing === undefined ? {} : { missing: refusal.missing }),
          ...refusal.details,
        },
      });
    },
  };
}

function base(context: RequestContext): Pick<AuditInput, 'actor' | 'channel' | 'command' | 'target'> {
  return {
    actor: context.actor,
    channel: context.channel,
    ...(context.command === undefined ? {} : { command: clip(context.command, MAX_AUDITED_TEXT) }),
    ...(context.target === undefined ? {} : { target: clip(context.target, MAX_AUDITED_TEXT) }),
  };
}

function describe(context: RequestContext): Record<string, Json> {
  const details: Record<string, Json> = { request: context.request, via: context.via };
  if (context.command !== undefined && context.command.length > MAX_AUDITED_TEXT)
    details.commandLength = context.command.length;
  return details;
}

function jobOf(jobId: string | undefined): { jobId?: string } {
  return jobId === undefined ? {} : { jobId };
}

/**
 * A policy refusal, recorded and worded for the user. `problems` are user groups Slack would not
 * list: they grant nothing, and the refusal says so (a missing scope is not the user's fault).
 */
export function refuse(
  audit: RequestAudit,
  decision: Extract<Decision, { allowed: false }>,
  problems: readonly string[] = [],
): SlackMessage {
  const reason = withProblems(decision.reason, problems);
  audit.refused({
    outcome: 'refused',
    reason,
    missing: decision.missing,
    ...(problems.length > 0 ? { details: { usergroupProblems: [...problems] } } : {}),
  });
  return refusalMessage(reason);
}

/** Any other refusal (bad input, unknown target, unknown job), recorded and worded for the user. */
export function refuseWith(audit: RequestAudit, outcome: RefusalOutcome, reason: string): SlackMessage {
  audit.refused({ outcome, reason });
  return refusalMessage(reason);
}

/** Unknown or empty targets say what was wrong and what is close (the inventory's own words). */
export function targetRefusal(error: unknown, audit: RequestAudit): SlackMessage {
  if (!isNetrunError(error)) throw error;
  audit.refused({
    outcome: 'unknown-target',
    reason: error.message,
    details: { errorCode: error.code },
  });
  return refusalMessage(`${error.message}\n${error.hint}`);
}

/** A refusal names the user groups Slack would not list: a missing scope is not the user's fault. */
export function withProblems(reason: string, problems: readonly string[]): string {
  if (problems.length === 0) return reason;
  const groups = problems.join(', ');
  return `${reason} (netrun could not check the user groups ${groups} with Slack, so they grant nothing for now; try again in a minute, or ask an admin to look at the bot's log.)`;
}
