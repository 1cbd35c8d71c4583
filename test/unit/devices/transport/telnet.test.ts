import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { telnetOver } from '../../../../src/devices/transport/telnet.js';

const IAC = 255;
const [DO, DONT, WILL, WONT, SB, SE] = [253, 254, 251, 252, 250, 240];
const [ECHO, SGA, TTYPE, NAWS, LINEMODE] = [1, 3, 24, 31, 34];

/** A socket stand-in: what the server sends comes out of `fromServer`; what netrun writes lands in `sent`. */
function pair() {
  const fromServer = new PassThrough();
  const sent: number[] = [];
  const raw = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      sent.push(...chunk);
      cb();
    },
  });
  fromServer.on('data', (d: Buffer) => raw.push(d));
  return { raw, fromServer, sent };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('telnet negotiation', () => {
  it('sends a 511x24 window, VT100, lets the server echo, and refuses the rest once', async () => {
    const { raw, fromServer, sent } = pair();
    const stream = telnetOver(raw, { cols: 511, rows: 24, term: 'VT100' });
    const received: string[] = [];
    stream.on('data', (d: Buffer) => received.push(d.toString()));
    fromServer.write(
      Buffer.from([IAC, DO, NAWS, IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, TTYPE, IAC, DO, LINEMODE]),
    );
    fromServer.write(Buffer.from([IAC, SB, TTYPE, 1, IAC, SE]));
    fromServer.write(Buffer.from([IAC, DO, LINEMODE]));
    fromServer.write(Buffer.from('Username: '));
    await tick();
    const bytes = Buffer.from(sent);
    // 511 = 0x01FF: the 0xFF is doubled inside the subnegotiation.
    expect(
      bytes.includes(Buffer.from([IAC, WILL, NAWS, IAC, SB, NAWS, 0x01, 0xff, 0xff, 0x00, 24, IAC, SE])),
    ).toBe(true);
    expect(bytes.includes(Buffer.from([IAC, DO, ECHO]))).toBe(true);
    expect(bytes.includes(Buffer.from([IAC, DO, SGA]))).toBe(true);
    expect(
      bytes.includes(
        Buffer.concat([Buffer.from([IAC, SB, TTYPE, 0]), Buffer.from('VT100'), Buffer.from([IAC, SE])]),
      ),
    ).toBe(true);
    const wontLinemode = sent.filter(
      (_, i) => sent[i] === IAC && sent[i + 1] === WONT && sent[i + 2] === LINEMODE,
    );
    expect(wontLinemode).toHaveLength(1);
    expect(received.join('')).toBe('Username: ');
  });

  it('escapes IAC in typed data and acknowledges DONT only for options it had agreed', async () => {
    const { raw, fromServer, sent } = pair();
    const stream = telnetOver(raw, { cols: 80, rows: 24, term: 'VT100' });
    stream.write(Buffer.from([0x61, 0xff, 0x62]));
    fromServer.write(Buffer.from([IAC, DONT, TTYPE]));
    await tick();
    expect(sent).toEqual([0x61, 0xff, 0xff, 0x62]);
  });

  it('ends and closes with the underlying stream', async () => {
    const { raw } = pair();
    const stream = telnetOver(raw, { cols: 80, rows: 24, term: 'VT100' });
    const closed = new Promise((r) => stream.on('close', r));
    raw.destroy();
    await expect(closed).resolves.toBeUndefined();
  });
});
