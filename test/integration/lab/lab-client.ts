/**
 * A minimal SSH terminal for driving lab devices in tests: ssh2's Client, a PTY shell, and
 * "send, then read until this pattern" — the way an engineer or a driver talks to a device.
 */
import ssh2 from 'ssh2';
import { LAB_CREDENTIALS } from '../../../src/lab/index.js';

export interface ConnectOptions {
  port: number;
  password?: string;
  algorithms?: ssh2.ConnectConfig['algorithms'];
  readyTimeout?: number;
  hostVerifier?: (key: Buffer) => boolean;
}

export function connectClient(options: ConnectOptions): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: '127.0.0.1',
      port: options.port,
      username: LAB_CREDENTIALS.username,
      password: options.password ?? LAB_CREDENTIALS.password,
      readyTimeout: options.readyTimeout ?? 5000,
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      ...(options.hostVerifier ? { hostVerifier: options.hostVerifier } : {}),
    });
  });
}

export class LabTerminal {
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;
  /** Every chunk as it arrived (for tests about how output is delivered). */
  readonly chunks: Buffer[] = [];
  /** Off: data is left to the test's own listener (10 MB outputs). */
  buffering = true;

  private constructor(
    readonly client: ssh2.Client,
    readonly stream: ssh2.ClientChannel,
  ) {
    stream.on('data', (data: Buffer) => {
      if (!this.buffering) return;
      this.chunks.push(data);
      this.buffer = Buffer.concat([this.buffer, data]);
      this.wake();
    });
    stream.on('close', () => {
      this.closed = true;
      this.wake();
    });
    client.on('error', () => undefined);
  }

  static async open(options: ConnectOptions): Promise<LabTerminal> {
    const client = await connectClient(options);
    const stream = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
      client.shell({ term: 'vt100', rows: 24, cols: 80 }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    return new LabTerminal(client, stream);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Everything received so far and not yet consumed by readUntil, as text. */
  get pending(): string {
    return this.buffer.toString('utf8');
  }

  /** Raw bytes received so far and not yet consumed. */
  get pendingBytes(): Buffer {
    return this.buffer;
  }

  /** Reads until `pattern` matches the received text; returns it all (and consumes it). */
  async readUntil(pattern: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.buffer.toString('utf8');
      if (pattern.test(text)) {
        this.buffer = Buffer.alloc(0);
        return text;
      }
      const left = deadline - Date.now();
      if (this.closed || left <= 0) {
        throw new Error(
          `${this.closed ? 'closed' : 'timed out'} waiting for ${pattern}; got ${JSON.stringify(text.slice(-400))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits `ms` and returns what arrived meanwhile (consumed). */
  async drain(ms: number): Promise<string> {
    await new Promise((r) => setTimeout(r, ms));
    const text = this.buffer.toString('utf8');
    this.buffer = Buffer.alloc(0);
    return text;
  }

  write(text: string): void {
    this.stream.write(text);
  }

  /** Types a line and reads up to the next prompt matching `prompt`. */
  async run(line: string, prompt: RegExp, timeoutMs = 5000): Promise<string> {
    this.write(`${line}\n`);
    return this.readUntil(prompt, timeoutMs);
  }

  close(): void {
    this.client.end();
  }
}

/** Runs one command on an exec channel: output and exit code. */
export async function execOnce(
  port: number,
  command: string,
): Promise<{ output: string; code: number | null }> {
  const client = await connectClient({ port });
  try {
    return await new Promise((resolve, reject) =>
      client.exec(command, (err, stream) => {
        if (err) return reject(err);
        let output = '';
        let code: number | null = null;
        stream.on('data', (d: Buffer) => {
          output += d.toString();
        });
        stream.stderr.on('data', (d: Buffer) => {
          output += d.toString();
        });
        stream.on('exit', (c: number) => {
          code = c;
        });
        stream.on('close', () => resolve({ output, code }));
      }),
    );
  } finally {
    client.end();
  }
}
