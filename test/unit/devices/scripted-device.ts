import { readFileSync } from 'node:fs';
import { Duplex } from 'node:stream';

/**
 * A fake terminal for channel tests: plays a transcript's device side, one packet per `send` entry
 * (each on its own event-loop turn, as packets arrive), when what the client typed ends with `when`.
 */

export interface Exchange {
  when?: string;
  send: string[];
}

export interface Transcript {
  description: string;
  platform: string;
  prompt: string;
  command: string;
  exchanges: Exchange[];
  expected: string;
  rejected?: string;
}

export function loadTranscript(name: string): Transcript {
  const url = new URL(`../../fixtures/transcripts/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Transcript;
}

export class ScriptedDevice extends Duplex {
  typed = '';
  private step = 0;
  private sinceStep = '';

  constructor(private readonly exchanges: Exchange[]) {
    super();
    this.advance();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: () => void): void {
    const text = chunk.toString('utf8');
    this.typed += text;
    this.sinceStep += text;
    this.advance();
    callback();
  }

  /** Device → client, a packet at a time. */
  emitPackets(packets: string[]): void {
    let delay = 0;
    for (const packet of packets) {
      delay += 1;
      setTimeout(() => this.push(Buffer.from(packet, 'utf8')), delay);
    }
  }

  private advance(): void {
    const next = this.exchanges[this.step];
    if (!next) return;
    if (next.when !== undefined && !this.sinceStep.endsWith(next.when)) return;
    this.step++;
    this.sinceStep = '';
    this.emitPackets(next.send);
  }
}
