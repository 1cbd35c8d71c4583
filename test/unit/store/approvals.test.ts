import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/index.js';
import type { DecideInput } from '../../../src/store/types.js';
import { memoryStore, newApproval, type TestClock } from './store-fixtures.js';

let store: Store;
let clock: TestClock;
afterEach(() => store.close());

const MINUTE = 60_000;

function open(requiredApprovals = 1) {
  ({ store, clock } = memoryStore());
  store.approvals.create(newApproval(clock.now + 30 * MINUTE, { requiredApprovals }));
}

function click(user: string, decision: 'approve' | 'reject' = 'approve', extra: Partial<DecideInput> = {}) {
  return store.approvals.decide({ id: 'apr-1', user, decision, now: clock.now, isApprover: true, ...extra });
}

describe('approvals: create and read', () => {
  it('stores the request as pending with everything the approval message shows', () => {
    ({ store, clock } = memoryStore());
    const request = newApproval(clock.now + 30 * MINUTE);
    const record = store.approvals.create(request);
    expect(record).toMatchObject({
      ...request,
      requiredApprovals: 1,
      status: 'pending',
      createdAt: clock.now,
      votes: [],
    });
    expect(record.messageTs).toBeUndefined();
    store.approvals.setMessage('apr-1', '1741683600.000300');
    expect(store.approvals.get('apr-1')!.messageTs).toBe('1741683600.000300');
    expect(store.approvals.pending().map((a) => a.id)).toEqual(['apr-1']);
    expect(() => store.approvals.setMessage('ghost', '1')).toThrow(/no approval request with id "ghost"/);
  });

  it('refuses a required count below one', () => {
    ({ store, clock } = memoryStore());
    expect(() => store.approvals.create(newApproval(clock.now + MINUTE, { requiredApprovals: 0 }))).toThrow(
      /requiredApprovals must be a whole number ≥ 1/,
    );
  });
});

describe('approvals.decide', () => {
  it('approves with one vote from an approver, exactly once', () => {
    open();
    clock.now += MINUTE;
    const outcome = click('U_CAROL');
    expect(outcome).toMatchObject({ kind: 'approved', approvers: ['U_CAROL'] });
    if (outcome.kind !== 'approved') throw new Error('unreachable');
    expect(outcome.approval).toMatchObject({
      status: 'approved',
      decidedBy: 'U_CAROL',
      decidedAt: clock.now,
    });
    expect(outcome.approval.votes).toEqual([{ user: 'U_CAROL', decision: 'approve', at: clock.now }]);

    const again = [click('U_CAROL'), click('U_DAVE'), click('U_DAVE', 'reject')];
    expect(again.map((o) => o.kind)).toEqual(['already-decided', 'already-decided', 'already-decided']);
    expect(again[1]).toMatchObject({ status: 'approved', decision: 'approve', by: 'U_CAROL', at: clock.now });
    expect(store.approvals.get('apr-1')!.votes).toHaveLength(1);
  });

  it('never lets the requester approve their own push, even when the policy says approver', () => {
    open();
    const outcome = click('U_BOB');
    expect(outcome.kind).toBe('self-approval');
    expect(store.approvals.get('apr-1')).toMatchObject({ status: 'pending', votes: [] });
  });

  it('lets the requester withdraw (reject) their own request', () => {
    open();
    const outcome = click('U_BOB', 'reject', { isApprover: false });
    expect(outcome).toMatchObject({ kind: 'rejected', approval: { status: 'rejected', decidedBy: 'U_BOB' } });
  });

  it('refuses a click from someone who is not an approver and records nothing', () => {
    open();
    expect(click('U_EVE', 'approve', { isApprover: false }).kind).toBe('not-approver');
    expect(click('U_EVE', 'reject', { isApprover: false }).kind).toBe('not-approver');
    expect(store.approvals.get('apr-1')).toMatchObject({ status: 'pending', votes: [] });
  });

  it('rejects, and a later approve finds it decided with who, when and what', () => {
    open();
    clock.now += 2 * MINUTE;
    const rejectedAt = clock.now;
    expect(click('U_DAVE', 'reject')).toMatchObject({ kind: 'rejected', approval: { status: 'rejected' } });
    clock.now += MINUTE;
    expect(click('U_CAROL')).toMatchObject({
      kind: 'already-decided',
      status: 'rejected',
      decision: 'reject',
      by: 'U_DAVE',
      at: rejectedAt,
    });
  });

  it('needs N different approvers; a second vote by the same user counts once', () => {
    open(2);
    const first = click('U_CAROL');
    expect(first).toMatchObject({ kind: 'vote-recorded', approvals: 1, required: 2 });
    expect(first.kind === 'vote-recorded' && first.approval.status).toBe('pending');
    const dup = click('U_CAROL');
    expect(dup).toMatchObject({ kind: 'duplicate-vote', previous: { user: 'U_CAROL', decision: 'approve' } });
    const changedMind = click('U_CAROL', 'reject');
    expect(changedMind.kind).toBe('duplicate-vote');
    clock.now += MINUTE;
    const second = click('U_DAVE');
    expect(second).toMatchObject({ kind: 'approved', approvers: ['U_CAROL', 'U_DAVE'] });
    expect(second.kind === 'approved' && second.approval.decidedBy).toBe('U_DAVE');
    expect(click('U_FRANK').kind).toBe('already-decided');
  });

  it('lets one reject end a request that needs several approvals', () => {
    open(3);
    expect(click('U_CAROL').kind).toBe('vote-recorded');
    expect(click('U_DAVE', 'reject').kind).toBe('rejected');
    expect(store.approvals.get('apr-1')!.votes.map((v) => v.decision)).toEqual(['approve', 'reject']);
  });

  it('expires at its deadline: the click changes nothing but marks the request expired', () => {
    open();
    clock.now += 30 * MINUTE;
    const first = click('U_CAROL');
    expect(first).toMatchObject({
      kind: 'expired',
      justExpired: true,
      approval: { status: 'expired', votes: [] },
    });
    expect(click('U_DAVE')).toMatchObject({ kind: 'expired', justExpired: false });
    expect(store.approvals.pending()).toEqual([]);
  });

  it('answers not-found for an unknown request', () => {
    open();
    expect(
      store.approvals.decide({ id: 'x', user: 'U', decision: 'approve', now: clock.now, isApprover: true }),
    ).toEqual({ kind: 'not-found', id: 'x' });
  });

  it('returns approved once among many clicks', () => {
    open();
    const kinds = ['U_1', 'U_2', 'U_3', 'U_1', 'U_4'].map((user) => click(user).kind);
    expect(kinds.filter((kind) => kind === 'approved')).toHaveLength(1);
    expect(kinds[0]).toBe('approved');
  });
});

