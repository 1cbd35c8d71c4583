import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/engine/index.js';
import { makeResult } from '../../helpers/make-result.js';

describe('summarise', () => {
  it('summarises a job with no devices without dividing by zero', () => {
    const summary = summarise([], { wallMs: 0, concurrency: 20 });
    expect(summary).toMatchObject({
      total: 0,
      ok: 0,
      notOk: 0,
      started: 0,
      deviceMsSum: 0,
      speedUp: null,
      p50Ms: null,
      p95Ms: null,
      maxMs: null,
      slowest: [],
      byReason: [],
      concurrency: { configured: 20, peak: 0 },
    });
  });

  it('summarises one device', () => {
    const summary = summarise([makeResult({ host: 'r1', totalMs: 250 })], { wallMs: 260, concurrency: 5 });
    expect(summary.total).toBe(1);
    expect(summary.ok).toBe(1);
    expect(summary.p50Ms).toBe(250);
    expect(summary.p95Ms).toBe(250);
    expect(summary.maxMs).toBe(250);
    expect(summary.speedUp).toBeCloseTo(250 / 260);
    expect(summary.slowest).toEqual([{ host: 'r1', ms: 250 }]);
    expect(summary.concurrency).toEqual({ configured: 5, peak: 1 });
  });

  it('counts every reason when all devices failed', () => {
    const results = [
      makeResult({ host: 'r1', code: 'AUTH_FAILED' }),
      makeResult({ host: 'r2', status: 'timeout', code: 'HOST_TIMEOUT' }),
      makeResult({ host: 'r3', code: 'AUTH_FAILED' }),
      makeResult({ host: 'r4', code: 'CONNECT_REFUSED' }),
    ];
    const summary = summarise(results, { wallMs: 100, concurrency: 4 });
    expect(summary.ok).toBe(0);
    expect(summary.notOk).toBe(4);
    expect(summary.byStatus).toEqual({ ok: 0, failed: 3, timeout: 1, cancelled: 0 });
    expect(summary.byReason).toEqual([
      { code: 'AUTH_FAILED', title: 'authentication failed', count: 2, hosts: ['r1', 'r3'] },
      { code: 'HOST_TIMEOUT', title: 'device timed out', count: 1, hosts: ['r2'] },
      { code: 'CONNECT_REFUSED', title: 'connection refused', count: 1, hosts: ['r4'] },
    ]);
  });

  it('gives a non-ok result without an error a code from its status', () => {
    const results = [
      makeResult({ host: 'r1', status: 'cancelled' }),
      makeResult({ host: 'r2', status: 'failed' }),
    ];
    const codes = summarise(results, { wallMs: 1, concurrency: 1 }).byReason.map((reason) => reason.code);
    expect(codes).toEqual(['CANCELLED', 'INTERNAL']);
  });

  it('computes device time, speed-up, percentiles and the slowest devices', () => {
    const results = [100, 400, 200, 300, 1000].map((totalMs, index) =>
      makeResult({ host: `r${index + 1}`, totalMs, startedAt: 0 }),
    );
    const summary = summarise(results, { wallMs: 1000, concurrency: 5, slowest: 2 });
    expect(summary.deviceMsSum).toBe(2000);
    expect(summary.speedUp).toBe(2);
    expect(summary.p50Ms).toBe(300);
    expect(summary.p95Ms).toBe(1000);
    expect(summary.maxMs).toBe(1000);
    expect(summary.slowest).toEqual([
      { host: 'r5', ms: 1000 },
      { host: 'r2', ms: 400 },
    ]);
  });

  it('leaves devices that never started out of device time but counts them', () => {
    const results = [
      makeResult({ host: 'r1', totalMs: 500 }),
      makeResult({ host: 'r2', status: 'cancelled', code: 'CANCELLED', totalMs: 0, started: false }),
      makeResult({ host: 'r3', status: 'cancelled', code: 'NOT_RUN', totalMs: 0, started: false }),
    ];
    const summary = summarise(results, { wallMs: 500, concurrency: 2 });
    expect(summary.total).toBe(3);
    expect(summary.started).toBe(1);
    expect(summary.p50Ms).toBe(500);
    expect(summary.slowest.map((device) => device.host)).toEqual(['r1']);
    expect(summary.byStatus.cancelled).toBe(2);
    expect(summary.byReason.map((reason) => reason.code)).toEqual(['CANCELLED', 'NOT_RUN']);
  });

  it('derives the peak from overlapping start/finish times when the runner gives none', () => {
    const results = [
      makeResult({ host: 'a', startedAt: 0, totalMs: 100 }),
      makeResult({ host: 'b', startedAt: 50, totalMs: 100 }),
      makeResult({ host: 'c', startedAt: 60, totalMs: 10 }),
      // starts exactly when a ends: the same slot, reused
      makeResult({ host: 'd', startedAt: 100, totalMs: 10 }),
    ];
    expect(summarise(results, { wallMs: 150, concurrency: 8 }).concurrency).toEqual({
      configured: 8,
      peak: 3,
    });
    expect(summarise(results, { wallMs: 150, concurrency: 8, peakConcurrency: 4 }).concurrency.peak).toBe(4);
  });
});
