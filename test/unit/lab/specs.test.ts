import { describe, expect, it } from 'vitest';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import { resolveSpecs } from '../../../src/lab/schema.js';

describe('labDeviceSpecs', () => {
  it('names devices per platform, round-robin', () => {
    expect(labDeviceSpecs(5, ['cisco_ios', 'linux']).map((s) => s.name)).toEqual([
      'ios-001',
      'linux-001',
      'ios-002',
      'linux-002',
      'ios-003',
    ]);
    expect(labDeviceSpecs(6).map((s) => s.platform)).toEqual([
      'cisco_ios',
      'cisco_nxos',
      'cisco_xr',
      'arista_eos',
      'juniper_junos',
      'linux',
    ]);
  });

  it('widens the number when needed', () => {
    expect(labDeviceSpecs(2000, ['linux']).at(-1)?.name).toBe('linux-2000');
  });
});

describe('resolveSpecs', () => {
  it('applies defaults (the device wins) and the port base', () => {
    const specs = resolveSpecs({
      devices: [
        { name: 'a', platform: 'linux', latency: { commandMs: 5 } },
        { name: 'b', platform: 'linux', port: 30000, fault: 'hang' },
      ],
      portBase: 20000,
      defaults: { latency: { connectMs: 1, commandMs: 2 }, fault: 'trickle' },
    });
    expect(specs).toEqual([
      {
        name: 'a',
        platform: 'linux',
        fault: 'trickle',
        latency: { connectMs: 1, commandMs: 5 },
        port: 20000,
      },
      { name: 'b', platform: 'linux', fault: 'hang', latency: { connectMs: 1, commandMs: 2 }, port: 30000 },
    ]);
  });

  it('names the field at fault', () => {
    expect(() =>
      resolveSpecs({ devices: [{ name: 'a', platform: 'linux', fault: 'boom' as never }] }),
    ).toThrow(/^startLab: devices\.0\.fault: /);
    expect(() => resolveSpecs({ devices: [{ name: 'a b', platform: 'linux' }] })).toThrow(
      'startLab: devices.0.name: letters, digits, dot, dash and underscore only',
    );
    expect(() =>
      resolveSpecs({
        devices: [
          { name: 'a', platform: 'linux', port: 2222 },
          { name: 'b', platform: 'linux', port: 2222 },
        ],
      }),
    ).toThrow('startLab: devices a and b both use port 2222');
    expect(() =>
      resolveSpecs({ devices: [{ name: 'a', platform: 'linux', colour: 'red' } as never] }),
    ).toThrow(/Unrecognized key/);
  });
});
