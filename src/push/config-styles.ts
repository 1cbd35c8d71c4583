import type { PlatformRegistry } from '../devices/index.js';
import type { Host } from '../inventory/index.js';
import type { ConfigStyle } from './types.js';

/**
 * A device's config style from its platform file (`config.style`); `indented` for a platform that
 * has no config section or is not known (the dry run then compares lines under parent blocks).
 */
export function configStyleFrom(platforms: Pick<PlatformRegistry, 'find'>): (host: Host) => ConfigStyle {
  return (host) => platforms.find(host.platform)?.config?.style ?? 'indented';
}
