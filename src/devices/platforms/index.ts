export {
  type Answer,
  type ConfigProcedure,
  compilePlatform,
  findModePath,
  type Mode,
  type Platform,
  type Step,
  type TelnetLogin,
  type Transition,
} from './platform.js';
export {
  BUILTIN_PLATFORMS_DIR,
  createPlatformRegistry,
  type LoadPlatformsOptions,
  loadPlatformRegistry,
  type PlatformRegistry,
  parsePlatformFile,
} from './registry.js';
export { type PlatformFile, platformFileSchema } from './schema.js';
