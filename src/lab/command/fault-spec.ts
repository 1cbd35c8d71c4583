/**
 * The `--faults` SPEC of `netrun lab`: a comma list of `FAULT:COUNT` (that many devices get the
 * fault) or `FAULT@NAME` (that device gets it). Pure; errors say what was wrong and what is allowed.
 */
import { NetrunError } from '../../errors.js';
import { LAB_FAULTS, type LabDeviceSpec, type LabFault } from '../types.js';

export type FaultRequest = { fault: LabFault; count: number } | { fault: LabFault; device: string };

function asFault(text: string, item: string): LabFault {
  if ((LAB_FAULTS as readonly string[]).includes(text)) return text as LabFault;
  throw new NetrunError(
    'USAGE',
    `--faults: "${item}" names an unknown fault "${text}" (known: ${LAB_FAULTS.join(', ')})`,
  );
}

export function parseFaultSpec(spec: string): FaultRequest[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item): FaultRequest => {
      const at = /^([a-z-]+)@([A-Za-z0-9._-]+)$/.exec(item);
      if (at) return { fault: asFault(at[1] as string, item), device: at[2] as string };
      const count = /^([a-z-]+)(?::(\d+))?$/.exec(item);
      if (!count) {
        throw new NetrunError(
          'USAGE',
          `--faults: "${item}" is not FAULT:COUNT or FAULT@DEVICE (e.g. hang:2,auth-reject@ios-003)`,
        );
      }
      return { fault: asFault(count[1] as string, item), count: Number(count[2] ?? 1) };
    });
}

/**
 * Gives the requested faults to devices: named ones first, then counts taken from the end of the
 * list, so the first devices (the ones a demo targets) stay healthy. One fault per device.
 */
export function assignFaults(specs: LabDeviceSpec[], requests: FaultRequest[]): void {
  for (const r of requests) {
    if (!('device' in r)) continue;
    const spec = specs.find((s) => s.name === r.device);
    if (!spec) throw new NetrunError('USAGE', `--faults: there is no device "${r.device}" in this lab`);
    if (spec.fault)
      throw new NetrunError('USAGE', `--faults: ${r.device} already has the fault ${spec.fault}`);
    spec.fault = r.fault;
  }
  let next = specs.length - 1;
  for (const r of requests) {
    if (!('count' in r)) continue;
    for (let k = 0; k < r.count; k++) {
      while (next >= 0 && specs[next]?.fault) next--;
      const spec = specs[next];
      if (!spec) {
        const wanted = requests.reduce((n, q) => n + ('count' in q ? q.count : 1), 0);
        throw new NetrunError(
          'USAGE',
          `--faults asks for ${wanted} faulty devices but the lab has only ${specs.length} devices`,
        );
      }
      spec.fault = r.fault;
      next--;
    }
  }
}

/** The last `count` devices without a fault (and without `skip`) get `apply`d: --telnet, --legacy. */
export function assignFromEnd(
  specs: LabDeviceSpec[],
  count: number,
  what: string,
  skip: (s: LabDeviceSpec) => boolean,
  apply: (s: LabDeviceSpec) => void,
): void {
  const eligible = specs.filter((s) => !s.fault && !skip(s));
  if (count > eligible.length) {
    throw new NetrunError(
      'USAGE',
      `${what} ${count}: only ${eligible.length} devices are left without a fault`,
    );
  }
  for (const s of eligible.slice(eligible.length - count)) apply(s);
}
