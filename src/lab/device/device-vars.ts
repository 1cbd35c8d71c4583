/**
 * Per-device values for output templates: stable for a device name (serial number, MAC, boot time),
 * so every run of the lab shows the same device the same way, while devices differ from each other.
 */
import type { TemplateContext } from '../engine/template.js';

/** FNV-1a: a small, stable string hash. */
function hash(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const DAY_MS = 86_400_000;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** IOS style: "2 weeks, 3 days, 4 hours, 5 minutes" (leading zero units left out). */
export function ciscoUptime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const parts: Array<[number, string]> = [
    [Math.floor(minutes / 10_080), 'week'],
    [Math.floor(minutes / 1440) % 7, 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
    [minutes % 60, 'minute'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first === -1 ? 3 : first)
    .map(([n, u]) => plural(n, u))
    .join(', ');
}

export interface DeviceIdentity {
  name: string;
  /** 1-based position in the lab: gives each device its own addresses. */
  index: number;
  user: string;
  /** When the lab started; boot times are a few weeks before it. */
  labStart: number;
}

export function deviceVars(id: DeviceIdentity, now = new Date()): TemplateContext {
  const h1 = hash(id.name);
  const h2 = hash(id.name, h1);
  const boot = new Date(id.labStart - (3 + (h1 % 60)) * DAY_MS - (h2 % DAY_MS));
  const up = now.getTime() - boot.getTime();
  const mac = [0x52, 0x54, 0x00, (h2 >>> 16) & 0xff, (h2 >>> 8) & 0xff, h2 & 0xff].map((b) =>
    b.toString(16).padStart(2, '0'),
  );
  const totalMinutes = Math.floor(up / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  return {
    name: id.name,
    user: id.user,
    index: id.index,
    octet2: Math.floor(id.index / 256) % 256,
    octet3: id.index % 256,
    serial: `9${(h1.toString(36) + h2.toString(36)).toUpperCase().padEnd(10, 'X').slice(0, 10)}`,
    macColon: mac.join(':'),
    macDotted: `${mac[0]}${mac[1]}.${mac[2]}${mac[3]}.${mac[4]}${mac[5]}`,
    macV6: `5054:ff:fe${mac[3]}:${mac[4]}${mac[5]}`,
    now,
    boot,
    uptime: ciscoUptime(up),
    uptimeDays: days,
    uptimeWeeks: Math.floor(days / 7),
    uptimeWeekDays: days % 7,
    uptimeHours: Math.floor(totalMinutes / 60) % 24,
    uptimeMinutes: totalMinutes % 60,
    uptimeSeconds: Math.floor(up / 1000) % 60,
    uptimeHHMM: `${Math.floor(totalMinutes / 60) % 24}:${String(totalMinutes % 60).padStart(2, '0')}`,
  };
}
