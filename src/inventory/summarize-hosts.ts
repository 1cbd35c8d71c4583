import type { Host } from './types.js';

export interface HostSummary {
  count: number;
  /** Most common platform first; ties by name. */
  platforms: Array<{ platform: string; count: number }>;
}

export function summarizeHosts(hosts: readonly Host[]): HostSummary {
  const counts = new Map<string, number>();
  for (const host of hosts) counts.set(host.platform, (counts.get(host.platform) ?? 0) + 1);
  const platforms = [...counts]
    .map(([platform, count]) => ({ platform, count }))
    .sort((a, b) => b.count - a.count || a.platform.localeCompare(b.platform));
  return { count: hosts.length, platforms };
}

/** `3 devices (2 of platform a, 1 of platform b)`: one line for previews and approval messages. */
export function describeHosts(hosts: readonly Host[]): string {
  const { count, platforms } = summarizeHosts(hosts);
  const noun = count === 1 ? 'device' : 'devices';
  if (count === 0) return 'no devices';
  return `${count} ${noun} (${platforms.map((p) => `${p.count} ${p.platform}`).join(', ')})`;
}
