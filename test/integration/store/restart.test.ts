import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { makeResult } from '../../helpers/make-result.js';
import { newApproval, newJob } from '../../unit/store/store-fixtures.js';
import { runTogether } from './children.js';
import { tempDir } from './temp-db.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('restart recovery on the same file', () => {
  it('after kill -9 mid-job: the job is interrupted with its finished devices, approvals stay valid', async () => {
    const file = dir.path('crash.db');
    const [run] = await runTogether([['crash', file, 'bot']]);
    expect(run!.signal).toBe('SIGKILL');
    expect(run!.stdout).toContain('crashing');

    const store = openStore(file);
    try {
      const [interrupted, ...others] = store.jobs.interruptRunning(Date.now());
      expect(others).toEqual([]);
      expect(interrupted!.job).toMatchObject({ id: 'job-crash', status: 'interrupted' });
      expect(interrupted!.thread).toEqual({ channel: 'C_NETOPS', ts: '1741683600.000100' });
      expect(interrupted!.finished).toEqual([
        { host: 'r2', status: 'ok', errorCode: undefined, posted: true },
        { host: 'r4', status: 'failed', errorCode: 'COMMAND_TIMEOUT', posted: false },
      ]);
      expect(interrupted!.unfinished).toEqual(['r1', 'r3']);

      // The push that was executing is reported, and can never be claimed (run) again.
      const executing = store.approvals.interruptedExecutions();
      expect(executing.map((a) => [a.id, a.jobId])).toEqual([['apr-running', 'job-push']]);
      expect(store.approvals.claimExecution('apr-running', 'job-again')).toMatchObject({
        claimed: false,
        reason: 'already-claimed',
      });
      expect(
        store.approvals.finish('apr-running', { result: 'interrupted', message: 'netrun restarted' }),
      ).toBe(true);
      expect(store.approvals.interruptedExecutions()).toEqual([]);

      // The pending request's buttons still work after the restart.
      expect(store.approvals.pending().map((a) => a.id)).toEqual(['apr-pending']);
      const vote = { id: 'apr-pending', user: 'U_CAROL', decision: 'approve' as const, now: Date.now() };
      expect(store.approvals.decide({ ...vote, isApprover: true }).kind).toBe('approved');
      expect(store.approvals.claimExecution('apr-pending', 'job-2').claimed).toBe(true);
    } finally {
      store.close();
    }
  });

  it('keeps pending requests, votes and results across a clean close and re-open', () => {
    const file = dir.path('reopen.db');
    const now = Date.now();
    const first = openStore(file);
    first.approvals.create(newApproval(now + 60_000, { requiredApprovals: 2 }));
    first.approvals.setMessage('apr-1', '1741683600.000900');
    first.approvals.decide({ id: 'apr-1', user: 'U_CAROL', decision: 'approve', now, isApprover: true });
    first.jobs.create(newJob());
    first.jobs.recordResult('job-1', makeResult({ host: 'r1', outputs: [['show version', 'IOS 15.2']] }));
    first.close();

    const second = openStore(file);
    try {
      expect(second.approvals.get('apr-1')).toMatchObject({
        status: 'pending',
        messageTs: '1741683600.000900',
        votes: [{ user: 'U_CAROL', decision: 'approve', at: now }],
      });
      const again = { id: 'apr-1', decision: 'approve' as const, now: now + 1000, isApprover: true };
      expect(second.approvals.decide({ ...again, user: 'U_CAROL' }).kind).toBe('duplicate-vote');
      expect(second.approvals.decide({ ...again, user: 'U_DAVE' }).kind).toBe('approved');
      expect(second.jobs.results('job-1')[0]!.outputs).toEqual([
        { command: 'show version', output: 'IOS 15.2' },
      ]);
    } finally {
      second.close();
    }
  });
});
