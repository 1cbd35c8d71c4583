/**
 * Writes a command's output the way a device does: a `--More--` pager every page when paging is on,
 * and the output faults (hang, drop, trickle, garbage) when the device has one.
 */
import { cutLine, garbageLine, TRICKLE } from '../faults.js';
import type { LabFault } from '../types.js';

export interface PagerSpec {
  prompt: string;
  erase: 'backspace' | 'carriage-return';
}

export interface OutputSink {
  newline: string;
  send(chunk: string | Buffer): Promise<void>;
  readKey(): Promise<string>;
  sleep(ms: number): Promise<void>;
  /** Never returns: the output stops and the session stays silent until the client leaves. */
  hang(): Promise<never>;
  /** Never returns: the connection is cut. */
  drop(): Promise<never>;
}

export interface OutputOptions {
  pager: PagerSpec | null;
  /** Lines per screen; 0 = paging off. */
  pageLength: number;
  fault: LabFault | undefined;
}

function erasePager(spec: PagerSpec): string {
  const n = spec.prompt.length;
  return spec.erase === 'backspace'
    ? `${'\b'.repeat(n)}${' '.repeat(n)}${'\b'.repeat(n)}`
    : `\r${' '.repeat(n)}\r`;
}

async function sendSlowly(sink: OutputSink, chunk: Buffer): Promise<void> {
  for (let i = 0; i < chunk.length; i += TRICKLE.bytes) {
    await sink.send(chunk.subarray(i, i + TRICKLE.bytes));
    await sink.sleep(TRICKLE.pauseMs);
  }
}

/** Returns false when the reader quit at the pager (`q`). */
export async function writeOutput(
  sink: OutputSink,
  lines: Iterable<string>,
  opts: OutputOptions,
): Promise<boolean> {
  const { fault, pager } = opts;
  const paging = pager !== null && opts.pageLength > 1;
  const total = Array.isArray(lines) ? lines.length : Number.POSITIVE_INFINITY;
  const cut = fault === 'hang' || fault === 'drop' ? cutLine(total, paging ? opts.pageLength : 0) : -1;
  const parts: Buffer[] = [];
  let pending = 0;
  const flush = async () => {
    if (pending === 0) return;
    const chunk = Buffer.concat(parts.splice(0));
    pending = 0;
    if (fault === 'trickle') await sendSlowly(sink, chunk);
    else await sink.send(chunk);
  };
  const it = lines[Symbol.iterator]();
  let next = it.next();
  let written = 0;
  let onPage = 0;
  while (!next.done) {
    const line = next.value;
    if (written === cut) {
      parts.push(Buffer.from(line.slice(0, Math.ceil(line.length / 2))));
      pending++;
      await flush();
      return fault === 'hang' ? sink.hang() : sink.drop();
    }
    parts.push(
      fault === 'garbage' ? garbageLine(line, written, sink.newline) : Buffer.from(line + sink.newline),
    );
    pending++;
    written++;
    onPage++;
    if (pending >= 256) await flush();
    next = it.next();
    if (paging && !next.done && onPage >= opts.pageLength - 1) {
      await flush();
      await sink.send(pager.prompt);
      const key = await sink.readKey();
      await sink.send(erasePager(pager));
      if (key === ' ') onPage = 0;
      else if (key === '\r') onPage = opts.pageLength - 2;
      else {
        it.return?.();
        return false;
      }
    }
  }
  await flush();
  return true;
}
