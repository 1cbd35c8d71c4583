export { planConfigChange } from './config-diff.js';
export { type ConfigNode, normaliseLine, parseIndented } from './config-tree.js';
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
