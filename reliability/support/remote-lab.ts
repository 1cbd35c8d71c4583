/** A lab spread over one or more lab-process.ts children, with one merged netrun inventory. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { LabDevice, LabDeviceSpec, LabStats, StartLabOptions } from '../../src/lab/index.js';

const ENTRY = fileURLToPath(new URL('./lab-process.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface RemoteLabOptions {
  devices: LabDeviceSpec[];
  /** Lab processes to spread the devices over (default 1). */
  processes?: number;
  defaults?: StartLabOptions['defaults'];
  /** Binding thousands of ports under tsx takes a while on a busy box. */
  readyTimeoutMs?: number;
}

export interface RemoteLab {
  devices: LabDevice[];
  pids: number[];
  /** Every shard's hosts in one inventory (credentials as `${env:NETRUN_LAB_…}` references). */
  inventory: InventoryData;
  knownHosts: string;
  commands(device: string): Promise<string[]>;
  runningConfig(device: string): Promise<string>;
  stats(): Promise<LabStats>;
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

/** Every lab child of this process, killed if the process exits without stopping them. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

class Shard {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #stderr = '';
  #exit: Error | undefined;
  readonly ready: Promise<Ready>;

  constructor(optionsFile: string) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', ENTRY, optionsFile], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(this.#child);
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
    this.#child.once('close', (code, signal) => {
      live.delete(this.#child);
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
    if (child.exitCode !== null || child.signalCode !== null) return;
    const closed = once(child, 'close');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await closed;
    clearTimeout(timer);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not ready within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Contiguous, equal-as-possible slices. */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const n = Math.max(1, Math.min(parts, items.length));
  const out: T[][] = [];
  let offset = 0;
  for (let i = 0; i < n; i += 1) {
    const count = Math.floor(items.length / n) + (i < items.length % n ? 1 : 0);
    out.push(items.slice(offset, offset + count));
    offset += count;
  }
  return out;
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
  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), 'netrun-reliability-lab-'));
  const slices = splitEvenly(options.devices, options.processes ?? 1);
  const shards: Shard[] = [];
  try {
    for (const [i, devices] of slices.entries()) {
      const file = join(dir, `shard-${i}.json`);
      const labOptions: StartLabOptions = {
        devices,
        ...(options.defaults ? { defaults: options.defaults } : {}),
      };
      await writeFile(file, JSON.stringify(labOptions));
      shards.push(new Shard(file));
    }
    const ready = await withTimeout(
      Promise.all(shards.map((s) => s.ready)),
      options.readyTimeoutMs ?? 120_000,
      `lab processes ${shards.map((s) => s.pid).join(', ')}`,
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
  let stopped: Promise<void> | undefined;
  return {
    devices: ready.flatMap((r) => r.devices),
    pids: shards.map((s) => s.pid),
    inventory: mergeInventories(ready.map((r) => r.inventory)),
    knownHosts: ready.map((r) => r.knownHosts).join(''),
    commands: (device) => shardOf(device).request<string[]>('commands', device),
    runningConfig: (device) => shardOf(device).request<string>('runningConfig', device),
    stats: async () => {
      const all = await Promise.all(shards.map((s) => s.request<LabStats>('stats')));
      return all.reduce((sum, s) => ({
        activeSessions: sum.activeSessions + s.activeSessions,
        peakSessions: sum.peakSessions + s.peakSessions,
        totalSessions: sum.totalSessions + s.totalSessions,
      }));
    },
    cpuMs: async () =>
      (await Promise.all(shards.map((s) => s.request<{ ms: number }>('cpu')))).reduce((a, b) => a + b.ms, 0),
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
