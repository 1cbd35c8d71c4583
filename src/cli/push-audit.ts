import type { Logger } from '../logger.js';
import { type DryRun, maskLines, pushCommandText } from '../push/index.js';
import { redactText } from '../redaction/index.js';
import { openStore, recordAudit, type Store } from '../store/index.js';
import type { CliIo } from './io.js';
import { auditDbExists, openAuditStore } from './run-audit.js';

/**
 * The audit trail of `netrun push` (see PUSH_HELP): the request with its dry run's verdict and how
 * it was confirmed, then the job and each device as `netrun run` records them. `--db` names a
 * database that must exist; without it, a missing database is said on stderr, never created.
 */
export function openPushAudit(path: string, explicit: boolean, io: CliIo, log: Logger): Store | undefined {
  if (explicit) return openStore(path, { logger: log, mustExist: true });
  if (!auditDbExists(path)) {
    io.stderr.write(
      `netrun push: no audit database at ${path}: this push is not recorded (the bot creates it).\n`,
    );
    return undefined;
  }
  return openAuditStore(path, log, 'push');
}

export interface PushRequestRecord {
  actor: string;
  target: string;
  lines: readonly string[];
  dryRun: DryRun;
  rollout: { save: boolean; canary: number; stopAfterFailures: number };
  /** `confirmed`, `declined`, or `refused` (nobody to ask). */
  outcome: string;
  /** How the answer came: `--yes`, `prompt`, `no`, `no-tty`. */
  confirmation: string;
}

export function recordPushRequest(store: Store, log: Logger, r: PushRequestRecord): void {
  recordAudit(
    { store, log },
    {
      actor: r.actor,
      action: 'request',
      outcome: r.outcome,
      command: pushCommandText(r.lines),
      target: r.target,
      reason: r.dryRun.summary.headline,
      details: {
        request: 'push',
        via: 'cli',
        confirmation: r.confirmation,
        devices: r.dryRun.summary.total,
        lines: maskLines(r.lines, redactText).slice(0, 200),
        ...r.rollout,
      },
    },
  );
}
