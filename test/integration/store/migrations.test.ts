import { existsSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isNetrunError } from '../../../src/errors.js';
import { MIGRATIONS, migrate, openStore, SCHEMA_VERSION } from '../../../src/store/index.js';
import { newJob } from '../../unit/store/store-fixtures.js';
import { tempDir } from './temp-db.js';

const dir = tempDir();
afterAll(() => dir.remove());

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('schema migrations', () => {
  it('creates a fresh file at the newest version, in WAL mode with foreign keys', () => {
    const file = dir.path('fresh.db');
    const store = openStore(file);
    expect(store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(store.healthy()).toBe(true);
    store.close();
    expect(store.healthy()).toBe(false);
    store.close(); // idempotent

    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = raw
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => row.name);
      expect(tables).toEqual(
        expect.arrayContaining(['approval_votes', 'approvals', 'audit', 'job_results', 'jobs']),
      );
      const indexes = raw
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'audit_%'",
        )
        .all()
        .map((row) => row.name);
      expect(indexes).toEqual(expect.arrayContaining(['audit_by_at', 'audit_by_actor', 'audit_by_action']));
    } finally {
      raw.close();
    }
  });

  it('re-opens an existing file without migrating again, keeping its data', () => {
    const file = dir.path('reopen.db');
    const first = openStore(file);
    first.jobs.create(newJob());
    first.close();
    const second = openStore(file);
    try {
      expect(second.schemaVersion()).toBe(SCHEMA_VERSION);
      expect(second.jobs.get('job-1')?.command).toBe('show version');
    } finally {
      second.close();
    }
  });

  it('applies only the steps a file lacks, and is a no-op when current', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      expect(migrate(db, { path: ':memory:' })).toEqual({ from: 0, to: SCHEMA_VERSION });
      const next = {
        version: SCHEMA_VERSION + 1,
        name: 'test step',
        sql: 'CREATE TABLE extra (x INTEGER) STRICT;',
      };
      expect(migrate(db, { path: ':memory:', migrations: [...MIGRATIONS, next] })).toEqual({
        from: SCHEMA_VERSION,
        to: SCHEMA_VERSION + 1,
      });
      expect(migrate(db, { path: ':memory:', migrations: [...MIGRATIONS, next] })).toEqual({
        from: SCHEMA_VERSION + 1,
        to: SCHEMA_VERSION + 1,
      });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'").get()).toEqual({
        n: 1,
      });
    } finally {
      db.close();
    }
  });

  it('rolls a failing step back entirely, leaving the version where it was', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      const broken = [
        { version: 1, name: 'broken', sql: 'CREATE TABLE ok (x INTEGER); CREATE TABLE ok (y INTEGER);' },
      ];
      expect(() => migrate(db, { path: ':memory:', migrations: broken })).toThrow(/already exists/);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'ok'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer netrun, naming both versions', () => {
    const file = dir.path('future.db');
    openStore(file).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const error = caught(() => openStore(file));
    expect(isNetrunError(error, 'STORE')).toBe(true);
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 5}`);
    expect(error.message).toContain(`knows versions up to ${SCHEMA_VERSION}`);
  });

  it('with mustExist, says plainly that the file is missing and does not create it', () => {
    const file = dir.path('missing.db');
    const error = caught(() => openStore(file, { mustExist: true }));
    expect(isNetrunError(error, 'STORE')).toBe(true);
    expect(error.message).toBe(`no netrun database at ${JSON.stringify(file)}`);
    expect(existsSync(file)).toBe(false);
  });

  it('turns an unopenable path or a file that is not a database into a STORE error', () => {
    const inMissingDir = caught(() => openStore(dir.path('no/such/dir/x.db')));
    expect(isNetrunError(inMissingDir, 'STORE')).toBe(true);
    expect(inMissingDir.message).toContain('no/such/dir/x.db');

    const notDb = dir.path('not-a-db.db');
    writeFileSync(notDb, 'hello, this is a text file and not SQLite at all'.repeat(100));
    const error = caught(() => openStore(notDb));
    expect(isNetrunError(error, 'STORE')).toBe(true);
    expect(error.message).toMatch(/not a database/);
  });
});
