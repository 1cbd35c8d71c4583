/**
 * The device fault matrix as data: which lab devices carry which fault, the inventory's short
 * timeouts, and what netrun must report for each device — for a run of `show version` and for a
 * config push. Pure, so the expectations can be read (and unit-tested) without a lab.
 */
import type { ErrorCode } from '../../src/errors.js';
import { LAB_FAULTS, type LabDeviceSpec, type LabFault, labDeviceSpecs } from '../../src/lab/index.js';
import type { InventoryData } from '../support/remote-lab.js';

/** Platforms that take the same IOS-style push line (`ntp server …`); Junos healthy devices join runs only. */
export const PUSH_PLATFORMS = ['cisco_ios', 'arista_eos', 'cisco_nxos', 'cisco_xr'] as const;
const RUN_ONLY_PLATFORMS = ['juniper_junos'] as const;
/** Every network personality of the lab (not linux, which has no `show version`): mixed fleets. */
export const NETWORK_PLATFORMS: string[] = [...PUSH_PLATFORMS, ...RUN_ONLY_PLATFORMS];

/** A Record, so a fault added to the lab fails type checking here until the suite knows what it does. */
export const RUN_EXPECTED: Record<LabFault, ErrorCode | 'ok'> = {
  'auth-reject': 'AUTH_FAILED',
  'auth-silence': 'AUTH_TIMEOUT',
  refuse: 'CONNECT_REFUSED',
  'black-hole': 'CONNECT_TIMEOUT',
  hang: 'COMMAND_TIMEOUT',
  drop: 'SESSION_CLOSED',
  trickle: 'ok',
  garbage: 'ok',
  'huge-output': 'ok',
  'hostkey-change': 'HOSTKEY_MISMATCH',
  pager: 'ok',
  invalid: 'COMMAND_REJECTED',
};

/** A push types config lines and reads no output: only faults that stop the login matter. */
export const PUSH_EXPECTED: Record<LabFault, ErrorCode | 'ok'> = {
  ...RUN_EXPECTED,
  hang: 'ok',
  drop: 'ok',
  invalid: 'ok',
};

/** Faults that keep netrun from logging in: the device must be left exactly as it was. */
export const LOGIN_FAULTS: readonly LabFault[] = LAB_FAULTS.filter((f) => PUSH_EXPECTED[f] !== 'ok');

/** A hung device whose whole-device timeout fires before its command timeout: HOST_TIMEOUT. */
export const HOST_TIMEOUT_DEVICE = 'flt-host-timeout';

export const TIMEOUTS = {
  connectSec: 3,
  commandSec: 3,
  /** Trickled and 10 MB outputs are slow but complete: they get a longer command timeout. */
  slowCommandSec: 8,
  hostSec: 10,
  /** For HOST_TIMEOUT_DEVICE: below connect + command, so the whole-device limit fires first. */
  shortHostSec: 2,
} as const;

export interface FaultFleet {
  specs: LabDeviceSpec[];
  /** Device → its fault (healthy devices are absent). */
  faultOf: Map<string, LabFault>;
  healthy: string[];
  /** Every device: the run's target group. */
  runGroup: string[];
  /** Devices on PUSH_PLATFORMS (without HOST_TIMEOUT_DEVICE, whose 2 s a loaded push may reach). */
  pushGroup: string[];
}

export function faultDeviceName(fault: LabFault, n: number): string {
  return `flt-${fault}-${String(n).padStart(2, '0')}`;
}

/** `perFault` devices of each lab fault, one HOST_TIMEOUT device, and healthy devices up to `total`. */
export function faultFleet(total: number, perFault: number): FaultFleet {
  const specs: LabDeviceSpec[] = [];
  const faultOf = new Map<string, LabFault>();
  for (const fault of LAB_FAULTS) {
    for (let n = 1; n <= perFault; n += 1) {
      const name = faultDeviceName(fault, n);
      specs.push({ name, platform: PUSH_PLATFORMS[(n - 1) % PUSH_PLATFORMS.length] as string, fault });
      faultOf.set(name, fault);
    }
  }
  specs.push({ name: HOST_TIMEOUT_DEVICE, platform: 'cisco_ios', fault: 'hang' });
  const healthyCount = Math.max(0, total - specs.length);
  const healthy = labDeviceSpecs(healthyCount, NETWORK_PLATFORMS).map((spec, i) =>
    // A few healthy devices speak telnet: the faults must not spill over to another transport either.
    i % 25 === 5 && spec.platform === 'cisco_ios' ? { ...spec, transport: 'telnet' as const } : spec,
  );
  specs.push(...healthy);
  const pushable = new Set<string>(PUSH_PLATFORMS);
  return {
    specs,
    faultOf,
    healthy: healthy.map((s) => s.name),
    runGroup: specs.map((s) => s.name),
    pushGroup: specs
      .filter((s) => pushable.has(s.platform) && s.name !== HOST_TIMEOUT_DEVICE)
      .map((s) => s.name),
  };
}

/** Short timeouts, strict host keys, and the `matrix` and `matrix-push` groups. */
export function editFleetInventory(inventory: InventoryData, fleet: FaultFleet): void {
  inventory.defaults.connection = {
    connect_timeout: TIMEOUTS.connectSec,
    command_timeout: TIMEOUTS.commandSec,
    host_timeout: TIMEOUTS.hostSec,
    host_key_check: 'strict',
  };
  inventory.groups.matrix = { description: 'every device of the fault matrix' };
  inventory.groups['matrix-push'] = { description: 'the fault matrix devices that take IOS-style lines' };
  for (const name of fleet.runGroup) inventory.hosts[name]?.groups.push('matrix');
  for (const name of fleet.pushGroup) inventory.hosts[name]?.groups.push('matrix-push');
  for (const [name, fault] of fleet.faultOf) {
    if (fault === 'trickle' || fault === 'huge-output')
      inventory.hosts[name]!.connection = { command_timeout: TIMEOUTS.slowCommandSec };
  }
  inventory.hosts[HOST_TIMEOUT_DEVICE]!.connection = { host_timeout: TIMEOUTS.shortHostSec };
}

/** Error code → the devices that must be counted under it (sorted), for the job's `byReason`. */
export function expectedReasons(
  fleet: FaultFleet,
  devices: readonly string[],
  expected: Record<LabFault, ErrorCode | 'ok'>,
): Record<string, string[]> {
  const reasons: Record<string, string[]> = {};
  for (const device of devices) {
    const fault = fleet.faultOf.get(device);
    const code = device === HOST_TIMEOUT_DEVICE ? 'HOST_TIMEOUT' : fault ? expected[fault] : 'ok';
    if (code !== 'ok') reasons[code] = [...(reasons[code] ?? []), device];
  }
  for (const hosts of Object.values(reasons)) hosts.sort();
  return reasons;
}
