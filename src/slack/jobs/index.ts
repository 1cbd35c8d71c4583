export { JobDirectory, type JobDirectoryOptions, type JobRecord } from './job-directory.js';
export { type LaunchDeps, type LaunchRequest, launchJob, newJobId } from './launch-job.js';
