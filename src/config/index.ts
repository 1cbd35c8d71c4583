export { type ConfigFiles, type LoadConfigInput, loadConfig, nodeConfigFiles } from './load.js';
export {
  requireSlack,
  type SlackHttpSettings,
  type SlackSettings,
  type SlackSocketSettings,
} from './require-slack.js';
export {
  type Config,
  type ConfigOf,
  HOST_KEY_CHECKS,
  LOG_LEVELS,
  type LogLevel,
  SETTINGS,
  type Setting,
  type SettingsTree,
} from './schema.js';
