import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Job } from '../engine/index.js';
import type { Logger } from '../logger.js';
import { auditJob, openStore, recordAudit, type Store } from '../store/index.js';

/**
 * The audit trail of terminal commands (`netrun run`, and `netrun push` in push-audit.ts): they go
 * into the bot's database when there is one, as actor `cli:<os user>`. A database is never created
 * (a laptop's one-off run must not leave a netrun.db behind), and one that cannot be opened or
 * written is a warning, never a failed command.
 */
export interface RunAudit {
  /** Records the request and follows the job; call it right after runner.start(). */
  follow(job: Job, request: { command: string; target: string }): void;
  close(): void;
}

export function openRunAudit(dbPath: string, actor: string, log: Logger): RunAudit | undefined {
  const store = openAuditStore(dbPath, log, 'run');
  if (!store) return undefined;
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

/**
 * The bot's database when it exists, for a terminal command's audit entries; undefined when there
 * is none (it is never created) or it cannot be opened (a warning: the command goes on unaudited).
 */
export function openAuditStore(dbPath: string, log: Logger, what: 'run' | 'push'): Store | undefined {
  if (!auditDbExists(dbPath)) return undefined;
  try {
    return openStore(dbPath, { logger: log, mustExist: true });
  } catch (error) {
    log.warn({ err: error, db: dbPath }, `cannot open the audit database: this ${what} is not audited`);
    return undefined;
  }
}

export function auditDbExists(dbPath: string): boolean {
  return dbPath !== ':memory:' && existsSync(dbPath);
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
