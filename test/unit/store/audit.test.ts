import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import { memoryStore, type TestClock } from './store-fixtures.js';

let store: Store;
let clock: TestClock;
afterEach(() => store.close());

const HOUR = 3_600_000;

function seed() {
  ({ store, clock } = memoryStore());
  const t0 = clock.now;
  const rows = [
    {
      at: t0,
      actor: 'U_ALICE',
      action: 'request',
      command: 'show version',
      jobId: 'j1',
      outcome: 'accepted',
    },
    {
      at: t0 + HOUR,
      actor: 'U_MALLORY',
      action: 'refused',
      command: 'reload',
      reason: 'missing run permission',
    },
    { at: t0 + HOUR, actor: 'netrun', action: 'device', jobId: 'j1', host: 'r1', outcome: 'ok' },
    { at: t0 + 2 * HOUR, actor: 'U_BOB', action: 'approval-request', approvalId: 'a1', target: 'edge' },
    { at: t0 + 3 * HOUR, actor: 'U_CAROL', action: 'approve', approvalId: 'a1', outcome: 'approved' },
    { at: t0 + 4 * HOUR, actor: 'U_ALICE', action: 'cancel', jobId: 'j1' },
  ];
  return { t0, entries: rows.map((row) => store.audit.record(row)) };
}

describe('audit', () => {
  it('records an entry with an id, the store clock by default, and only the fields given', () => {
    ({ store, clock } = memoryStore());
    const entry = store.audit.record({
      actor: 'cli:ops',
      action: 'request',
      channel: 'C1',
      details: { concurrency: 20, hosts: ['r1', 'r2'], dryRun: null },
    });
    expect(entry).toEqual({
      id: 1,
      at: clock.now,
      actor: 'cli:ops',
      action: 'request',
      channel: 'C1',
      details: { concurrency: 20, hosts: ['r1', 'r2'], dryRun: null },
    });
    expect(store.audit.query()).toEqual([entry]);
  });

  it('reads back chronologically, ties in the order recorded', () => {
    const { entries } = seed();
    expect(store.audit.query()).toEqual(entries);
    expect(store.audit.query().map((e) => e.action)).toEqual([
      'request',
      'refused',
      'device',
      'approval-request',
      'approve',
      'cancel',
    ]);
  });

  it('filters by time (since inclusive, until exclusive), user, action, job and approval', () => {
    const { t0 } = seed();
    const actions = (q: Parameters<Store['audit']['query']>[0]) => store.audit.query(q).map((e) => e.action);
    expect(actions({ since: t0 + HOUR, until: t0 + 3 * HOUR })).toEqual([
      'refused',
      'device',
      'approval-request',
    ]);
    expect(actions({ user: 'U_ALICE' })).toEqual(['request', 'cancel']);
    expect(actions({ user: ['U_BOB', 'U_CAROL'] })).toEqual(['approval-request', 'approve']);
    expect(actions({ action: ['refused', 'approve'] })).toEqual(['refused', 'approve']);
    expect(actions({ jobId: 'j1' })).toEqual(['request', 'device', 'cancel']);
    expect(actions({ approvalId: 'a1' })).toEqual(['approval-request', 'approve']);
    expect(actions({ user: 'U_ALICE', since: t0 + 1 })).toEqual(['cancel']);
    expect(actions({ user: [] })).toHaveLength(6);
  });

  it('keeps the newest N with a limit, still oldest first', () => {
    seed();
    expect(store.audit.query({ limit: 2 }).map((e) => e.action)).toEqual(['approve', 'cancel']);
    expect(store.audit.query({ limit: 2, user: 'U_ALICE' }).map((e) => e.action)).toEqual([
      'request',
      'cancel',
    ]);
    expect(store.audit.query({ limit: 0 })).toEqual([]);
  });

  it('prunes entries older than the retention and says how many', () => {
    const { t0 } = seed();
    const now = t0 + 2 * HOUR + 86_400_000; // one day after the approval request
    expect(store.audit.prune(1, now)).toBe(3);
    expect(store.audit.query().map((e) => e.action)).toEqual(['approval-request', 'approve', 'cancel']);
    expect(store.audit.prune(1, now)).toBe(0);
  });
});
