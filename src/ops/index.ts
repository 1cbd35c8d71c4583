export { attachOps, type BotOps, type BotOpsDeps, createBotOps } from './bot-ops.js';
export {
  type HealthCheck,
  type HealthDeps,
  type HealthReport,
  HealthState,
  type SlackLink,
  type SocketEvents,
  watchSocket,
} from './health.js';
export { type BotMetrics, type BotMetricsDeps, createBotMetrics } from './metrics.js';
export {
  HEALTH_PATH,
  METRICS_PATH,
  type OpsEndpoints,
  type OpsServer,
  opsRoutes,
  startOpsServer,
} from './ops-http.js';
export { type PruneDeps, type PruneResult, pruneOnce, startPruning } from './prune.js';
export {
  type Interrupted,
  type RecoveryDeps,
  type RecoveryReport,
  reportInterrupted,
  takeInterrupted,
} from './recovery.js';
export { RESTARTING_TEXT, refuseWhileStopping } from './shutdown-gate.js';
export { instrumentWebClient, type SlackCallCounters } from './slack-calls.js';
