export { createAuditObserver } from './audit-observer.js';
export { JobDirectory, type JobDirectoryOptions, type JobRecord } from './job-directory.js';
export { type JobObserver, type LaunchDeps, type LaunchRequest, launchJob, newJobId } from './launch-job.js';
export { createStoreObserver, finalStatus, type StoreObserverDeps } from './store-observer.js';
