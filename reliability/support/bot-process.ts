/**
 * The real bot process: `node --import tsx src/cli.ts start` as a child (no npx or tsx wrapper in
 * between, so the pid is the bot's own and a SIGKILL hits it, not a launcher). Only PATH and HOME
 * come from this environment: a developer's NETRUN_* settings cannot leak in.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { isRunning, killOnExit } from './children.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  pid: number;
  /** The HTTP port, once the bot said it is ready. */
  ready: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last part of its log (JSON lines on stderr). */
  log(): string;
  kill(signal: NodeJS.Signals): void;
  /** SIGKILL if still running, and wait for the exit. */
  stop(): Promise<void>;
}

/** Starts `netrun start` with `env`; `ready` rejects if it exits first or is not ready in time. */
export function startBotProcess(env: Record<string, string>, readyTimeoutMs = 60_000): BotProcess {
  const child = killOnExit(
    spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NETRUN_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let tail = '';
  let pending = '';
  let onReady: (port: number) => void = () => undefined;
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bot was not ready in ${readyTimeoutMs} ms:\n${tail.slice(-2_000)}`)),
      readyTimeoutMs,
    );
    onReady = (port) => {
      clearTimeout(timer);
      resolve(port);
    };
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${signal ?? code}) before it was ready:\n${tail.slice(-2_000)}`));
    });
  });
  ready.catch(() => undefined);
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-200_000);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"netrun is ready"')) continue;
      const port = (JSON.parse(line) as { port?: number }).port;
      if (typeof port === 'number') onReady(port);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid ?? -1,
    ready,
    exited,
    log: () => tail,
    kill: (signal) => {
      if (isRunning(child)) child.kill(signal);
    },
    stop: async () => {
      if (isRunning(child)) {
        const closed = once(child, 'close');
        child.kill('SIGKILL');
        await closed;
      }
    },
  };
}
