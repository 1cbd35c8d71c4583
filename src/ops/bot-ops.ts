import type { Runner } from '../engine/index.js';
import type { Logger } from '../logger.js';
import { ACTION_IDS, type NetrunApp } from '../slack/index.js';
import type { Store } from '../store/index.js';
import { HealthState, watchSocket } from './health.js';
import { type BotMetrics, createBotMetrics } from './metrics.js';
import type { OpsEndpoints } from './ops-http.js';
import { refuseWhileStopping } from './shutdown-gate.js';
import { instrumentWebClient } from './slack-calls.js';

/** Health, metrics and the endpoints serving them: one set per bot. */
export interface BotOps {
  health: HealthState;
  metrics: BotMetrics;
  endpoints: OpsEndpoints;
}

export interface BotOpsDeps {
  mode: 'http' | 'socket';
  store: Store;
  runner: Runner;
  log: Logger;
}

export function createBotOps(deps: BotOpsDeps): BotOps {
  const health = new HealthState({
    mode: deps.mode,
    storeHealthy: () => deps.store.healthy(),
    stats: () => deps.runner.stats(),
  });
  const metrics = createBotMetrics({
    stats: () => deps.runner.stats(),
    pendingApprovals: () => deps.store.approvals.pending().length,
    ready: () => health.report().status === 'ok',
    log: deps.log,
  });
  const endpoints: OpsEndpoints = {
    health: () => health.report(),
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.text() }),
  };
  return { health, metrics, endpoints };
}

/**
 * Wires a created (not yet started) bot to its ops: Slack calls counted on every client netrun
 * owns, the Socket Mode connection followed, and new work refused once a shutdown begins. Call
 * before bot.start(): auth.test is the first call worth counting.
 */
export function attachOps(bot: NetrunApp, ops: BotOps, log: Logger): void {
  const counters = ops.metrics.slack;
  instrumentWebClient(bot.clients.replies, 'replies', counters);
  instrumentWebClient(bot.clients.progress, 'progress', counters);
  instrumentWebClient(bot.clients.lookups, 'lookups', counters);
  // Bolt's own client makes auth.test at start. Bolt hands listeners per-workspace clients of its
  // own, which are not counted: netrun's listeners call Slack through the three clients above.
  instrumentWebClient(bot.app.client, 'bolt', counters);
  if (bot.socket) watchSocket(bot.socket, ops.health);
  bot.app.use(refuseWhileStopping(() => ops.health.stopping, [ACTION_IDS.cancelJob], log));
}
