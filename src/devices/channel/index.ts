export {
  ChannelError,
  type ChannelErrorKind,
  type ReadSpec,
  type ReadStep,
  type ReadView,
  TerminalChannel,
} from './channel.js';
export { cleanTerminalText, lastChars, normalizeNewlines, overstrikeLine } from './clean.js';
export { collectExec, type ExecResult } from './exec.js';
export { type ExtractOptions, extractOutput, type FailureMatch, findFailure, isEcho } from './output.js';
export {
  lastLineOf,
  matchPrompt,
  type PromptMatch,
  type PromptPattern,
  sameBase,
  TAIL_CHARS,
} from './prompt.js';
