import { NetrunError } from '../errors.js';
import { getPersonality, labPlatforms } from './personality/load.js';
import type { LabDeviceSpec } from './types.js';

/**
 * `n` devices round-robin over `platforms` (default: every personality), named after the platform's
 * prefix with a per-platform counter: ios-001, nxos-001, …, ios-002, …
 */
export function labDeviceSpecs(n: number, platforms: string[] = labPlatforms()): LabDeviceSpec[] {
  if (!Number.isInteger(n) || n < 0)
    throw new NetrunError('USAGE', `labDeviceSpecs: n must be a whole number ≥ 0 (got ${n})`);
  if (platforms.length === 0) throw new NetrunError('USAGE', 'labDeviceSpecs: give at least one platform');
  const prefixes = platforms.map((p) => getPersonality(p).namePrefix);
  const perPlatform = Math.ceil(n / platforms.length);
  const width = Math.max(3, String(perPlatform).length);
  const counters = new Map<string, number>();
  return Array.from({ length: n }, (_, i) => {
    const platform = platforms[i % platforms.length] as string;
    const prefix = prefixes[i % platforms.length] as string;
    const count = (counters.get(platform) ?? 0) + 1;
    counters.set(platform, count);
    return { name: `${prefix}-${String(count).padStart(width, '0')}`, platform };
  });
}
