import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliActor, openAuditStore } from '../../../src/cli/run-audit.js';
import { silentLogger } from '../../../src/logger.js';
import { openStore } from '../../../src/store/index.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netrun-cli-audit-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cliActor', () => {
  it('is cli:<os account>, falling back to $USER, then $LOGNAME, then unknown', () => {
    expect(cliActor({ USER: 'env-user' }, () => 'alice')).toBe('cli:alice');
    const noPasswd = () => {
      throw new Error('ENOENT: no passwd entry');
    };
    expect(cliActor({ USER: 'env-user' }, noPasswd)).toBe('cli:env-user');
    expect(cliActor({ LOGNAME: 'logname' }, noPasswd)).toBe('cli:logname');
    expect(cliActor({}, noPasswd)).toBe('cli:unknown');
  });
});

describe('openAuditStore', () => {
  it('never creates a database: a missing file or :memory: means no audit', () => {
    const missing = join(dir, 'missing.db');
    expect(openAuditStore(missing, silentLogger(), 'run')).toBeUndefined();
    expect(existsSync(missing)).toBe(false);
    expect(openAuditStore(':memory:', silentLogger(), 'run')).toBeUndefined();
  });

  it('opens the bot database when it exists, and only warns when it cannot', async () => {
    const path = join(dir, 'bot.db');
    openStore(path).close();
    const store = openAuditStore(path, silentLogger(), 'run');
    expect(store?.path).toBe(path);
    store?.close();
    const broken = join(dir, 'broken.db');
    await writeFile(broken, 'not a database, just text that is long enough to have a header');
    const log = silentLogger();
    const warn = vi.spyOn(log, 'warn');
    expect(openAuditStore(broken, log, 'push')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('this push is not audited'));
  });
});
