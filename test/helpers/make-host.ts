import type { GroupCap, Host } from '../../src/inventory/types.js';

export interface HostSpec {
  caps?: GroupCap[];
  hostTimeoutMs?: number;
}

/** A resolved Host with harmless defaults; the engine only reads name, platform, caps and the host timeout. */
export function makeHost(name: string, spec: HostSpec = {}): Host {
  const caps = spec.caps ?? [];
  return {
    name,
    address: '127.0.0.1',
    port: 22,
    platform: 'cisco_ios',
    transport: 'ssh',
    credentials: { username: 'lab' },
    connection: {
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 30_000,
      hostTimeoutMs: spec.hostTimeoutMs ?? 60_000,
      legacyAlgorithms: false,
      keepaliveIntervalMs: 0,
    },
    groups: caps.map((cap) => cap.group),
    concurrencyCaps: caps,
    data: {},
  };
}

export function makeHosts(count: number, prefix: string, spec: HostSpec = {}): Host[] {
  return Array.from({ length: count }, (_, index) => makeHost(`${prefix}${index + 1}`, spec));
}
