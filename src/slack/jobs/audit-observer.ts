import { type AuditSink, auditJob } from '../../store/index.js';
import type { JobObserver } from './launch-job.js';

/** The observer the bot registers: every Slack job goes into the audit trail. */
export function createAuditObserver(sink: AuditSink): JobObserver {
  return {
    name: 'audit',
    started(record, request) {
      auditJob(
        record.job,
        {
          actor: request.requester,
          channel: request.channel,
          command: request.command,
          target: request.target,
          ...(request.retryOf === undefined ? {} : { retryOf: request.retryOf }),
        },
        sink,
      );
    },
  };
}
