/** A lab of N devices spread over several lab processes, with one merged netrun inventory. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import type { LabStats } from '../src/lab/index.js';
import type { ChildRegistry } from './children.js';
import { LabShardProcess } from './lab-shard.js';
import { planLabShards } from './shards.js';

export interface LabFleetOptions {
  devices: number;
  platform: string;
  connectMs: number;
  commandMs: number;
  portBase: number;
  maxPerProcess: number;
  minProcesses?: number;
  /** Temp folder for the shards' inventories and the merged one. */
  dir: string;
  children: ChildRegistry;
  progress?: (line: string) => void;
  /** Pin the lab processes to these CPUs (taskset list, e.g. "1"); profiling only. */
  cpus?: string;
}

export interface LabFleet {
  processes: number;
  pids: number[];
  /** The merged inventory (credentials as `${env:NETRUN_LAB_…}` references). */
  inventoryPath: string;
  /** Sessions summed over the shards (peak is then an upper bound when there are several). */
  stats(): Promise<LabStats>;
  reset(): Promise<void>;
  /** CPU ms used by every lab process so far. */
  cpuMs(): Promise<number>;
  /** A device whose command log shows what each client typed (the bench diffs it around each run). */
  sampleDevice: string;
  /** Command lines typed on a device of the first shard. */
  commands(device: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Ports from here stay clear of the ephemeral range (32768+) even for 10,000 devices. */
export const LAB_PORT_BASE = 20_000;
export const EPHEMERAL_PORT_FLOOR = 32_768;

export async function startLabFleet(options: LabFleetOptions): Promise<LabFleet> {
  const plan = planLabShards({
    devices: options.devices,
    maxPerProcess: options.maxPerProcess,
    minProcesses: options.minProcesses,
    portBase: options.portBase,
    portCeiling: EPHEMERAL_PORT_FLOOR,
  });
  const started = await Promise.allSettled(
    plan.map((shard, i) =>
      LabShardProcess.start({
        shard,
        platform: options.platform,
        connectMs: options.connectMs,
        commandMs: options.commandMs,
        inventoryOut: join(options.dir, `lab-shard-${i}.yaml`),
        children: options.children,
        // Binding 2,500 ports and loading personalities under tsx takes a few seconds on a busy box.
        readyTimeoutMs: 120_000,
        onRetry: options.progress,
        cpus: options.cpus,
      }),
    ),
  );
  const shards = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(shards.map((s) => s.stop()));
    throw failed.reason;
  }
  const inventoryPath = join(options.dir, 'lab-inventory.yaml');
  await mergeInventories(
    plan.map((_, i) => join(options.dir, `lab-shard-${i}.yaml`)),
    inventoryPath,
  );
  return {
    processes: shards.length,
    pids: shards.map((s) => s.pid ?? -1),
    inventoryPath,
    sampleDevice: shards[0]!.ready!.names[1],
    stats: async () => sumStats(await Promise.all(shards.map((s) => s.stats()))),
    cpuMs: async () => (await Promise.all(shards.map((s) => s.cpuMs()))).reduce((a, b) => a + b, 0),
    reset: async () => {
      await Promise.all(shards.map((s) => s.reset()));
    },
    commands: (device) => shards[0]!.commands(device),
    stop: async () => {
      await Promise.all(shards.map((s) => s.stop()));
    },
  };
}

/** The first shard's file (header, defaults, groups) with every shard's hosts. */
async function mergeInventories(files: string[], out: string): Promise<void> {
  const [first, ...rest] = files;
  const doc = parseDocument(await readFile(first!, 'utf8'));
  for (const file of rest) {
    const { hosts } = parse(await readFile(file, 'utf8')) as { hosts: Record<string, unknown> };
    for (const [name, host] of Object.entries(hosts)) doc.setIn(['hosts', name], doc.createNode(host));
  }
  await writeFile(out, doc.toString({ lineWidth: 0 }));
}

function sumStats(all: LabStats[]): LabStats {
  return all.reduce(
    (sum, s) => ({
      activeSessions: sum.activeSessions + s.activeSessions,
      peakSessions: sum.peakSessions + s.peakSessions,
      totalSessions: sum.totalSessions + s.totalSessions,
    }),
    { activeSessions: 0, peakSessions: 0, totalSessions: 0 },
  );
}
