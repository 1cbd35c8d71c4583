import { Duplex } from 'node:stream';
import { TelnetInput, TelnetOutput } from 'telnet-stream';

/**
 * A telnet NVT over any byte stream (a TCP socket, or a channel through a jump host): telnet-stream
 * strips and reports IAC negotiation; this answers it the way a terminal does — it will send its window
 * size (wide, so lines do not wrap) and terminal type, lets the server echo and suppress go-ahead, and
 * refuses everything else. What comes out is plain terminal text for the same channel logic as SSH.
 */

const ECHO = 1;
const SUPPRESS_GO_AHEAD = 3;
const TERMINAL_TYPE = 24;
const WINDOW_SIZE = 31;
const TTYPE_SEND = 1;
const TTYPE_IS = 0;

export interface TelnetWindow {
  cols: number;
  rows: number;
  term: string;
}

function windowSize({ cols, rows }: TelnetWindow): Buffer {
  return Buffer.from([(cols >> 8) & 0xff, cols & 0xff, (rows >> 8) & 0xff, rows & 0xff]);
}

/** Answer option negotiation once per change of state (RFC 854: never acknowledge what already holds). */
function negotiate(input: TelnetInput, output: TelnetOutput, window: TelnetWindow): void {
  const weWill = new Set<number>();
  const theyWill = new Set<number>();
  const refused = new Set<string>();
  const refuseOnce = (key: string, send: () => void) => {
    if (!refused.has(key)) {
      refused.add(key);
      send();
    }
  };
  input.on('do', (option: number) => {
    if (option !== WINDOW_SIZE && option !== TERMINAL_TYPE) {
      refuseOnce(`do${option}`, () => output.writeWont(option));
      return;
    }
    if (!weWill.has(option)) output.writeWill(option);
    weWill.add(option);
    if (option === WINDOW_SIZE) output.writeSub(WINDOW_SIZE, windowSize(window));
  });
  input.on('dont', (option: number) => {
    if (weWill.delete(option)) output.writeWont(option);
  });
  input.on('will', (option: number) => {
    if (option !== ECHO && option !== SUPPRESS_GO_AHEAD) {
      refuseOnce(`will${option}`, () => output.writeDont(option));
      return;
    }
    if (!theyWill.has(option)) output.writeDo(option);
    theyWill.add(option);
  });
  input.on('wont', (option: number) => {
    if (theyWill.delete(option)) output.writeDont(option);
  });
  input.on('sub', (option: number, buffer: Buffer) => {
    if (option === TERMINAL_TYPE && buffer[0] === TTYPE_SEND) {
      output.writeSub(
        TERMINAL_TYPE,
        Buffer.concat([Buffer.from([TTYPE_IS]), Buffer.from(window.term, 'ascii')]),
      );
    }
  });
}

class TelnetDuplex extends Duplex {
  constructor(
    private readonly raw: Duplex,
    private readonly input: TelnetInput,
    private readonly output: TelnetOutput,
  ) {
    super();
    input.on('data', (data: Buffer) => {
      if (!this.push(data)) input.pause();
    });
    input.on('end', () => this.push(null));
    raw.on('close', () => this.destroy());
    raw.on('error', (error: Error) => this.destroy(error));
  }

  override _read(): void {
    this.input.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.output.write(chunk, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.raw.destroy();
    callback(error);
  }
}

export function telnetOver(raw: Duplex, window: TelnetWindow): Duplex {
  const input = new TelnetInput();
  const output = new TelnetOutput();
  raw.pipe(input);
  output.pipe(raw);
  negotiate(input, output, window);
  return new TelnetDuplex(raw, input, output);
}
