/**
 * Child processes the bench starts itself (Netmiko; the lab processes are remote-lab.ts's), so
 * each is stopped by its pid on a normal end, an error or Ctrl-C — never by name.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export class ChildRegistry {
  readonly #children = new Set<ChildProcess>();
  #installed = false;

  track<T extends ChildProcess>(child: T): T {
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  get size(): number {
    return this.#children.size;
  }

  /** SIGTERM one child, SIGKILL after `graceMs` if it has not exited. */
  async stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = once(child, 'exit');
    signal(child, 'SIGTERM');
    const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async stopAll(graceMs?: number): Promise<void> {
    await Promise.all([...this.#children].map((child) => this.stop(child, graceMs)));
  }

  /** Synchronous last resort for process exit, when no more awaiting is possible. */
  killAllNow(): void {
    for (const child of this.#children) signal(child, 'SIGKILL');
  }

  /** Ctrl-C / SIGTERM stop the children, then end the bench with the conventional status. */
  installSignalHandlers(): void {
    if (this.#installed) return;
    this.#installed = true;
    const onSignal = (name: NodeJS.Signals, code: number) => {
      process.stderr.write(`\nbench: ${name}: stopping ${this.size} child process(es)\n`);
      void this.stopAll(2_000).finally(() => process.exit(code));
    };
    process.once('SIGINT', () => onSignal('SIGINT', 130));
    process.once('SIGTERM', () => onSignal('SIGTERM', 143));
    process.once('exit', () => this.killAllNow());
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, name);
  } catch {
    // Already gone between the check and the kill.
  }
}
