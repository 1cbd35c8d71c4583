import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));

export interface ChildRun {
  stdout: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Starts each child, waits until every one has opened its stdin and said `ready`, then releases them
 * together so their store calls overlap.
 */
export async function runTogether(argsPerChild: string[][]): Promise<ChildRun[]> {
  const children = argsPerChild.map((args) =>
    spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  try {
    const runs = children.map(collect);
    await Promise.all(runs.map((run) => run.ready));
    for (const child of children) child.stdin!.write('go\n');
    return await Promise.all(runs.map((run) => run.done));
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function collect(child: ChildProcess): { ready: Promise<void>; done: Promise<ChildRun> } {
  const stdout: string[] = [];
  let buffer = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') markReady();
      else stdout.push(line);
    }
  });
  const done = new Promise<ChildRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      markReady(); // a child that died before `ready` must not hang the others
      resolve({ stdout, code, signal });
    });
  });
  return { ready, done };
}

export function lastJson<T>(run: ChildRun): T {
  const line = run.stdout.at(-1);
  if (line === undefined) throw new Error(`child printed nothing (exit ${run.code}, signal ${run.signal})`);
  return JSON.parse(line) as T;
}
