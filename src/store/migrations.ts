import type { Database } from 'better-sqlite3';
import { NetrunError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface Migration {
  /** PRAGMA user_version after this migration; versions run 1, 2, 3, … with no gaps. */
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as the steps that build it. Never edit a released step: add the next one. Times are
 * epoch milliseconds; JSON columns hold arrays and objects the code reads back as they were written.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'jobs, device results, approvals, votes, audit',
    sql: `
      CREATE TABLE jobs (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('run', 'push')),
        requester   TEXT NOT NULL,
        channel     TEXT,
        thread_ts   TEXT,
        command     TEXT,
        lines       TEXT,
        target      TEXT NOT NULL,
        hosts       TEXT NOT NULL,
        approval_id TEXT,
        meta        TEXT NOT NULL DEFAULT '{}',
        status      TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'done', 'cancelled', 'interrupted')),
        summary     TEXT,
        created_at  INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX jobs_by_created ON jobs (created_at);
      CREATE INDEX jobs_by_status ON jobs (status, created_at);
      CREATE INDEX jobs_by_requester ON jobs (requester, created_at);

      CREATE TABLE job_results (
        job_id        TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        host          TEXT NOT NULL,
        platform      TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'timeout', 'cancelled')),
        error_code    TEXT,
        error_message TEXT,
        error_hint    TEXT,
        outputs       TEXT NOT NULL,
        truncated     INTEGER NOT NULL DEFAULT 0,
        push          TEXT,
        started       INTEGER NOT NULL,
        started_at    INTEGER NOT NULL,
        finished_at   INTEGER NOT NULL,
        queued_ms     INTEGER NOT NULL,
        connect_ms    INTEGER NOT NULL,
        command_ms    INTEGER NOT NULL,
        total_ms      INTEGER NOT NULL,
        posted        INTEGER NOT NULL DEFAULT 0,
        recorded_at   INTEGER NOT NULL,
        PRIMARY KEY (job_id, host)
      ) STRICT;

      CREATE TABLE approvals (
        id                   TEXT PRIMARY KEY,
        requester            TEXT NOT NULL,
        channel              TEXT NOT NULL,
        message_ts           TEXT,
        target               TEXT NOT NULL,
        hosts                TEXT NOT NULL,
        lines                TEXT NOT NULL,
        options              TEXT NOT NULL,
        dry_run              TEXT,
        required_approvals   INTEGER NOT NULL DEFAULT 1 CHECK (required_approvals >= 1),
        status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                               ('pending', 'approved', 'rejected', 'expired', 'executing', 'finished')),
        created_at           INTEGER NOT NULL,
        expires_at           INTEGER NOT NULL,
        decided_by           TEXT,
        decided_at           INTEGER,
        job_id               TEXT,
        execution_started_at INTEGER,
        finished_at          INTEGER,
        outcome              TEXT
      ) STRICT;
      CREATE INDEX approvals_by_status ON approvals (status, expires_at);

      CREATE TABLE approval_votes (
        approval_id TEXT NOT NULL REFERENCES approvals (id) ON DELETE CASCADE,
        user        TEXT NOT NULL,
        decision    TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
        at          INTEGER NOT NULL,
        PRIMARY KEY (approval_id, user)
      ) STRICT;

      CREATE TABLE audit (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        channel     TEXT,
        target      TEXT,
        command     TEXT,
        job_id      TEXT,
        approval_id TEXT,
        host        TEXT,
        outcome     TEXT,
        reason      TEXT,
        details     TEXT
      ) STRICT;
      CREATE INDEX audit_by_at ON audit (at);
      CREATE INDEX audit_by_actor ON audit (actor, at);
      CREATE INDEX audit_by_action ON audit (action, at);
      CREATE INDEX audit_by_job ON audit (job_id) WHERE job_id IS NOT NULL;
      CREATE INDEX audit_by_approval ON audit (approval_id) WHERE approval_id IS NOT NULL;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface MigrateOptions {
  /** For messages. */
  path: string;
  logger?: Logger;
  migrations?: readonly Migration[];
}

/**
 * Brings the schema to the newest version this code knows. The version is re-read inside an
 * immediate transaction: two processes opening a fresh file at once (the bot and `netrun audit`)
 * would otherwise both run step 1, and the second would fail on "table already exists".
 */
export function migrate(db: Database, options: MigrateOptions): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const from = userVersion(db);
  refuseNewer(from, latest, options.path);
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    const current = userVersion(db);
    refuseNewer(current, latest, options.path);
    for (const step of migrations.slice(current)) {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
      options.logger?.info({ db: options.path, version: step.version }, `store: migrated: ${step.name}`);
    }
  }).immediate();
  return { from, to: latest };
}

export function userVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function refuseNewer(found: number, latest: number, path: string): void {
  if (found <= latest) return;
  throw new NetrunError(
    'STORE',
    `the database ${JSON.stringify(path)} has schema version ${found}, but this netrun knows versions up to ${latest}`,
    { hint: 'a newer netrun wrote it: upgrade netrun, or point NETRUN_DB (--db) at another file' },
  );
}
