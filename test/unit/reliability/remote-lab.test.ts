import { describe, expect, it } from 'vitest';
import { shardOptions } from '../../../reliability/support/remote-lab.js';
import { labDeviceSpecs } from '../../../src/lab/index.js';

describe('shardOptions', () => {
  it('splits 10,000 devices into four processes of 2,500 on consecutive port ranges', () => {
    const devices = labDeviceSpecs(10_000, ['cisco_ios']);
    const shards = shardOptions({ devices, processes: 4, portBase: 20_000 });
    expect(shards.map((s) => [s.devices.length, s.portBase])).toEqual([
      [2_500, 20_000],
      [2_500, 22_500],
      [2_500, 25_000],
      [2_500, 27_500],
    ]);
    expect(shards[1]!.devices[0]).toEqual(devices[2_500]);
  });

  it('keeps processes within one device of each other and covers every device once, in order', () => {
    const devices = labDeviceSpecs(1_001, ['cisco_ios', 'arista_eos']);
    const shards = shardOptions({ devices, processes: 3, defaults: { latency: { commandMs: 200 } } });
    expect(shards.map((s) => s.devices.length)).toEqual([334, 334, 333]);
    expect(shards.flatMap((s) => s.devices)).toEqual(devices);
    for (const s of shards) {
      expect(s.portBase).toBeUndefined();
      expect(s.defaults).toEqual({ latency: { commandMs: 200 } });
    }
  });

  it('never starts more processes than devices, and at least one', () => {
    const devices = labDeviceSpecs(2, ['cisco_ios']);
    expect(shardOptions({ devices, processes: 5 })).toHaveLength(2);
    expect(shardOptions({ devices, processes: 0 })).toHaveLength(1);
    expect(shardOptions({ devices })).toHaveLength(1);
  });
});
