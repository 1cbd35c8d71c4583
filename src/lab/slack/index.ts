export { blocksToLines, blockToLines, textOf } from './block-text.js';
export { CallLog } from './call-log.js';
export {
  type ClickInput,
  createSlackDriver,
  type DriverResponse,
  type InteractionResponse,
  type SendOptions,
  type SlackDriver,
  type SlackDriverOptions,
  type SlashCommandInput,
  type SubmitViewInput,
} from './driver.js';
export {
  blockActionsPayload,
  findAction,
  payloadBody,
  slashCommandBody,
  viewSubmissionPayload,
  type Workspace,
} from './driver-payloads.js';
export { type FaultDecision, FaultInjector, type FaultStats } from './faults.js';
export { compareTs, createTsClock, formatTs, parseTs, seededRandom } from './ids.js';
export { messageToJson } from './message-json.js';
export { parseFaultRule, parseStandinOptions } from './options.js';
export { createRateLimiter, type RateLimiter, TokenBuckets } from './rate-limiter.js';
export type {
  BucketSpec,
  ChannelInfo,
  FaultKind,
  FaultRule,
  FaultRuleInput,
  Limits,
  StandinOptions,
  StandinOptionsInput,
  UserInfo,
} from './schema.js';
export { signedHeaders, slackSignature } from './signature.js';
export { type FaultControl, type SlackStandin, type StandinDeps, startSlackStandin } from './standin.js';
export { type ListOptions, SlackStore, type StoreDeps } from './store.js';
export { formatSize, renderTranscript, type TranscriptOptions, type TranscriptSource } from './transcript.js';
export type {
  Block,
  CallCounts,
  CallRecord,
  FileRef,
  InteractionSource,
  MethodCounts,
  OpenedView,
  ResponseUrlPost,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
} from './types.js';
export { parseMessageContent, type SlackError } from './validate.js';
export { checkBlocks } from './validate-blocks.js';
export type { WaitForOptions } from './wait-for.js';
