import { describe, expect, it } from 'vitest';
import { assignFaults, assignFromEnd, parseFaultSpec } from '../../../../src/lab/command/fault-spec.js';
import type { LabDeviceSpec } from '../../../../src/lab/index.js';

const specs = (n: number): LabDeviceSpec[] =>
  Array.from({ length: n }, (_, i) => ({ name: `d${i + 1}`, platform: 'p' }));

describe('parseFaultSpec', () => {
  it('reads FAULT:COUNT, FAULT (one) and FAULT@DEVICE', () => {
    expect(parseFaultSpec('hang:2, auth-reject ,refuse@d3')).toEqual([
      { fault: 'hang', count: 2 },
      { fault: 'auth-reject', count: 1 },
      { fault: 'refuse', device: 'd3' },
    ]);
  });

  it('names what is wrong', () => {
    expect(() => parseFaultSpec('explode:1')).toThrow(/unknown fault "explode" \(known: auth-reject, /);
    expect(() => parseFaultSpec('hang:x')).toThrow(/"hang:x" is not FAULT:COUNT or FAULT@DEVICE/);
  });
});

describe('assignFaults', () => {
  it('gives named devices their fault and counts to devices from the end', () => {
    const list = specs(6);
    assignFaults(list, parseFaultSpec('hang:2,drop,invalid@d6'));
    expect(list.map((s) => s.fault ?? '-')).toEqual(['-', '-', 'drop', 'hang', 'hang', 'invalid']);
  });

  it('refuses more faults than devices, unknown devices and two faults on one device', () => {
    expect(() => assignFaults(specs(2), parseFaultSpec('hang:3'))).toThrow(
      /asks for 3 faulty devices but the lab has only 2/,
    );
    expect(() => assignFaults(specs(2), parseFaultSpec('hang@zz'))).toThrow(/no device "zz"/);
    expect(() => assignFaults(specs(2), parseFaultSpec('hang@d1,drop@d1'))).toThrow(
      /d1 already has the fault hang/,
    );
  });
});

describe('assignFromEnd', () => {
  it('applies to the last healthy devices that are not skipped', () => {
    const list = specs(5);
    assignFaults(list, parseFaultSpec('hang'));
    assignFromEnd(
      list,
      2,
      '--telnet',
      () => false,
      (s) => {
        s.transport = 'telnet';
      },
    );
    expect(list.map((s) => s.transport ?? '-')).toEqual(['-', '-', 'telnet', 'telnet', '-']);
    expect(() =>
      assignFromEnd(
        list,
        5,
        '--legacy',
        () => false,
        () => undefined,
      ),
    ).toThrow(/--legacy 5: only 4 devices/);
  });
});
