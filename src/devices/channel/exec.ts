import { StringDecoder } from 'node:string_decoder';
import type { ExecChannel } from '../transport/ssh.js';
import { ChannelError, DEFAULT_MAX_CHARS } from './channel.js';

/**
 * One command over an SSH exec channel (plain Linux): no PTY, no prompt, no echo. The command ends
 * when the channel closes; its exit status says whether it ran. stdout and stderr are kept in arrival
 * order, as a terminal would have shown them.
 */

export interface ExecResult {
  raw: string;
  exitCode: number | undefined;
  exitSignal: string | undefined;
}

export interface ExecSpec {
  timeoutMs: number;
  signal?: AbortSignal;
  maxChars?: number;
}

export function collectExec({ channel, status }: ExecChannel, spec: ExecSpec): Promise<ExecResult> {
  const decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
  const chunks: string[] = [];
  let size = 0;
  const maxChars = spec.maxChars ?? DEFAULT_MAX_CHARS;
  return new Promise((resolve, reject) => {
    const fail = (kind: ChannelError['kind'], cause?: unknown) => {
      cleanup();
      channel.destroy();
      reject(new ChannelError(kind, chunks.join(''), { cause }));
    };
    const onAbort = () => fail('aborted', spec.signal?.reason);
    const timer = setTimeout(() => fail('timeout'), spec.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    };
    const take = (decoder: StringDecoder) => (data: Buffer) => {
      const text = decoder.write(data);
      chunks.push(text);
      size += text.length;
      if (size > maxChars) fail('too-large');
    };
    channel.on('data', take(decoders.out));
    channel.stderr.on('data', take(decoders.err));
    channel.on('close', () => {
      cleanup();
      chunks.push(decoders.out.end(), decoders.err.end());
      const raw = chunks.join('');
      // No exit status at all: the connection went away under the command.
      if (status.code === undefined && status.signal === undefined) reject(new ChannelError('closed', raw));
      else resolve({ raw, exitCode: status.code, exitSignal: status.signal });
    });
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
