import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { NetrunError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { type ApprovalsRepo, createApprovalsRepo } from './approvals.js';
import { type AuditRepo, createAuditRepo } from './audit.js';
import { createJobsRepo, type JobsRepo } from './jobs.js';
import { migrate, userVersion } from './migrations.js';
import { storeError } from './sql.js';

export interface StoreOptions {
  /** The store's clock for times callers do not pass (created, recorded, audit `at`). */
  now?: () => number;
  logger?: Logger;
  /** Refuse to create the file: read commands (`netrun audit`) must not leave an empty database behind. */
  mustExist?: boolean;
  /** How long a write waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

export interface Store {
  /** The file, or `:memory:`. */
  readonly path: string;
  readonly jobs: JobsRepo;
  readonly approvals: ApprovalsRepo;
  readonly audit: AuditRepo;
  /** PRAGMA user_version. */
  schemaVersion(): number;
  /** True while open and answering (for /healthz). */
  healthy(): boolean;
  /** Idempotent. */
  close(): void;
}

/**
 * Opens (creating when allowed) the SQLite database and brings its schema up to date. Every method
 * is a short synchronous transaction: better-sqlite3 calls take microseconds, and a synchronous
 * read-check-write is what makes a click's decision atomic.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? Date.now;
  const db = connect(path, options);
  try {
    configure(db);
    const { from, to } = migrate(db, { path, logger });
    if (from !== to) logger.info({ db: path, from, to }, 'store: schema up to date');
  } catch (error) {
    db.close();
    throw storeError(`opening ${JSON.stringify(path)}`, error);
  }
  return {
    path,
    jobs: createJobsRepo(db, now),
    approvals: createApprovalsRepo(db, now),
    audit: createAuditRepo(db, now),
    schemaVersion: () => userVersion(db),
    healthy: () => db.open && db.prepare('SELECT 1 AS one').get() !== undefined,
    close: () => {
      if (!db.open) return;
      // Lets SQLite refresh its query-planner statistics for the indexes the queries use.
      db.pragma('optimize');
      db.close();
    },
  };
}

function connect(path: string, options: StoreOptions): Database {
  const memory = path === ':memory:';
  if (options.mustExist && !memory && !existsSync(path)) {
    throw new NetrunError('STORE', `no netrun database at ${JSON.stringify(path)}`, {
      hint: 'the bot creates it when it first starts: check NETRUN_DB, or pass --db FILE',
    });
  }
  try {
    return new BetterSqlite3(path, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new NetrunError(
      'STORE',
      `cannot open the database ${JSON.stringify(path)}: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'check that NETRUN_DB names a file in a folder that exists and is writable',
      },
    );
  }
}

function configure(db: Database): void {
  // WAL lets `netrun audit` read while the bot writes; NORMAL sync is durable against a process
  // crash (kill -9) in WAL mode, losing at most the last commits only on power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}
