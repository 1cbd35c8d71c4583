export type { ApprovalsRepo } from './approvals.js';
export type { AuditRepo } from './audit.js';
export {
  type AuditSink,
  auditJob,
  clip,
  describeCounts,
  type JobAuditContext,
  recordAudit,
} from './audit-trail.js';
export type { JobsRepo } from './jobs.js';
export { MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './migrations.js';
export { openStore, type Store, type StoreOptions } from './open-store.js';
export { MAX_OUTPUT_BYTES_PER_DEVICE, TRUNCATION_MARKER, truncateOutputs } from './truncate-outputs.js';
export type * from './types.js';
