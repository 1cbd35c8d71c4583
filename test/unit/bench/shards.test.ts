import { describe, expect, it } from 'vitest';
import { labProcessCount } from '../../../bench/shards.js';

describe('labProcessCount', () => {
  it('gives each process at most maxPerProcess devices', () => {
    expect(
      labProcessCount({ devices: 10_000, maxPerProcess: 2_500, portBase: 20_000, portCeiling: 32_768 }),
    ).toBe(4);
    expect(
      labProcessCount({ devices: 1_001, maxPerProcess: 400, portBase: 20_000, portCeiling: 32_768 }),
    ).toBe(3);
  });

  it('honours a minimum number of processes, but never more processes than devices', () => {
    expect(
      labProcessCount({ devices: 100, maxPerProcess: 2_500, minProcesses: 2, portBase: 1, portCeiling: 200 }),
    ).toBe(2);
    expect(
      labProcessCount({ devices: 1, maxPerProcess: 2_500, minProcesses: 4, portBase: 1, portCeiling: 200 }),
    ).toBe(1);
  });

  it('refuses a lab that would reach the ephemeral port range', () => {
    expect(() =>
      labProcessCount({ devices: 10_000, maxPerProcess: 2_500, portBase: 25_000, portCeiling: 32_768 }),
    ).toThrow(/below 32768.*lower the port base/);
  });

  it('refuses nonsense sizes', () => {
    expect(() => labProcessCount({ devices: 0, maxPerProcess: 10, portBase: 1, portCeiling: 100 })).toThrow(
      /devices/,
    );
    expect(() => labProcessCount({ devices: 5, maxPerProcess: 0, portBase: 1, portCeiling: 100 })).toThrow(
      /maxPerProcess/,
    );
  });
});
