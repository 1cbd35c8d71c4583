import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { lastLineOf, TAIL_CHARS } from './prompt.js';

/**
 * An interactive terminal channel: bytes in, text out, and "read until this shows up at the end".
 * Decisions (is that a prompt? a pager? a question to answer?) belong to the caller's `check`; this
 * class owns buffering, the tail it checks, timeouts, cancellation and the stream's end.
 */

export type ReadStep<T> =
  | { done: T }
  /** Type `send` and keep reading; `dropLastLine` removes the line that asked (a pager) from the output. */
  | { send: string; dropLastLine?: boolean };

export interface ReadView {
  /** The last line received so far, cleaned of terminal controls. */
  lastLine: string;
  /** Whether a newline arrived since the read began (the echo of a typed command ends with one). */
  sawNewline: boolean;
}

export interface ReadSpec<T> {
  timeoutMs: number;
  signal?: AbortSignal;
  check(view: ReadView): ReadStep<T> | undefined;
  /** Type this when nothing matched after `afterMs` (devices that wait for a return before a prompt). */
  nudge?: { afterMs: number; send: string; onSent?: () => void };
}

export interface ReadResult<T> {
  raw: string;
  value: T;
}

export type ChannelErrorKind = 'timeout' | 'closed' | 'aborted' | 'too-large';

export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    readonly kind: ChannelErrorKind,
    /** Everything received during the failed read (raw). */
    readonly seen: string,
    options?: { cause?: unknown },
  ) {
    super(`channel ${kind}`, options);
  }
}

export interface ChannelOptions {
  /** Refuse to hold more than this many characters of one command's output. */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 64 * 1024 * 1024;

/**
 * The read in progress: plain data. Every command makes one, so the channel's own methods and
 * listeners (made once per channel) do the work instead of a bundle of closures per read.
 */
interface PendingRead {
  spec: ReadSpec<unknown>;
  resolve: (result: ReadResult<unknown>) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout | undefined;
  nudgeTimer: NodeJS.Timeout | undefined;
}

export class TerminalChannel {
  private readonly decoder = new StringDecoder('utf8');
  private chunks: string[] = [];
  private size = 0;
  private tail = '';
  private sawNewline = false;
  private pending: PendingRead | undefined;
  private closedBy: unknown = undefined;
  private closed = false;
  private readonly maxChars: number;
  private readonly onAbort = () => this.fail('aborted', this.pending?.spec.signal?.reason);
  private readonly onTimeout = (read: PendingRead) => {
    if (this.pending === read) this.fail('timeout');
  };
  private readonly onNudge = (read: PendingRead) => {
    read.nudgeTimer = undefined;
    const nudge = read.spec.nudge;
    if (this.pending !== read || this.closed || !nudge) return;
    this.write(nudge.send);
    nudge.onSent?.();
  };

  constructor(
    private readonly stream: Duplex,
    options: ChannelOptions = {},
  ) {
    this.maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
    stream.on('data', (chunk: Buffer | string) => this.receive(chunk));
    const onEnd = (cause?: unknown) => this.markClosed(cause);
    stream.on('end', () => onEnd());
    stream.on('close', () => onEnd());
    stream.on('error', (error: unknown) => onEnd(error));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (this.closed) throw new ChannelError('closed', '', { cause: this.closedBy });
    this.stream.write(text);
  }

  /** Close the stream now (cancel): any read in progress fails with `aborted`. */
  destroy(): void {
    this.fail('aborted');
    this.stream.destroy();
  }

  /** Discard what has arrived and not been read (stale output after a prompt). */
  discard(): string {
    return this.take();
  }

  readUntil<T>(spec: ReadSpec<T>): Promise<ReadResult<T>> {
    if (this.pending) return Promise.reject(new Error('TerminalChannel: one read at a time'));
    if (spec.signal?.aborted) return Promise.reject(new ChannelError('aborted', ''));
    return new Promise<ReadResult<T>>((resolve, reject) => {
      const read: PendingRead = {
        spec: spec as ReadSpec<unknown>,
        resolve: resolve as PendingRead['resolve'],
        reject,
        timer: undefined,
        nudgeTimer: undefined,
      };
      this.pending = read;
      spec.signal?.addEventListener('abort', this.onAbort, { once: true });
      read.timer = setTimeout(this.onTimeout, spec.timeoutMs, read);
      if (spec.nudge) read.nudgeTimer = setTimeout(this.onNudge, spec.nudge.afterMs, read);
      if (this.closed) this.fail('closed', this.closedBy);
      else this.evaluate();
    });
  }

  /** The read's check on what has arrived: done, an answer to type, or keep reading. */
  private evaluate(): void {
    const read = this.pending;
    if (!read) return;
    try {
      const step = read.spec.check({ lastLine: lastLineOf(this.tail), sawNewline: this.sawNewline });
      if (step === undefined) return;
      if ('done' in step) {
        this.endRead(read);
        read.resolve({ raw: this.take(), value: step.done });
        return;
      }
      if (step.dropLastLine) this.dropLastLine();
      this.write(step.send);
    } catch (error) {
      // The caller's check threw (or the answer could not be typed): pass its error on as it is.
      if (this.pending !== read) return;
      this.endRead(read);
      this.take();
      read.reject(error);
    }
  }

  /** Fails the read in progress, if any, with everything it had seen. */
  private fail(kind: ChannelErrorKind, cause?: unknown): void {
    const read = this.pending;
    if (!read) return;
    this.endRead(read);
    read.reject(new ChannelError(kind, this.take(), { cause }));
  }

  private endRead(read: PendingRead): void {
    clearTimeout(read.timer);
    clearTimeout(read.nudgeTimer);
    read.spec.signal?.removeEventListener('abort', this.onAbort);
    this.pending = undefined;
  }

  private receive(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (text === '') return;
    this.chunks.push(text);
    this.size += text.length;
    if (text.includes('\n')) this.sawNewline = true;
    this.tail =
      text.length >= TAIL_CHARS
        ? text.slice(text.length - TAIL_CHARS)
        : (this.tail + text).slice(-TAIL_CHARS);
    if (this.size > this.maxChars) {
      this.fail('too-large');
      return;
    }
    this.evaluate();
  }

  private markClosed(cause?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.closedBy = cause;
    const rest = this.decoder.end();
    if (rest) this.receive(rest);
    this.fail('closed', cause);
  }

  private take(): string {
    // Between commands there is usually nothing to take: no join, no new array.
    const count = this.chunks.length;
    const raw = count === 0 ? '' : count === 1 ? this.chunks[0]! : this.chunks.join('');
    if (count > 0) this.chunks = [];
    this.size = 0;
    this.tail = '';
    this.sawNewline = false;
    return raw;
  }

  /** Remove the unterminated last line (a pager prompt) so it never reaches the output. */
  private dropLastLine(): void {
    const cut = this.tail.lastIndexOf('\n');
    if (cut === -1) return;
    let drop = this.tail.length - (cut + 1);
    this.tail = this.tail.slice(0, cut + 1);
    this.size -= drop;
    while (drop > 0 && this.chunks.length > 0) {
      const last = this.chunks[this.chunks.length - 1]!;
      if (last.length <= drop) {
        this.chunks.pop();
        drop -= last.length;
      } else {
        this.chunks[this.chunks.length - 1] = last.slice(0, last.length - drop);
        drop = 0;
      }
    }
  }
}
