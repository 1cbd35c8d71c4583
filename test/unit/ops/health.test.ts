import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HealthState, watchSocket } from '../../../src/ops/index.js';

function state(storeHealthy: () => boolean = () => true) {
  let now = 1_000_000;
  const health = new HealthState({
    mode: 'socket',
    storeHealthy,
    stats: () => ({ queued: 3, running: 2, jobs: 1 }),
    now: () => now,
  });
  return { health, tick: (ms: number) => (now += ms) };
}

describe('HealthState', () => {
  it('is not ready until Slack is connected, then ready with the runner figures', () => {
    const { health, tick } = state();
    expect(health.report()).toMatchObject({
      status: 'unavailable',
      checks: { slack: { ok: false, detail: expect.stringContaining('auth.test') }, store: { ok: true } },
    });
    health.setSlack('connected');
    tick(61_000);
    expect(health.report()).toEqual({
      status: 'ok',
      checks: {
        slack: { ok: true, detail: 'connected' },
        store: { ok: true, detail: 'open' },
        accepting: { ok: true, detail: 'accepting commands' },
      },
      mode: 'socket',
      uptimeSeconds: 61,
      jobs: { queued: 3, running: 2, jobs: 1 },
    });
  });

  it('says which part is not ready: a closed or failing store', () => {
    const closed = state(() => false).health;
    closed.setSlack('connected');
    expect(closed.report()).toMatchObject({
      status: 'unavailable',
      checks: { store: { ok: false, detail: 'closed or not answering' } },
    });
    const failing = state(() => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    }).health;
    failing.setSlack('connected');
    expect(failing.report().checks.store).toEqual({
      ok: false,
      detail: 'not answering: SQLITE_IOERR: disk I/O error',
    });
  });

  it('turns unavailable as soon as a shutdown begins, naming the signal', () => {
    const { health } = state();
    health.setSlack('connected');
    health.setStopping('SIGTERM');
    health.setStopping('SIGINT');
    expect(health.stopping).toBe(true);
    expect(health.report()).toMatchObject({
      status: 'unavailable',
      checks: {
        slack: { ok: true },
        accepting: { ok: false, detail: expect.stringContaining('shutting down (SIGTERM)') },
      },
    });
  });

  it('follows the Socket Mode connection as Slack drops and restores it', () => {
    const { health } = state();
    const socket = new EventEmitter();
    watchSocket(socket, health);
    socket.emit('connected');
    expect(health.report().checks.slack).toEqual({ ok: true, detail: 'Socket Mode connected' });
    socket.emit('reconnecting');
    expect(health.report()).toMatchObject({
      status: 'unavailable',
      checks: { slack: { ok: false, detail: expect.stringContaining('reconnecting') } },
    });
    socket.emit('connected');
    expect(health.report().status).toBe('ok');
    health.setSlack('stopped');
    socket.emit('disconnected');
    expect(health.slack).toBe('stopped');
  });
});
