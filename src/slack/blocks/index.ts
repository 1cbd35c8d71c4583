export {
  devicesMessage,
  groupsMessage,
  helpMessage,
  type JobListing,
  jobsMessage,
  noticeMessage,
  refusalMessage,
} from './info.js';
export {
  type InterruptedListsFile,
  type InterruptedPush,
  interruptedListsFile,
  interruptedParent,
  interruptedPushNotice,
  interruptedSummary,
  type RecoveredDevice,
  type RecoveredJob,
  recoveredJobNotice,
  recoveredParent,
} from './interrupted.js';
export {
  type Block,
  codeBlock,
  context,
  escapeKeepingMentions,
  escapeMrkdwn,
  inlineCode,
  MAX_BLOCKS,
  nameList,
  packSections,
  plural,
  SECTION_MAX_CHARS,
  type SlackMessage,
  section,
  TEXT_MAX_CHARS,
  truncate,
} from './mrkdwn.js';
export { FILE_OUTPUT_MAX_CHARS, outputFileText } from './output-file.js';
export { cancelButton, finishedParent, type JobHeader, type JobProgress, runningParent } from './parent.js';
export {
  type ApprovalView,
  approvalMessage,
  diffsNeedFile,
  dryRunAbandonedMessage,
  dryRunRunningMessage,
  fitCode,
  slackDate,
} from './push-approval.js';
export {
  type ModalView,
  PUSH_DEFAULTS,
  PUSH_MAX_APPROVALS,
  type PushModalContext,
  type PushModalRequest,
  pushCheckingModal,
  pushModal,
  pushRefusalModal,
} from './push-modal.js';
export {
  durationRange,
  entriesFor,
  entryBody,
  entryChunk,
  entryFileLine,
  entryHeader,
  entryNamesFit,
  formatSize,
  outputsMrkdwn,
  type ResultEntry,
} from './result-entry.js';
export { progressBar, STATUS_EMOJI, STATUS_WORD, summaryLine } from './status.js';
export {
  replaceActions,
  retryButton,
  type SummaryOptions,
  summaryMessage,
  type UnpostedResults,
} from './summary.js';
