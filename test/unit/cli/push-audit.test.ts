import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPushAudit, recordPushRequest } from '../../../src/cli/push-audit.js';
import { silentLogger } from '../../../src/logger.js';
import { type DryRun, summarisePlans } from '../../../src/push/index.js';
import { openStore } from '../../../src/store/index.js';
import { captureIo } from '../../helpers/capture-io.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netrun-push-audit-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the push audit', () => {
  it('says on stderr that a push is not recorded without a database; --db must exist', () => {
    const captured = captureIo({});
    const missing = join(dir, 'absent.db');
    expect(openPushAudit(missing, false, captured.io, silentLogger())).toBeUndefined();
    expect(captured.stderr()).toContain(`no audit database at ${missing}: this push is not recorded`);
    expect(existsSync(missing)).toBe(false);
    expect(() => openPushAudit(missing, true, captured.io, silentLogger())).toThrow();
    expect(existsSync(missing)).toBe(false);
  });

  it('records the request with its rollout and confirmation, secrets in the lines masked', () => {
    const store = openStore(':memory:');
    const dryRun = { perDevice: [], summary: summarisePlans([]), cancelled: false } as unknown as DryRun;
    recordPushRequest(store, silentLogger(), {
      actor: 'cli:alice',
      target: 'core',
      lines: ['ntp server 10.0.0.1', 'username ops secret 0 hunter2'],
      dryRun,
      rollout: { save: false, canary: 2, stopAfterFailures: 3 },
      outcome: 'confirmed',
      confirmation: '--yes',
    });
    const [entry] = store.audit.query({ action: 'request' });
    expect(entry).toMatchObject({
      actor: 'cli:alice',
      outcome: 'confirmed',
      command: 'config push: 2 lines',
      target: 'core',
      details: {
        request: 'push',
        via: 'cli',
        confirmation: '--yes',
        save: false,
        canary: 2,
        stopAfterFailures: 3,
      },
    });
    expect(JSON.stringify(entry)).not.toContain('hunter2');
    expect(JSON.stringify(entry)).toContain('ntp server 10.0.0.1');
    store.close();
  });
});
