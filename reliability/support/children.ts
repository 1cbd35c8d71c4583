/**
 * Child processes (lab shards, the bot) that must not outlive this process: a test that throws, or a
 * run ended by process.exit, never gets to stop them, and a lab left behind holds its ports.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let hooked = false;

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGKILLs `child` if this process exits while it still runs; returns it. */
export function killOnExit<T extends ChildProcess>(child: T): T {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of live) if (isRunning(c)) c.kill('SIGKILL');
    });
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}
