import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';

const DAY_MS = 86_400_000;

export interface PruneDeps {
  store: Pick<Store, 'audit' | 'jobs'>;
  retentionDays: number;
  log: Logger;
  now?: () => number;
  /** Default one day. */
  intervalMs?: number;
}

export interface PruneResult {
  auditEntries: number;
  jobs: number;
}

/** Deletes audit entries and finished jobs (with their results) older than the retention period. */
export function pruneOnce(deps: PruneDeps): PruneResult | undefined {
  const now = (deps.now ?? Date.now)();
  try {
    const result = {
      auditEntries: deps.store.audit.prune(deps.retentionDays, now),
      jobs: deps.store.jobs.prune(deps.retentionDays, now),
    };
    if (result.auditEntries + result.jobs > 0) {
      deps.log.info({ ...result, retentionDays: deps.retentionDays }, 'store: pruned old entries');
    }
    return result;
  } catch (error) {
    deps.log.error({ err: error }, 'store: pruning failed; will try again at the next interval');
    return undefined;
  }
}

/**
 * Prunes at once and then once a day (NETRUN_AUDIT_RETENTION_DAYS): a bot that runs for months
 * must not grow its database without bound. The timer does not keep the process alive.
 */
export function startPruning(deps: PruneDeps): { first: PruneResult | undefined; stop(): void } {
  const first = pruneOnce(deps);
  const timer = setInterval(() => pruneOnce(deps), deps.intervalMs ?? DAY_MS);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
