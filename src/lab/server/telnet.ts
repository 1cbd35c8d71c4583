/** A device served over telnet: option negotiation, `Username:`/`Password:` login, then the same CLI. */
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { TelnetInput, TelnetOutput } from 'telnet-stream';
import type { LabDeviceRuntime } from '../device/lab-device.js';
import { CliSession } from '../engine/cli-session.js';
import type { TerminalIO } from '../engine/session-types.js';

const ECHO = 1;
const SUPPRESS_GO_AHEAD = 3;

export function serveTelnet(socket: Socket, device: LabDeviceRuntime): void {
  const input = new TelnetInput();
  const output = new TelnetOutput();
  input.on('error', () => socket.destroy());
  output.on('error', () => socket.destroy());
  socket.pipe(input);
  output.pipe(socket);
  // The device echoes and runs in character mode, as IOS does; anything else the client asks for is declined.
  output.writeWill(ECHO);
  output.writeWill(SUPPRESS_GO_AHEAD);
  input.on('do', (option: number) => {
    if (option !== ECHO && option !== SUPPRESS_GO_AHEAD) output.writeWont(option);
  });
  input.on('will', (option: number) => output.writeDont(option));

  const io: TerminalIO = {
    newline: '\r\n',
    write: (chunk) => (socket.writable ? output.write(chunk) : true),
    waitDrain: () =>
      new Promise((resolve) => {
        const done = () => {
          output.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        output.once('drain', done);
        socket.once('close', done);
      }),
    end: () => socket.end(),
    drop: () => socket.destroy(),
  };
  const cli = new CliSession(device, io, { interactive: true });
  const decoder = new StringDecoder('utf8');
  input.on('data', (data: Buffer) => cli.feed(decoder.write(data)));
  socket.once('close', () => cli.close());
  const t = device.personality.telnet;
  const check = (user: string, password: string) => {
    const fault = device.fault();
    if (fault === 'auth-silence') return 'silence' as const;
    const ok = fault !== 'auth-reject' && user === device.user && password === device.secrets.login;
    return ok ? ('accept' as const) : ('reject' as const);
  };
  cli.runShell({ login: { ...t, check } }).catch(() => socket.destroy());
}
