import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliChild {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<CliExit>;
}

/**
 * Runs the real entry point (`src/cli.ts`) in a child Node process, as `npx tsx src/cli.ts` would
 * but without npx and tsx's own wrapper processes in between: the pid is the CLI's own, so a
 * signal sent to it is the one a terminal would deliver. Only PATH and HOME come from the parent
 * environment, so a developer's NETRUN_* settings cannot leak into a test.
 */
export function spawnCli(args: string[], env: Record<string, string>): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    process: child,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    exited,
  };
}

/** Kills a child that is still running (a failed test must not leave a CLI behind). */
export function killIfRunning(cli: CliChild | undefined): void {
  const child = cli?.process;
  if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined)
    child.kill('SIGKILL');
}
