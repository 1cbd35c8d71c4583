import { describe, expect, it } from 'vitest';
import { planLabShards } from '../../../bench/shards.js';

describe('planLabShards', () => {
  it('splits 10,000 devices into four shards of 2,500 on consecutive port ranges', () => {
    const shards = planLabShards({
      devices: 10_000,
      maxPerProcess: 2_500,
      portBase: 20_000,
      portCeiling: 32_768,
    });
    expect(shards).toEqual([
      { offset: 0, count: 2_500, portBase: 20_000 },
      { offset: 2_500, count: 2_500, portBase: 22_500 },
      { offset: 5_000, count: 2_500, portBase: 25_000 },
      { offset: 7_500, count: 2_500, portBase: 27_500 },
    ]);
  });

  it('keeps shards within one device of each other and covers every device once', () => {
    const shards = planLabShards({
      devices: 1_001,
      maxPerProcess: 400,
      portBase: 20_000,
      portCeiling: 32_768,
    });
    expect(shards.map((s) => s.count)).toEqual([334, 334, 333]);
    expect(shards.reduce((sum, s) => sum + s.count, 0)).toBe(1_001);
    shards.forEach((s, i) => {
      if (i > 0) expect(s.offset).toBe(shards[i - 1]!.offset + shards[i - 1]!.count);
      expect(s.portBase).toBe(20_000 + s.offset);
    });
  });

  it('honours a minimum number of processes, but never more processes than devices', () => {
    expect(
      planLabShards({ devices: 100, maxPerProcess: 2_500, minProcesses: 2, portBase: 1, portCeiling: 200 }),
    ).toHaveLength(2);
    expect(
      planLabShards({ devices: 1, maxPerProcess: 2_500, minProcesses: 4, portBase: 1, portCeiling: 200 }),
    ).toHaveLength(1);
  });

  it('refuses a plan that would reach the ephemeral port range', () => {
    expect(() =>
      planLabShards({ devices: 10_000, maxPerProcess: 2_500, portBase: 25_000, portCeiling: 32_768 }),
    ).toThrow(/below 32768.*lower the port base/);
  });

  it('refuses nonsense sizes', () => {
    expect(() => planLabShards({ devices: 0, maxPerProcess: 10, portBase: 1, portCeiling: 100 })).toThrow(
      /devices/,
    );
    expect(() => planLabShards({ devices: 5, maxPerProcess: 0, portBase: 1, portCeiling: 100 })).toThrow(
      /maxPerProcess/,
    );
  });
});
