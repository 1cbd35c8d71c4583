import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Job } from '../engine/index.js';
import type { Logger } from '../logger.js';
import { auditJob, recordAudit } from '../slack/jobs/audit-observer.js';
import { openStore, type Store } from '../store/index.js';

/**
 * The audit trail of `netrun run`: a terminal run goes into the bot's database when there is one,
 * as actor `cli:<os user>`. It never creates a database (a laptop's one-off run must not leave a
 * netrun.db behind), and a database it cannot open or write is a warning, never a failed run.
 */
export interface RunAudit {
  /** Records the request and follows the job; call it right after runner.start(). */
  follow(job: Job, request: { command: string; target: string }): void;
  close(): void;
}

export function openRunAudit(dbPath: string, actor: string, log: Logger): RunAudit | undefined {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return undefined;
  let store: Store;
  try {
    store = openStore(dbPath, { logger: log, mustExist: true });
  } catch (error) {
    log.warn({ err: error, db: dbPath }, 'cannot open the audit database: this run is not audited');
    return undefined;
  }
  const sink = { store, log };
  return {
    follow(job, request) {
      recordAudit(sink, {
        actor,
        action: 'request',
        outcome: 'accepted',
        command: request.command,
        target: request.target,
        jobId: job.id,
        details: { request: 'run', via: 'cli', devices: job.hosts.length },
      });
      auditJob(job, { actor, ...request }, sink);
    },
    close: () => store.close(),
  };
}

/** `cli:alice`: the OS account, which is who ran it (a container without a passwd entry falls back to $USER). */
export function cliActor(env: Record<string, string | undefined>, osUser: () => string = osUsername): string {
  let name: string | undefined;
  try {
    name = osUser();
  } catch {
    name = undefined;
  }
  return `cli:${name || env.USER || env.LOGNAME || 'unknown'}`;
}

function osUsername(): string {
  return userInfo().username;
}
