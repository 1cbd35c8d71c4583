export { CliSession } from './cli-session.js';
export { buildTree, type MatchResult, matchTokens, parseWords } from './command-tree.js';
export {
  type ConfigStore,
  createStore,
  hostnameOf,
  interfacesOf,
  renderStore,
} from './config-model.js';
export { FileStore } from './file-store.js';
export { addStatement, IndentedConfig, negateStatement } from './indented-config.js';
export { InputQueue, SessionClosed } from './line-input.js';
export type { LoginSpec } from './session-core.js';
export type { DeviceConfigState, SessionDevice, TerminalIO } from './session-types.js';
export { SetConfig } from './set-config.js';
export { renderTemplate, type TemplateContext } from './template.js';
export { splitPipes, tokenize } from './tokenize.js';
