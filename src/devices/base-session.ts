import type { CommandOutput, PushOutcome } from '../engine/types.js';
import { isNetrunError, NetrunError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { Logger } from '../logger.js';
import type { Platform } from './platforms/platform.js';
import type { DeviceSession, PushOptions, RunOptions } from './session-types.js';
import type { Transport } from './transport/connect.js';

/** A command is one line: a newline would be a second command on the device, a tab a completion. */
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/;

export function assertSingleLine(command: string, what = 'command'): void {
  if (CONTROL_CHARACTERS.test(command)) {
    throw new NetrunError(
      'COMMAND_INVALID',
      `the ${what} ${JSON.stringify(command)} contains a newline or control character`,
    );
  }
  if (command.trim() === '') throw new NetrunError('COMMAND_INVALID', `the ${what} is empty`);
}

/**
 * A signal that aborts when either does. The job passes the same signal to open and to every call,
 * so usually there is only one: AbortSignal.any costs a new signal and weak references per call.
 */
function combinedSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}

/** Errors raised before anything was typed: the session is still usable, so it stays open. */
const intact = new WeakSet<object>();

export function sessionIntact<E extends Error>(error: E): E {
  intact.add(error);
  return error;
}

export interface OperationContext {
  signal: AbortSignal | undefined;
  timeoutMs: number;
}

/** Serialised operations, cancellation that closes the session at once, and the closed state. */
export abstract class BaseSession implements DeviceSession {
  private queue: Promise<unknown> = Promise.resolve();
  private isClosed = false;
  private readonly onLifetimeAbort = () => this.terminate();

  constructor(
    readonly host: Host,
    readonly platform: Platform,
    readonly connectMs: number,
    protected readonly transport: Transport,
    private readonly lifetime: AbortSignal | undefined,
    protected readonly logger: Logger | undefined,
  ) {
    if (lifetime?.aborted) this.terminate();
    lifetime?.addEventListener('abort', this.onLifetimeAbort, { once: true });
    transport.kind === 'ssh'
      ? transport.ssh.onClose(() => this.markClosed())
      : transport.stream.once('close', () => this.markClosed());
  }

  get closed(): boolean {
    return this.isClosed;
  }

  abstract run(command: string, options?: RunOptions): Promise<CommandOutput>;
  abstract pushConfig(lines: readonly string[], options?: PushOptions): Promise<PushOutcome>;

  async runningConfig(options: RunOptions = {}): Promise<string> {
    const command = this.platform.showConfig;
    if (command === undefined) {
      throw new NetrunError('COMMAND_INVALID', `platform ${this.platform.name} has no show-config command`, {
        hint: `add \`showConfig\` to ${this.platform.source}`,
      });
    }
    return (await this.run(command, options)).output;
  }

  async close(): Promise<void> {
    this.terminate();
  }

  /** Close now: used by cancel, timeouts and broken channels. */
  protected terminate(): void {
    this.markClosed();
    this.transport.close();
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.lifetime?.removeEventListener('abort', this.onLifetimeAbort);
  }

  /**
   * Run `operation` alone on the session with a signal combining the session's and the call's. Any error
   * other than a device rejection leaves the channel in an unknown state, so the session is closed.
   */
  protected exclusive<T>(options: RunOptions, operation: (ctx: OperationContext) => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.isClosed) {
        throw new NetrunError('SESSION_CLOSED', `the session to ${this.host.name} is already closed`, {
          hint: 'open a new session',
        });
      }
      const signal = combinedSignal(this.lifetime, options.signal);
      const onAbort = () => this.terminate();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (signal?.aborted) throw new NetrunError('CANCELLED', `${this.host.name}: cancelled`);
        return await operation({
          signal,
          timeoutMs: options.timeoutMs ?? this.host.connection.commandTimeoutMs,
        });
      } catch (error) {
        const harmless = isNetrunError(error, 'COMMAND_REJECTED') || isNetrunError(error, 'COMMAND_INVALID');
        if (!harmless && !(error instanceof Error && intact.has(error))) this.terminate();
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
