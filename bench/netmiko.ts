/** Runs netmiko-bench.py with Debian's /usr/bin/python3 (the pyenv python3 on PATH has no netmiko). */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ChildRegistry } from './children.js';
import type { FloorTarget } from './floor-client.js';

export const SYSTEM_PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./netmiko-bench.py', import.meta.url));

export type NetmikoCheck = { available: true; version: string } | { available: false; reason: string };

export async function checkNetmiko(python = SYSTEM_PYTHON): Promise<NetmikoCheck> {
  try {
    const { stdout } = await promisify(execFile)(
      python,
      ['-c', 'import netmiko; print(netmiko.__version__)'],
      {
        timeout: 30_000,
      },
    );
    return { available: true, version: stdout.trim() };
  } catch (error) {
    const text = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? (error as Error).message;
    return {
      available: false,
      reason: `${python} cannot import netmiko (${text}); apt install python3-netmiko`,
    };
  }
}

export interface NetmikoJob {
  targets: readonly FloorTarget[];
  /** Netmiko device_type; netrun's platform names are Netmiko's. */
  deviceType: string;
  command: string;
  concurrency: number;
  dir: string;
  children: ChildRegistry;
  python?: string;
}

export interface NetmikoRun {
  netmiko: string;
  wall_s: number;
  cpu_s: number;
  max_rss_kb: number;
  ok: number;
  failed: number;
  errors: Record<string, number>;
  /** Mean seconds per device in ConnectHandler, send_command and disconnect. */
  phases: NetmikoPhases;
}

export interface NetmikoPhases {
  connect_s: number;
  command_s: number;
  disconnect_s: number;
}

export async function runNetmiko(job: NetmikoJob): Promise<NetmikoRun> {
  const file = join(job.dir, 'netmiko-job.json');
  const first = job.targets[0];
  await writeFile(
    file,
    JSON.stringify({
      device_type: job.deviceType,
      command: job.command,
      concurrency: job.concurrency,
      username: first?.username,
      password: first?.password,
      targets: job.targets.map((t) => ({ address: t.address, port: t.port })),
    }),
  );
  const child = job.children.track(
    spawn(job.python ?? SYSTEM_PYTHON, [SCRIPT, file], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) {
    throw new Error(`netmiko-bench.py exited with status ${code}: ${stderr.trim() || 'no output'}`);
  }
  return JSON.parse(line) as NetmikoRun;
}
