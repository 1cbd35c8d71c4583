/**
 * A lab spread over one or more lab-process.ts children, with one merged netrun inventory: the
 * reliability scenarios' lab, and the bench's (whose CPU must not count as the engine's).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { LabDevice, LabDeviceSpec, LabStats, StartLabOptions } from '../../src/lab/index.js';
import { isRunning, killOnExit } from './children.js';
import { within } from './within.js';

const ENTRY = fileURLToPath(new URL('./lab-process.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface RemoteLabOptions {
  devices: LabDeviceSpec[];
  /** Lab processes to spread the devices over (default 1). */
  processes?: number;
  /** Ports from here on, each process's range after the one before (default: any free ports). */
  portBase?: number;
  defaults?: StartLabOptions['defaults'];
  /** Binding thousands of ports under tsx takes a while on a busy box. */
  readyTimeoutMs?: number;
  /** Pin the lab processes to these CPUs (a taskset list, e.g. "1"; profiling). */
  cpus?: string;
}

export interface RemoteLab {
  devices: LabDevice[];
  pids: number[];
  /** Every shard's hosts in one inventory (credentials as `${env:NETRUN_LAB_…}` references). */
  inventory: InventoryData;
  knownHosts: string;
  commands(device: string): Promise<string[]>;
  runningConfig(device: string): Promise<string>;
  /** Sessions summed over the processes (peak is then an upper bound when there are several). */
  stats(): Promise<LabStats>;
  /** Zero every process's session counters. */
  reset(): Promise<void>;
  /** CPU ms the lab processes have used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** A netrun inventory as plain data (snake_case, as in the file), for a scenario to edit. */
export interface InventoryData {
  defaults: Record<string, unknown> & { connection?: Record<string, unknown> };
  groups: Record<string, Record<string, unknown>>;
  hosts: Record<string, Record<string, unknown> & { groups: string[]; connection?: Record<string, unknown> }>;
}

interface Ready {
  devices: LabDevice[];
  inventory: string;
  knownHosts: string;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

class Shard {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #stderr = '';
  #exit: Error | undefined;
  readonly ready: Promise<Ready>;

  constructor(optionsFile: string, cpus: string | undefined) {
    const args = ['--import', 'tsx', ENTRY, optionsFile];
    // taskset execs node, so the pid is still the lab's own.
    const [file, argv] = cpus
      ? ['taskset', ['-c', cpus, process.execPath, ...args]]
      : [process.execPath, args];
    this.#child = killOnExit(spawn(file, argv, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] }));
    let onReady: (ready: Ready) => void = () => undefined;
    let onFail: (error: Error) => void = () => undefined;
    this.ready = new Promise<Ready>((resolve, reject) => {
      onReady = resolve;
      onFail = reject;
    });
    this.ready.catch(() => undefined);
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4_000);
    });
    createInterface({ input: this.#child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { ready?: Ready; id?: number; value?: unknown; error?: string };
      if (message.ready) return onReady(message.ready);
      const waiter = this.#pending.get(message.id ?? -1);
      if (!waiter) return;
      this.#pending.delete(message.id!);
      if (message.error !== undefined) waiter.reject(new Error(`lab process: ${message.error}`));
      else waiter.resolve(message.value);
    });
    // 'close', not 'exit': only then has all of its stderr arrived, which the error quotes.
    this.#child.once('close', (code, signal) => {
      this.#exit = new Error(
        `lab process ${this.pid} exited (${signal ?? `status ${code}`}): ${this.#stderr.trim() || 'no stderr'}`,
      );
      onFail(this.#exit);
      for (const waiter of this.#pending.values()) waiter.reject(this.#exit);
      this.#pending.clear();
    });
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  request<T>(op: string, device?: string): Promise<T> {
    if (this.#exit) return Promise.reject(this.#exit);
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.stdin?.write(`${JSON.stringify({ id, op, device })}\n`);
    });
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!isRunning(child)) return;
    const closed = once(child, 'close');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await closed;
    clearTimeout(timer);
  }
}

/**
 * What each lab process starts with: contiguous, equal-as-possible slices of the devices and, with
 * a port base, consecutive port ranges (device i of the whole lab on portBase + i).
 */
export function shardOptions(options: RemoteLabOptions): StartLabOptions[] {
  const { devices, portBase, defaults } = options;
  const n = Math.max(1, Math.min(options.processes ?? 1, devices.length));
  const shards: StartLabOptions[] = [];
  let offset = 0;
  for (let i = 0; i < n; i += 1) {
    const count = Math.floor(devices.length / n) + (i < devices.length % n ? 1 : 0);
    shards.push({
      devices: devices.slice(offset, offset + count),
      ...(portBase === undefined ? {} : { portBase: portBase + offset }),
      ...(defaults ? { defaults } : {}),
    });
    offset += count;
  }
  return shards;
}

function mergeInventories(texts: string[]): InventoryData {
  const [first, ...rest] = texts.map((text) => parse(text) as InventoryData);
  if (!first) throw new Error('a lab needs at least one device');
  for (const other of rest) {
    Object.assign(first.groups, other.groups);
    Object.assign(first.hosts, other.hosts);
  }
  return first;
}

export async function startRemoteLab(options: RemoteLabOptions): Promise<RemoteLab> {
  const dir = await mkdtemp(join(tmpdir(), 'netrun-remote-lab-'));
  const shards: Shard[] = [];
  try {
    for (const [i, labOptions] of shardOptions(options).entries()) {
      const file = join(dir, `shard-${i}.json`);
      await writeFile(file, JSON.stringify(labOptions));
      shards.push(new Shard(file, options.cpus));
    }
    const ready = await within(
      Promise.all(shards.map((s) => s.ready)),
      options.readyTimeoutMs ?? 120_000,
      `lab processes ${shards.map((s) => s.pid).join(', ')} getting ready`,
    );
    return remoteLab(shards, ready);
  } catch (error) {
    await Promise.all(shards.map((s) => s.stop()));
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function remoteLab(shards: Shard[], ready: Ready[]): RemoteLab {
  const owner = new Map<string, Shard>();
  ready.forEach((r, i) => {
    for (const d of r.devices) owner.set(d.name, shards[i] as Shard);
  });
  const shardOf = (device: string) => {
    const shard = owner.get(device);
    if (!shard) throw new Error(`the lab has no device "${device}"`);
    return shard;
  };
  const all = <T>(op: string) => Promise.all(shards.map((s) => s.request<T>(op)));
  let stopped: Promise<void> | undefined;
  return {
    devices: ready.flatMap((r) => r.devices),
    pids: shards.map((s) => s.pid),
    inventory: mergeInventories(ready.map((r) => r.inventory)),
    knownHosts: ready.map((r) => r.knownHosts).join(''),
    commands: (device) => shardOf(device).request<string[]>('commands', device),
    runningConfig: (device) => shardOf(device).request<string>('runningConfig', device),
    stats: async () =>
      (await all<LabStats>('stats')).reduce((sum, s) => ({
        activeSessions: sum.activeSessions + s.activeSessions,
        peakSessions: sum.peakSessions + s.peakSessions,
        totalSessions: sum.totalSessions + s.totalSessions,
      })),
    reset: async () => {
      await all('reset');
    },
    cpuMs: async () => (await all<{ ms: number }>('cpu')).reduce((a, b) => a + b.ms, 0),
    stop: () => {
      stopped ??= Promise.all(shards.map((s) => s.stop())).then(() => undefined);
      return stopped;
    },
  };
}

/** The inventory as a file's text. */
export function inventoryText(inventory: InventoryData): string {
  return stringify(inventory, { lineWidth: 0 });
}
