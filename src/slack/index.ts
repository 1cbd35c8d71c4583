export { createNetrunApp, type NetrunApp, type NetrunAppOptions, type PacingOptions } from './app.js';
export * from './blocks/index.js';
export { boltLogger } from './bolt-logger.js';
export { createSlackClients, DEFAULT_RETRY, type SlackClients } from './clients.js';
export { ACTION_IDS, type ActionId, BLOCK_IDS, CALLBACK_IDS, EVENTS_PATH, SLASH_COMMAND } from './ids.js';
export {
  createAuditObserver,
  createStoreObserver,
  finalStatus,
  JobDirectory,
  type JobObserver,
  type JobRecord,
  type LaunchDeps,
  type LaunchRequest,
  launchJob,
} from './jobs/index.js';
export { type ListenerDeps, registerListeners, retryableHosts } from './listeners/index.js';
export {
  type ApprovalSettings,
  approvalView,
  DEFAULT_APPROVAL_TTL_MS,
  expireDue,
  refreshApprovalMessage,
  registerPushListeners,
} from './listeners/push/index.js';
export {
  createMembership,
  type ListUsergroupMembers,
  type Membership,
  slackErrorCode,
} from './membership.js';
export * from './pacing/index.js';
export {
  MAX_COMMAND_CHARS,
  MAX_TARGET_CHARS,
  MAX_TEXT_CHARS,
  type ParsedCommand,
  type ParseProblem,
  parseCommand,
  splitWords,
  USAGE_LINE,
  unescapeSlackText,
  type Word,
} from './parse-command.js';
export {
  DEFAULT_REPLY_LIMITS,
  type PlannedFile,
  planReply,
  type ReplyContext,
  type ReplyLimits,
  type ReplyPlan,
} from './reply-plan.js';
export { createThreadIo, type ThreadClients, type ThreadIo } from './thread-io.js';
export { type ThreadReport, ThreadReporter, type ThreadReporterDeps } from './thread-reporter.js';
