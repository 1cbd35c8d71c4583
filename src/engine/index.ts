export { createDeviceTaskFactory } from './device-task.js';
export type {
  HostDoneEvent,
  HostStartEvent,
  JobDoneEvent,
  JobEvent,
  JobEventListener,
  JobStartEvent,
} from './events.js';
export { type FormatSummaryOptions, formatDuration, formatSummary } from './format-summary.js';
export {
  groupIdenticalOutputs,
  HOSTNAME_PLACEHOLDER,
  normaliseOutput,
  type OutputGroup,
  replaceHostName,
} from './grouping.js';
export type { Job } from './job.js';
export type { JobOptions } from './job-options.js';
export { percentile } from './percentiles.js';
export { type Actor, loadPolicy, type Policy, parsePolicy, type Role } from './policy.js';
export {
  checkApprove,
  checkChannel,
  checkKnown,
  checkManageJob,
  checkPush,
  checkRun,
  coversHost,
  type Decision,
  isAdmin,
  isKnown,
  matchesPattern,
  normaliseCommand,
  notInPolicy,
  type Permission,
  policyUsergroups,
  type Requirement,
  rolesOf,
} from './policy-check.js';
export { lintPolicy, type PolicyFinding } from './policy-lint.js';
export {
  DEFAULT_DENY_COMMANDS,
  DEFAULT_RUN_COMMANDS,
  type PolicyFile,
  policyFileSchema,
  type RoleSpec,
} from './policy-schema.js';
export type { HostTask, HostTaskContext, HostTaskResult } from './result.js';
export { createRunner, type Runner, type RunnerOptions, type RunnerStats } from './runner.js';
export {
  hasStarted,
  type JobSummary,
  type ReasonCount,
  type SlowDevice,
  type SummariseOptions,
  summarise,
} from './summary.js';
export type { CommandOutput, HostResult, HostStatus, HostTimings, PushOutcome } from './types.js';
export type { DeviceWork, TaskFactory } from './work.js';
