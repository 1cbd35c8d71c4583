import { describe, expect, it } from 'vitest';
import { ciscoUptime, deviceVars } from '../../../../src/lab/device/device-vars.js';

describe('ciscoUptime', () => {
  it('prints IOS-style uptime, leaving out leading zero units', () => {
    const minute = 60_000;
    expect(ciscoUptime(5 * minute)).toBe('5 minutes');
    expect(ciscoUptime((60 + 1) * minute)).toBe('1 hour, 1 minute');
    expect(ciscoUptime((2 * 10_080 + 1440 + 61) * minute)).toBe('2 weeks, 1 day, 1 hour, 1 minute');
  });
});

describe('deviceVars', () => {
  const id = { name: 'ios-001', index: 258, user: 'netrun', labStart: Date.UTC(2024, 0, 1) };

  it('is stable for a device name and differs between devices', () => {
    const now = new Date(Date.UTC(2024, 0, 2));
    const a = deviceVars(id, now);
    expect(deviceVars(id, now)).toEqual(a);
    const b = deviceVars({ ...id, name: 'ios-002' }, now);
    expect(b.serial).not.toBe(a.serial);
    expect(b.macColon).not.toBe(a.macColon);
  });

  it('gives addresses from the index, MACs in both notations and a boot time before the lab', () => {
    const v = deviceVars(id, new Date(Date.UTC(2024, 0, 2)));
    expect([v.octet2, v.octet3]).toEqual([1, 2]);
    expect(v.macColon).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(v.macDotted).toMatch(/^5254\.00[0-9a-f]{2}\.[0-9a-f]{4}$/);
    expect(v.serial).toMatch(/^9[0-9A-Z]{10}$/);
    expect((v.boot as Date).getTime()).toBeLessThan(id.labStart);
    expect(v.uptimeDays).toBeGreaterThanOrEqual(3);
  });
});
