import { describe, expect, it, vi } from 'vitest';
import { type JobEvent, type JobEventListener, summarise } from '../../../src/engine/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createRequestAudit, refuse, withProblems } from '../../../src/slack/listeners/request-audit.js';
import {
  type AuditInput,
  auditJob,
  describeCounts,
  openStore,
  recordAudit,
} from '../../../src/store/index.js';
import { makeResult } from '../../helpers/make-result.js';

function memorySink(now = () => 1_700_000_000_000) {
  const store = openStore(':memory:');
  return { store, log: silentLogger(), now };
}

function emitter(id: string) {
  const listeners = new Set<JobEventListener>();
  return {
    job: {
      id,
      on: (listener: JobEventListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    emit: (event: JobEvent) => {
      for (const listener of listeners) listener(event);
    },
  };
}

describe('auditJob', () => {
  it('records the start, each device with its status and error code, and the end with the counts', () => {
    const sink = memorySink();
    const { job, emit } = emitter('j1');
    auditJob(
      job,
      { actor: 'U1', channel: 'C1', command: 'show version', target: 'core', retryOf: 'j0' },
      sink,
    );
    emit({
      type: 'job:start',
      jobId: 'j1',
      hostCount: 2,
      hosts: ['r1', 'r2'],
      concurrency: 20,
      startedAt: 0,
      meta: {},
    });
    const results = [
      makeResult({ host: 'r1' }),
      makeResult({ host: 'r2', code: 'AUTH_FAILED', message: 'r2: authentication failed' }),
    ];
    for (const [index, result] of results.entries())
      emit({ type: 'host:done', jobId: 'j1', result, done: index + 1, total: 2 });
    emit({
      type: 'job:done',
      jobId: 'j1',
      summary: summarise(results, { wallMs: 500, concurrency: 20 }),
      results,
    });

    const entries = sink.store.audit.query();
    expect(entries.map(({ id: _id, at: _at, ...rest }) => rest)).toEqual([
      {
        actor: 'U1',
        action: 'job-start',
        channel: 'C1',
        target: 'core',
        command: 'show version',
        jobId: 'j1',
        details: { devices: 2, concurrency: 20, retryOf: 'j0' },
      },
      {
        actor: 'U1',
        action: 'device',
        channel: 'C1',
        jobId: 'j1',
        host: 'r1',
        outcome: 'ok',
        details: { ms: 100, platform: 'cisco_ios' },
      },
      {
        actor: 'U1',
        action: 'device',
        channel: 'C1',
        jobId: 'j1',
        host: 'r2',
        outcome: 'failed',
        reason: 'AUTH_FAILED: r2: authentication failed',
        details: { ms: 100, platform: 'cisco_ios', errorCode: 'AUTH_FAILED' },
      },
      {
        actor: 'U1',
        action: 'job-done',
        channel: 'C1',
        target: 'core',
        jobId: 'j1',
        outcome: 'done',
        reason: '1 ok, 1 failed',
        details: { ok: 1, failed: 1, timeout: 0, cancelled: 0, wallMs: 500 },
      },
    ]);
  });

  it('ends `cancelled` when any device was cancelled', () => {
    const sink = memorySink();
    const { job, emit } = emitter('j2');
    auditJob(job, { actor: 'cli:ops', target: 'all' }, sink);
    const results = [makeResult({ host: 'r1', status: 'cancelled', code: 'CANCELLED' })];
    emit({
      type: 'job:done',
      jobId: 'j2',
      summary: summarise(results, { wallMs: 1, concurrency: 1 }),
      results,
    });
    expect(sink.store.audit.query()[0]).toMatchObject({ outcome: 'cancelled', reason: '1 cancelled' });
    expect(describeCounts({ total: 0, byStatus: { ok: 0, failed: 0, timeout: 0, cancelled: 0 } })).toBe(
      'no devices',
    );
  });
});

describe('recordAudit', () => {
  it('never throws: a store that fails is logged with what was lost, and the caller goes on', () => {
    const log = silentLogger();
    const error = vi.spyOn(log, 'error');
    const store = {
      audit: {
        record: (_entry: AuditInput) => {
          throw new Error('SQLITE_BUSY');
        },
      },
    } as unknown as Parameters<typeof recordAudit>[0]['store'];
    expect(recordAudit({ store, log }, { actor: 'U1', action: 'device', jobId: 'j1', host: 'r1' })).toBe(
      false,
    );
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'device', jobId: 'j1', host: 'r1' }),
      'could not write the audit trail; going on without this entry',
    );
  });
});

describe('createRequestAudit', () => {
  const context = { actor: 'U1', channel: 'C1', via: 'slash' as const, request: 'run' as const };

  it('records an accepted slash command as `request`, with its job', () => {
    const sink = memorySink();
    const audit = createRequestAudit(sink, { ...context, command: 'show version', target: 'core' });
    expect(audit.recorded).toBe(false);
    audit.accepted({ jobId: 'j1', details: { devices: 3 } });
    expect(audit.recorded).toBe(true);
    expect(sink.store.audit.query()[0]).toMatchObject({
      action: 'request',
      outcome: 'accepted',
      jobId: 'j1',
      command: 'show version',
      target: 'core',
      details: { request: 'run', via: 'slash', devices: 3 },
    });
  });

  it('records a policy refusal as `refused` with the missing permission first in the reason', () => {
    const sink = memorySink();
    const audit = createRequestAudit(sink, context);
    const message = refuse(audit, { allowed: false, missing: 'run', reason: 'You may not.' }, [
      'S1 (ratelimited)',
    ]);
    expect(message.text).toContain('You may not. (netrun could not check the user groups S1 (ratelimited)');
    expect(sink.store.audit.query()[0]).toMatchObject({
      action: 'refused',
      outcome: 'refused',
      reason: expect.stringMatching(/^missing permission: run — You may not\. \(netrun could not check/),
      details: { missing: 'run', usergroupProblems: ['S1 (ratelimited)'] },
    });
  });

  it('clips what a user typed, and keeps its length', () => {
    const sink = memorySink();
    const audit = createRequestAudit(sink, { ...context, request: 'unparsed', command: 'x'.repeat(100_000) });
    audit.refused({ outcome: 'invalid', reason: 'too long' });
    const [entry] = sink.store.audit.query();
    expect(entry?.command?.length).toBe(500);
    expect(entry?.details).toMatchObject({ commandLength: 100_000 });
  });

  it('names a button decision after the request unless told otherwise', () => {
    const sink = memorySink();
    createRequestAudit(sink, { ...context, via: 'button', request: 'cancel', jobId: 'j9' }).accepted({
      outcome: 'cancelled',
    });
    expect(sink.store.audit.query()[0]).toMatchObject({
      action: 'cancel',
      outcome: 'cancelled',
      jobId: 'j9',
    });
    expect(withProblems('No.', [])).toBe('No.');
  });
});