describe('approvals: execution and expiry', () => {
  it('claims an approved request for one job only, then finishes it', () => {
    open();
    expect(store.approvals.claimExecution('apr-1', 'job-x')).toEqual({
      claimed: false,
      reason: 'not-approved',
      status: 'pending',
    });
    click('U_CAROL');
    clock.now += 1000;
    const won = store.approvals.claimExecution('apr-1', 'job-a');
    expect(won).toMatchObject({ claimed: true, approval: { status: 'executing', jobId: 'job-a' } });
    expect(won.claimed && won.approval.executionStartedAt).toBe(clock.now);
    expect(store.approvals.claimExecution('apr-1', 'job-b')).toEqual({
      claimed: false,
      reason: 'already-claimed',
      status: 'executing',
      jobId: 'job-a',
    });
    expect(store.approvals.interruptedExecutions().map((a) => a.id)).toEqual(['apr-1']);

    const outcome = { result: 'done' as const, message: '2 devices changed' };
    expect(store.approvals.finish('apr-1', outcome)).toBe(true);
    expect(store.approvals.get('apr-1')).toMatchObject({
      status: 'finished',
      outcome,
      finishedAt: clock.now,
    });
    expect(store.approvals.finish('apr-1', outcome)).toBe(false);
    expect(store.approvals.claimExecution('apr-1', 'job-c')).toMatchObject({ reason: 'already-claimed' });
    expect(store.approvals.claimExecution('ghost', 'job-c')).toEqual({ claimed: false, reason: 'not-found' });
    expect(store.approvals.interruptedExecutions()).toEqual([]);
  });

  it('does not finish a request that was never claimed', () => {
    open();
    expect(store.approvals.finish('apr-1', { result: 'done' })).toBe(false);
    expect(store.approvals.get('apr-1')!.status).toBe('pending');
  });

  it('expires due requests once and returns them for their messages', () => {
    ({ store, clock } = memoryStore());
    const t0 = clock.now;
    store.approvals.create(newApproval(t0 + 10 * MINUTE, { id: 'a' }));
    store.approvals.create(newApproval(t0 + 20 * MINUTE, { id: 'b' }));
    store.approvals.create(newApproval(t0 + 30 * MINUTE, { id: 'c' }));
    store.approvals.decide({ id: 'b', user: 'U_CAROL', decision: 'reject', now: t0, isApprover: true });

    expect(store.approvals.expireDue(t0 + 5 * MINUTE)).toEqual([]);
    const expired = store.approvals.expireDue(t0 + 25 * MINUTE);
    expect(expired.map((a) => [a.id, a.status, a.decidedAt])).toEqual([['a', 'expired', t0 + 25 * MINUTE]]);
    expect(store.approvals.expireDue(t0 + 25 * MINUTE)).toEqual([]);
    expect(store.approvals.pending().map((a) => a.id)).toEqual(['c']);
    expect(store.approvals.list({ status: 'rejected' }).map((a) => a.id)).toEqual(['b']);
    expect(store.approvals.list().map((a) => a.id)).toHaveLength(3);
  });
});
