/**
 * The floor for Node: a bare ssh2 client per device — TCP (no delay), login, PTY shell, wait for the
 * prompt, one command, wait for the prompt again, destroy. No platform data, no modes, no output
 * cleaning: whatever netrun spends above this is the engine's and the session layer's overhead.
 */
import { connect } from 'node:net';
import { Client } from 'ssh2';

export interface FloorTarget {
  name: string;
  address: string;
  port: number;
  username: string;
  password: string;
}

export interface FloorRunOptions {
  concurrency: number;
  command: string;
  /**
   * Lines typed before the command, each after a prompt (default none). Given netrun's own lines
   * (`enable`, paging off, ...) this client shows what the extra round trips cost by themselves.
   */
  before?: readonly string[];
  /** Answer to a `Password:` prompt (enable). */
  secret?: string;
  /** Whole-device limit. */
  timeoutMs: number;
  /** Called after each device; `inFlight` counts devices still running. */
  onDeviceDone?: (done: number, inFlight: number) => void;
}

export interface FloorRun {
  ok: number;
  failed: number;
  /** First error message per distinct message, with counts. */
  errors: Record<string, number>;
}

/** Any IOS/EOS/NX-OS-style prompt at the very end of what arrived. */
const PROMPT = /[\w.\-@/:()]+[>#$%]\s?$/;
const PASSWORD = /password:\s?$/i;
const PAGER = /--More--\s*$/;
const TERMINAL = { term: 'vt100', cols: 511, rows: 24 };

export async function runFloor(targets: readonly FloorTarget[], options: FloorRunOptions): Promise<FloorRun> {
  const result: FloorRun = { ok: 0, failed: 0, errors: {} };
  const lines = [...(options.before ?? []), options.command];
  let next = 0;
  let inFlight = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      inFlight += 1;
      try {
        await floorDevice(target, { lines, secret: options.secret ?? '' }, options.timeoutMs);
        result.ok += 1;
      } catch (error) {
        result.failed += 1;
        const message = (error as Error).message.replace(target.name, '<device>');
        result.errors[message] = (result.errors[message] ?? 0) + 1;
      }
      inFlight -= 1;
      options.onDeviceDone?.(result.ok + result.failed, inFlight);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, targets.length) }, worker));
  return result;
}

export interface FloorScript {
  /** Typed one at a time, each after a prompt; the output after the last one is returned. */
  lines: readonly string[];
  secret: string;
}

export function floorDevice(target: FloorTarget, script: FloorScript, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.address, port: target.port, noDelay: true });
    const client = new Client();
    let settled = false;
    const finish = (error: Error | undefined, output = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      socket.destroy();
      if (error) reject(error);
      else resolve(output);
    };
    const timer = setTimeout(() => finish(new Error(`${target.name}: timed out`)), timeoutMs);
    socket.once('error', (error) => finish(error));
    client.once('error', (error) => finish(error));
    client.once('close', () => finish(new Error(`${target.name}: closed early`)));
    client.once('ready', () => {
      client.shell(TERMINAL, (error, channel) => {
        if (error) return finish(error);
        const queue = [...script.lines];
        let buffer = '';
        // After a typed line, a prompt counts only past the echo's newline; after a password, at once.
        let awaitingEcho = false;
        channel.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          if (PAGER.test(buffer)) channel.write(' ');
          else if (PASSWORD.test(buffer)) {
            buffer = '';
            awaitingEcho = false;
            channel.write(`${script.secret}\n`);
          } else if (PROMPT.test(buffer) && (!awaitingEcho || buffer.includes('\n'))) {
            const line = queue.shift();
            if (line === undefined) return finish(undefined, buffer);
            awaitingEcho = true;
            buffer = '';
            channel.write(`${line}\n`);
          }
        });
      });
    });
    client.connect({
      sock: socket,
      username: target.username,
      password: target.password,
      readyTimeout: timeoutMs,
    });
  });
}
