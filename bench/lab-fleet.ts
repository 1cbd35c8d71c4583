/**
 * The bench's lab: N devices of one platform in lab processes (reliability/support/remote-lab.ts),
 * on fixed ports below the ephemeral range, with the merged inventory written to a file for netrun.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inventoryText, startRemoteLab } from '../reliability/support/remote-lab.js';
import { type LabDevice, type LabStats, labDeviceSpecs } from '../src/lab/index.js';
import { labProcessCount } from './shards.js';

export interface LabFleetOptions {
  devices: number;
  platform: string;
  connectMs: number;
  commandMs: number;
  portBase: number;
  maxPerProcess: number;
  minProcesses?: number;
  /** Temp folder for the merged inventory. */
  dir: string;
  /** Pin the lab processes to these CPUs (taskset list, e.g. "1"); profiling only. */
  cpus?: string;
}

export interface LabFleet {
  processes: number;
  pids: number[];
  devices: LabDevice[];
  /** The merged inventory (credentials as `${env:NETRUN_LAB_…}` references). */
  inventoryPath: string;
  /** Sessions summed over the shards (peak is then an upper bound when there are several). */
  stats(): Promise<LabStats>;
  reset(): Promise<void>;
  /** CPU ms used by every lab process so far. */
  cpuMs(): Promise<number>;
  /** A device whose command log shows what each client typed (the bench diffs it around each run). */
  sampleDevice: string;
  /** Command lines typed on a device. */
  commands(device: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Ports from here stay clear of the ephemeral range (32768+) even for 10,000 devices. */
export const LAB_PORT_BASE = 20_000;
const EPHEMERAL_PORT_FLOOR = 32_768;

export async function startLabFleet(options: LabFleetOptions): Promise<LabFleet> {
  const processes = labProcessCount({ ...options, portCeiling: EPHEMERAL_PORT_FLOOR });
  const lab = await startRemoteLab({
    // Named across the whole lab (ios-00001 … ios-10000), whichever process holds them.
    devices: labDeviceSpecs(options.devices, [options.platform]),
    processes,
    portBase: options.portBase,
    defaults: { latency: { connectMs: options.connectMs, commandMs: options.commandMs } },
    cpus: options.cpus,
  });
  const inventoryPath = join(options.dir, 'lab-inventory.yaml');
  try {
    await writeFile(inventoryPath, inventoryText(lab.inventory));
  } catch (error) {
    await lab.stop();
    throw error;
  }
  // Not the lab object itself: its inventory and known_hosts text need not stay in the measured heap.
  return {
    processes,
    pids: lab.pids,
    devices: lab.devices,
    inventoryPath,
    sampleDevice: lab.devices.at(-1)!.name,
    stats: lab.stats,
    reset: lab.reset,
    cpuMs: lab.cpuMs,
    commands: lab.commands,
    stop: lab.stop,
  };
}
