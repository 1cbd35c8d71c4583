import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_HELP, runRunCommand } from '../../../src/cli/run-command.js';
import { openStore } from '../../../src/store/index.js';
import { captureIo } from '../../helpers/capture-io.js';
import { type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

let fixture: LabFixture;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [
      { name: 'r1', platform: 'cisco_ios' },
      { name: 'r2', platform: 'arista_eos', fault: 'auth-reject' },
    ],
  });
});

afterAll(async () => {
  await fixture?.stop();
});

async function run(db: string) {
  const captured = captureIo({ ...fixture.env, NETRUN_DB: db });
  const code = await runRunCommand(['show version', 'all'], captured.io, { osUser: () => 'ops' });
  return { ...captured, code };
}

describe('netrun run and the audit trail', () => {
  it('records the run as cli:<os user> when the bot’s database exists', async () => {
    const db = join(fixture.dir, 'netrun.db');
    openStore(db).close();
    const { code } = await run(db);
    expect(code).toBe(1);
    const store = openStore(db, { mustExist: true });
    try {
      const entries = store.audit.query();
      expect(entries.map((e) => e.actor)).toEqual(Array(5).fill('cli:ops'));
      expect(entries.map((e) => e.action)).toEqual(['request', 'job-start', 'device', 'device', 'job-done']);
      const devices = entries.filter((e) => e.action === 'device').map((e) => `${e.host}:${e.outcome}`);
      expect(devices.sort()).toEqual(['r1:ok', 'r2:failed']);
      const jobId = entries[0]?.jobId;
      expect(jobId).toBeDefined();
      for (const entry of entries) expect(entry.jobId).toBe(jobId);
      expect(entries[0]).toMatchObject({ command: 'show version', target: 'all', details: { via: 'cli' } });
      expect(entries.find((e) => e.host === 'r2')?.reason).toMatch(/^AUTH_FAILED: /);
      expect(entries.at(-1)?.reason).toBe('1 ok, 1 failed');
    } finally {
      store.close();
    }
  });

  it('never creates a database for a terminal run', async () => {
    const db = join(fixture.dir, 'nowhere.db');
    const { code, stdout } = await run(db);
    expect(code).toBe(1);
    expect(stdout()).toContain('r1');
    expect(existsSync(db)).toBe(false);
  });

  it('says so in `netrun run --help`', () => {
    expect(RUN_HELP).toContain('cli:<your OS user>');
    expect(RUN_HELP).toContain('never creates that database');
  });
});
