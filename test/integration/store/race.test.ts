import { afterAll, describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION } from '../../../src/store/index.js';
import { newApproval } from '../../unit/store/store-fixtures.js';
import { lastJson, runTogether } from './children.js';
import { tempDir } from './temp-db.js';

const dir = tempDir();
afterAll(() => dir.remove());

const IDS = Array.from({ length: 40 }, (_, index) => `apr-${index}`);

function seedApprovals(file: string, approve: boolean, requiredApprovals = 1) {
  const store = openStore(file);
  for (const id of IDS) {
    store.approvals.create(newApproval(Date.now() + 3_600_000, { id, requiredApprovals }));
    if (approve) {
      store.approvals.decide({ id, user: 'U_CAROL', decision: 'approve', now: Date.now(), isApprover: true });
    }
  }
  store.close();
}

describe('several processes on one database file', () => {
  it('claims each approved push exactly once across four racing processes', async () => {
    const file = dir.path('claim.db');
    seedApprovals(file, true);
    const racers = ['p1', 'p2', 'p3', 'p4'];
    const runs = await runTogether(racers.map((name) => ['claim', file, name, ...IDS]));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    const results = runs.map((run) => lastJson<{ id: string; claimed: boolean }[]>(run));

    const store = openStore(file);
    try {
      for (const id of IDS) {
        const winners = racers.filter((_, index) => results[index]!.find((r) => r.id === id)!.claimed);
        expect(winners, id).toHaveLength(1);
        expect(store.approvals.get(id)).toMatchObject({ status: 'executing', jobId: `${winners[0]}:${id}` });
      }
    } finally {
      store.close();
    }
  });

  it('returns `approved` once per request when approvers click at the same moment', async () => {
    const file = dir.path('decide.db');
    seedApprovals(file, false);
    const runs = await runTogether(['U_A1', 'U_A2', 'U_A3'].map((user) => ['approve', file, user, ...IDS]));
    const results = runs.map((run) => lastJson<{ id: string; kind: string }[]>(run));
    for (const id of IDS) {
      const kinds = results.map((result) => result.find((r) => r.id === id)!.kind).sort();
      expect(kinds, id).toEqual(['already-decided', 'already-decided', 'approved']);
    }
  });

  it('counts every vote once when two approvals are needed', async () => {
    const file = dir.path('decide-2.db');
    seedApprovals(file, false, 2);
    const runs = await runTogether(['U_A1', 'U_A2', 'U_A3'].map((user) => ['approve', file, user, ...IDS]));
    const results = runs.map((run) => lastJson<{ id: string; kind: string }[]>(run));
    const store = openStore(file);
    try {
      for (const id of IDS) {
        const kinds = results.map((result) => result.find((r) => r.id === id)!.kind).sort();
        expect(kinds, id).toEqual(['already-decided', 'approved', 'vote-recorded']);
        expect(store.approvals.get(id)!.votes).toHaveLength(2);
      }
    } finally {
      store.close();
    }
  });

  it('lets several processes create and migrate a fresh file at once', async () => {
    const file = dir.path('fresh.db');
    const runs = await runTogether([1, 2, 3].map(() => ['open', file, 'x']));
    expect(runs.map((run) => lastJson<{ version: number }>(run))).toEqual([
      { version: SCHEMA_VERSION },
      { version: SCHEMA_VERSION },
      { version: SCHEMA_VERSION },
    ]);
  });
});

describe('two connections in one process', () => {
  it('see each other’s claims: the second connection cannot claim again', () => {
    const file = dir.path('two-connections.db');
    const a = openStore(file);
    const b = openStore(file);
    try {
      a.approvals.create(newApproval(Date.now() + 60_000, { id: 'x' }));
      expect(
        b.approvals.decide({ id: 'x', user: 'U_C', decision: 'approve', now: Date.now(), isApprover: true })
          .kind,
      ).toBe('approved');
      expect(
        a.approvals.decide({ id: 'x', user: 'U_D', decision: 'approve', now: Date.now(), isApprover: true })
          .kind,
      ).toBe('already-decided');
      expect(a.approvals.claimExecution('x', 'job-a').claimed).toBe(true);
      expect(b.approvals.claimExecution('x', 'job-b')).toEqual({
        claimed: false,
        reason: 'already-claimed',
        status: 'executing',
        jobId: 'job-a',
      });
    } finally {
      a.close();
      b.close();
    }
  });
});
