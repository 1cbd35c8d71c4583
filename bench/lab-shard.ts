/** The bench side of one lab-process.ts child: start it, wait for its ready line, ask it things. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LabStats } from '../src/lab/index.js';
import type { ChildRegistry } from './children.js';
import type { LabShard } from './shards.js';

const ENTRY = fileURLToPath(new URL('./lab-process.ts', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface ShardLaunch {
  shard: LabShard;
  platform: string;
  connectMs: number;
  commandMs: number;
  inventoryOut: string;
  children: ChildRegistry;
  readyTimeoutMs: number;
  onRetry?: (message: string) => void;
  /** taskset CPU list to pin the process to (profiling); taskset execs node, so the pid stays node's. */
  cpus?: string;
}

/** What a shard says when it listens. */
export interface ShardReady {
  devices: number;
  ports: [number, number];
  /** First and last device names. */
  names: [string, string];
}

type Waiter = { kind: string; resolve: (body: unknown) => void; reject: (error: Error) => void };

export class LabShardProcess {
  readonly #child: ChildProcess;
  readonly #children: ChildRegistry;
  readonly #waiters: Waiter[] = [];
  #stderr = '';
  #exited: Error | undefined;
  ready: ShardReady | undefined;

  private constructor(child: ChildProcess, children: ChildRegistry) {
    this.#child = child;
    this.#children = children;
    createInterface({ input: child.stdout! }).on('line', (line) => this.#onLine(line));
    child.stderr!.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4_000);
    });
    // 'close', not 'exit': only then has all of its stderr arrived, which the error message quotes.
    child.once('close', (code, sig) => {
      this.#exited = new Error(
        `lab process ${child.pid} exited (${sig ?? `status ${code}`}): ${this.#stderr.trim() || 'no stderr'}`,
      );
      for (const w of this.#waiters.splice(0)) w.reject(this.#exited);
    });
  }

  /**
   * A shard that died of ssh2's malformed ed25519 host key (see lab-process.ts selfCheck) is started
   * again: a new process makes a new key.
   */
  static async start(launch: ShardLaunch, attempts = 3): Promise<LabShardProcess> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await LabShardProcess.startOnce(launch);
      } catch (error) {
        const badKey = /Cannot parse privateKey/.test((error as Error).message);
        if (!badKey || attempt >= attempts) throw error;
        launch.onRetry?.(
          `lab shard at port ${launch.shard.portBase} drew a host key ssh2 cannot parse; restarting it`,
        );
      }
    }
  }

  private static async startOnce(launch: ShardLaunch): Promise<LabShardProcess> {
    const { shard } = launch;
    const args = [
      '--import',
      'tsx',
      ENTRY,
      ...['--offset', String(shard.offset), '--count', String(shard.count)],
      ...['--port-base', String(shard.portBase), '--platform', launch.platform],
      ...['--connect-ms', String(launch.connectMs), '--command-ms', String(launch.commandMs)],
      ...['--inventory-out', launch.inventoryOut],
    ];
    const [file, argv] = launch.cpus
      ? ['taskset', ['-c', launch.cpus, process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(file, argv, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    launch.children.track(child);
    const shardProcess = new LabShardProcess(child, launch.children);
    shardProcess.ready = await withTimeout(
      shardProcess.#expect('ready') as Promise<ShardReady>,
      launch.readyTimeoutMs,
      () => {
        void launch.children.stop(child);
        return `lab process ${child.pid} (${shard.count} devices from port ${shard.portBase}) not ready within ${launch.readyTimeoutMs} ms`;
      },
    );
    return shardProcess;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  stats(): Promise<LabStats> {
    return this.#request('stats', 'stats') as Promise<LabStats>;
  }

  /** CPU (user + system) the lab process has used since it started, in ms. */
  async cpuMs(): Promise<number> {
    return ((await this.#request('cpu', 'cpu')) as { ms: number }).ms;
  }

  async reset(): Promise<void> {
    await this.#request('reset', 'reset');
  }

  commands(device: string): Promise<string[]> {
    return this.#request(`commands ${device}`, 'commands') as Promise<string[]>;
  }

  stop(): Promise<void> {
    return this.#children.stop(this.#child);
  }

  #request(line: string, kind: string): Promise<unknown> {
    const reply = this.#expect(kind);
    this.#child.stdin!.write(`${line}\n`);
    return reply;
  }

  #expect(kind: string): Promise<unknown> {
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => this.#waiters.push({ kind, resolve, reject }));
  }

  #onLine(line: string): void {
    const match = /^bench-lab (\w+) (.*)$/.exec(line);
    if (!match) return;
    const [, kind, json] = match as unknown as [string, string, string];
    const waiter = this.#waiters.shift();
    if (!waiter) return;
    const body: unknown = JSON.parse(json);
    if (kind === waiter.kind) waiter.resolve(body);
    else
      waiter.reject(new Error(`lab process ${this.pid}: ${(body as { message?: string }).message ?? line}`));
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
