import type { JobSummary } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import type { FinishedJobStatus, Store } from '../../store/index.js';
import type { ThreadReporter } from '../thread-reporter.js';
import type { JobRecord } from './job-directory.js';
import type { JobObserver, LaunchRequest } from './launch-job.js';

export interface StoreObserverDeps {
  store: Store;
  log: Logger;
}

/**
 * How a job ended, for the store and metrics: netrun stopping it (a shutdown) is `interrupted`,
 * a person's Cancel — or the channel refusing the job's message, which cancels it — is `cancelled`.
 */
export function finalStatus(
  reporter: Pick<ThreadReporter, 'interruption' | 'cancelledBy'>,
  summary: JobSummary,
): FinishedJobStatus {
  if (reporter.interruption !== undefined) return 'interrupted';
  if (reporter.cancelledBy !== undefined || summary.byStatus.cancelled > 0) return 'cancelled';
  return 'done';
}

/**
 * Persists every job started from Slack as it happens: the job with its thread, each device's
 * result the moment it finishes, a posted mark once the result is in the thread, and the end once
 * the thread is complete. Ending at the thread's end rather than the job's is deliberate: a crash
 * between the last device and the summary leaves the job `running`, so the next start finds it and
 * posts what the thread is missing.
 */
export function createStoreObserver(deps: StoreObserverDeps): JobObserver {
  const log = deps.log.child({ component: 'store-observer' });
  const safely = (what: string, jobId: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      // The store refusing a write must not stop the job; the log keeps the reason.
      log.error({ err: error, jobId }, `store: cannot record ${what}`);
    }
  };
  return {
    name: 'store',
    started(record: JobRecord, request: LaunchRequest) {
      const { store } = deps;
      const id = record.id;
      safely('the job', id, () => {
        // Another part of netrun (a push) may have recorded the job first, with more detail.
        if (store.jobs.get(id)) return;
        store.jobs.create({
          id,
          kind: 'run',
          requester: request.requester,
          channel: request.channel,
          command: request.command,
          target: request.target,
          hosts: request.hosts.map((host) => host.name),
          meta: request.retryOf ? { retryOf: request.retryOf } : {},
        });
      });
      record.reporter.parent.then(
        (ts) => safely('the thread', id, () => store.jobs.setThread(id, record.channel, ts)),
        () => undefined,
      );
      record.job.on((event) => {
        if (event.type !== 'host:done') return;
        safely('a device result', id, () => store.jobs.recordResult(id, event.result));
      });
      record.reporter.onPosted((hosts) =>
        safely('posted results', id, () => {
          for (const host of hosts) store.jobs.markPosted(id, host);
        }),
      );
      void Promise.all([record.job.done, record.reporter.done]).then(([summary]) =>
        safely('the end of the job', id, () =>
          store.jobs.finish(id, finalStatus(record.reporter, summary), summary),
        ),
      );
    },
  };
}
