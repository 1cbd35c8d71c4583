export { listGroups } from './list-groups.js';
export {
  type LoadInventoryOptions,
  loadInventory,
  type ParseInventoryOptions,
  parseInventory,
  type ReadTextFile,
} from './load.js';
export { formatPath, type InventoryProblem } from './problems.js';
export { type ResolveOptions, resolveInventory } from './resolve.js';
export { type InventoryFile, inventoryFileSchema } from './schema.js';
export {
  explainTarget,
  parseTarget,
  selectTargets,
  type TargetSelection,
  type TargetStep,
  type TargetTerm,
} from './select.js';
export { didYouMean, nearest } from './suggest.js';
export { describeHosts, type HostSummary, summarizeHosts } from './summarize-hosts.js';
export type {
  ConnectionOptions,
  Credentials,
  GroupCap,
  GroupInfo,
  Host,
  HostKeyCheck,
  Inventory,
  JumpHost,
  TransportKind,
} from './types.js';
