export { planConfigChange } from './config-diff.js';
export {
  type ConfigLinesOptions,
  type ConfigLinesResult,
  FILE_CONFIG_MAX_CHARS,
  parseConfigLines,
  SLACK_CONFIG_MAX_CHARS,
} from './config-lines.js';
export { configStyleFrom } from './config-styles.js';
export { type ConfigNode, normaliseLine, parseIndented } from './config-tree.js';
export { type DryRun, type DryRunDeps, type DryRunRequest, runDryRun } from './dry-run.js';
export {
  DIFF_MAX_CHARS,
  DIFFS_MAX_CHARS,
  type DryRunRecord,
  dryRunRecordSchema,
  maskLines,
  readDryRunRecord,
  toDryRunRecord,
} from './dry-run-record.js';
export { dryRunDeviceText, dryRunJson, dryRunText } from './dry-run-text.js';
export { type PushRollout, pushCommandText, pushOutcome } from './push-outcome.js';
export { ROLLOUT_DEFAULTS, ROLLOUT_LIMITS } from './rollout.js';
export { braceToSet, isSetForm, type SetLine, setTokens } from './set-form.js';
export {
  type DevicePlan,
  formatHeadline,
  type PlanGroup,
  type PlanSummary,
  summarisePlans,
} from './summarise-plans.js';
export type {
  ConfigPlan,
  ConfigStyle,
  LineReason,
  LineStatus,
  PlannedLine,
  PlanOptions,
} from './types.js';
