import { describe, expect, it } from 'vitest';
import {
  expectedReasons,
  faultFleet,
  HOST_TIMEOUT_DEVICE,
  LOGIN_FAULTS,
  PUSH_EXPECTED,
  RUN_EXPECTED,
} from '../../../reliability/scenarios/fault-fleet.js';
import { LAB_FAULTS } from '../../../src/lab/index.js';

describe('faultFleet', () => {
  it('holds perFault devices of every lab fault, a host-timeout device and healthy devices up to the total', () => {
    const fleet = faultFleet(200, 10);
    expect(fleet.specs).toHaveLength(200);
    expect(fleet.faultOf.size).toBe(LAB_FAULTS.length * 10);
    expect(new Set(fleet.specs.map((s) => s.name)).size).toBe(200);
    for (const fault of LAB_FAULTS)
      expect([...fleet.faultOf.values()].filter((f) => f === fault)).toHaveLength(10);
    expect(fleet.healthy).toHaveLength(200 - LAB_FAULTS.length * 10 - 1);
    expect(fleet.pushGroup).not.toContain(HOST_TIMEOUT_DEVICE);
    expect(fleet.specs.some((s) => s.transport === 'telnet')).toBe(true);
  });

  it('expects each fault’s own code, and only login faults to stop a push', () => {
    const fleet = faultFleet(40, 1);
    const run = expectedReasons(fleet, fleet.runGroup, RUN_EXPECTED);
    expect(run.AUTH_FAILED).toEqual(['flt-auth-reject-01']);
    expect(run.HOST_TIMEOUT).toEqual([HOST_TIMEOUT_DEVICE]);
    expect(run.COMMAND_REJECTED).toEqual(['flt-invalid-01']);
    const push = expectedReasons(fleet, fleet.pushGroup, PUSH_EXPECTED);
    expect(push.COMMAND_REJECTED).toBeUndefined();
    expect(push.HOST_TIMEOUT).toBeUndefined();
    expect(LOGIN_FAULTS).toEqual(
      expect.arrayContaining(['auth-reject', 'auth-silence', 'refuse', 'black-hole', 'hostkey-change']),
    );
    expect(LOGIN_FAULTS).not.toContain('hang');
  });
});
