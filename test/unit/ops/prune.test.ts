import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/engine/index.js';
import { silentLogger } from '../../../src/logger.js';
import { pruneOnce } from '../../../src/ops/index.js';
import { memoryStore, newJob } from '../store/store-fixtures.js';

const DAY = 86_400_000;

describe('pruning by NETRUN_AUDIT_RETENTION_DAYS', () => {
  it('deletes audit entries and finished jobs older than the retention, keeps the rest and running jobs', () => {
    const { store, clock } = memoryStore();
    const start = clock.now;
    store.audit.record({ actor: 'U_ALICE', action: 'request', at: start });
    store.jobs.create(newJob({ id: 'old-done' }));
    store.jobs.finish('old-done', 'done', summarise([], { wallMs: 0, concurrency: 1 }));
    store.jobs.create(newJob({ id: 'old-running' }));
    clock.now = start + 40 * DAY;
    store.audit.record({ actor: 'U_ALICE', action: 'request', at: clock.now });
    const result = pruneOnce({ store, retentionDays: 30, log: silentLogger(), now: clock });
    expect(result).toEqual({ auditEntries: 1, jobs: 1 });
    expect(store.audit.query().length).toBe(1);
    expect(store.jobs.get('old-done')).toBeUndefined();
    expect(store.jobs.get('old-running')?.status).toBe('running');
  });

  it('reports a store failure instead of throwing (the bot keeps running)', () => {
    const { store } = memoryStore();
    store.close();
    expect(pruneOnce({ store, retentionDays: 30, log: silentLogger() })).toBeUndefined();
  });
});
