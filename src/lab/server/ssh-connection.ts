/**
 * One SSH client of a device: authentication (and its faults), shell and exec channels running the
 * device's CLI, and — where the personality allows it — port forwarding to loopback (jump host).
 */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { AuthContext, Connection, ServerChannel, Session } from 'ssh2';
import type { LabDeviceRuntime } from '../device/lab-device.js';
import { CliSession } from '../engine/cli-session.js';
import type { TerminalIO } from '../engine/session-types.js';

export interface ConnectionContext {
  device: LabDeviceRuntime;
  /** The TCP connection underneath, to cut it for the `drop` fault. */
  socket: Socket;
  /** Sockets the lab opened on the client's behalf (forwarding), closed when the lab stops. */
  track: (socket: Socket) => void;
}

const METHODS: Array<'password' | 'keyboard-interactive'> = ['password', 'keyboard-interactive'];

/** ssh2 leaves accept/reject undefined when the client wants no reply. */
function call(fn: (() => void) | undefined): void {
  if (typeof fn === 'function') fn();
}

function authenticate(ctx: AuthContext, device: LabDeviceRuntime): void {
  const fault = device.fault();
  // `auth-silence`: some devices answer a wrong password with nothing at all.
  if (fault === 'auth-silence' && ctx.method !== 'none') return;
  const good = (password: string) =>
    fault !== 'auth-reject' && ctx.username === device.user && password === device.secrets.login;
  if (ctx.method === 'password') {
    if (good(ctx.password)) ctx.accept();
    else ctx.reject(METHODS);
  } else if (ctx.method === 'keyboard-interactive') {
    ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
      if (good(answers[0] ?? '')) ctx.accept();
      else ctx.reject(METHODS);
    });
  } else {
    ctx.reject(METHODS);
  }
}

function channelIO(
  ch: ServerChannel,
  newline: string,
  ctx: ConnectionContext,
  client: Connection,
): TerminalIO {
  return {
    newline,
    write: (chunk) => (ch.writable ? ch.write(chunk) : true),
    waitDrain: () =>
      new Promise((resolve) => {
        const done = () => {
          ch.off('drain', done);
          ch.off('close', done);
          resolve();
        };
        ch.once('drain', done);
        ch.once('close', done);
      }),
    end: (status) => {
      if (!ch.writable) return;
      // A client may close as soon as the exit status arrives, so the status must not overtake
      // output still waiting for the peer's window (ssh2 sends channel requests at once).
      const finish = () => {
        ch.exit(status);
        ch.end();
        // IOS habit: leaving the CLI closes the whole SSH connection, not just the channel.
        if (ctx.device.personality.ssh.closeOnLogout) setImmediate(() => client.end());
      };
      if (ch.writableNeedDrain) ch.once('drain', finish);
      else finish();
    },
    drop: () => ctx.socket.destroy(),
  };
}

function startCli(
  ch: ServerChannel,
  ctx: ConnectionContext,
  client: Connection,
  pty: boolean,
  command?: string,
) {
  const newline = pty ? '\r\n' : ctx.device.personality.ssh.execNewline;
  const cli = new CliSession(ctx.device, channelIO(ch, newline, ctx, client), {
    interactive: command === undefined,
  });
  const decoder = new StringDecoder('utf8');
  ch.on('data', (data: Buffer) => cli.feed(decoder.write(data)));
  ch.on('error', () => cli.close());
  ch.on('close', () => cli.close());
  const run = command === undefined ? cli.runShell() : cli.runExec(command);
  run.catch(() => ch.destroy());
}

function onSession(session: Session, ctx: ConnectionContext, client: Connection): void {
  let pty = false;
  session.on('pty', (accept) => {
    pty = true;
    call(accept);
  });
  session.on('window-change', (accept) => call(accept));
  session.on('env', (accept) => call(accept));
  session.on('shell', (accept) => startCli(accept(), ctx, client, true));
  session.on('exec', (accept, _reject, info) => startCli(accept(), ctx, client, pty, info.command));
  session.on('subsystem', (_accept, reject) => call(reject));
}

/** direct-tcpip: only to loopback, so a lab jump host can never reach anything else. */
function onTcpip(
  accept: () => ServerChannel,
  reject: () => void,
  destIP: string,
  destPort: number,
  ctx: ConnectionContext,
): void {
  if (!ctx.device.personality.ssh.portForwarding || (destIP !== '127.0.0.1' && destIP !== 'localhost')) {
    call(reject);
    return;
  }
  const upstream = connect({ host: '127.0.0.1', port: destPort });
  ctx.track(upstream);
  upstream.setNoDelay(true);
  upstream.once('error', () => call(reject));
  upstream.once('connect', () => {
    upstream.removeAllListeners('error');
    const ch = accept();
    upstream.on('error', () => ch.destroy());
    ch.on('error', () => upstream.destroy());
    ch.on('close', () => upstream.destroy());
    upstream.on('close', () => ch.destroy());
    ch.pipe(upstream).pipe(ch);
  });
}

export function handleSshClient(client: Connection, ctx: ConnectionContext): void {
  client.on('error', () => ctx.socket.destroy());
  client.on('authentication', (auth) => authenticate(auth, ctx.device));
  client.on('ready', () => {
    client.on('session', (accept) => onSession(accept(), ctx, client));
    client.on('tcpip', (accept, reject, info) => onTcpip(accept, reject, info.destIP, info.destPort, ctx));
    client.on('request', (_accept, reject) => call(reject));
  });
}
