import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig, type PseudoTtyOptions } from 'ssh2';
import type { NetrunError } from '../../errors.js';
import type { Credentials, HostKeyCheck } from '../../inventory/types.js';
import type { Logger } from '../../logger.js';
import type { HostKeyVerifier } from './host-keys.js';
import { algorithmsFor } from './ssh-algorithms.js';
import {
  type AuthMaterial,
  answerWithPassword,
  authMethods,
  createAuthHandler,
  readAuthMaterial,
} from './ssh-auth.js';
import { classifySshError, closedDuring, type SshErrorContext, timedOutDuring } from './ssh-errors.js';
import { cancelled, connectTcp, type TcpTarget } from './tcp.js';

/** One SSH server to log in to (a device, or the jump host in front of it). */
export interface SshEndpoint extends TcpTarget {
  credentials: Credentials;
  connectTimeoutMs: number;
  legacyAlgorithms: boolean;
  keepaliveIntervalMs: number;
  hostKeyCheck?: HostKeyCheck;
}

export interface SshDeps {
  hostKeys: HostKeyVerifier;
  logger?: Logger;
}

/** Filled in by the channel's `exit` request (exit-status or exit-signal). */
export interface ExecStatus {
  code?: number;
  signal?: string;
}

export interface ExecChannel {
  channel: ClientChannel;
  status: ExecStatus;
}

/** A logged-in SSH client with the channel kinds netrun uses. */
export interface SshConnection {
  readonly endpoint: SshEndpoint;
  openShell(pty: PseudoTtyOptions): Promise<ClientChannel>;
  exec(command: string): Promise<ExecChannel>;
  /** A TCP stream to `address:port` as seen from this server (direct-tcpip): the jump-host hop. */
  forwardOut(address: string, port: number): Promise<ClientChannel>;
  close(): void;
  onClose(listener: () => void): void;
}

function channelRequest(
  what: string,
  start: (cb: (err: Error | undefined, ch: ClientChannel) => void) => void,
) {
  return new Promise<ClientChannel>((resolve, reject) => {
    start((err, channel) => (err ? reject(Object.assign(err, { request: what })) : resolve(channel)));
  });
}

/**
 * The exit status must be captured in the channel callback itself: a fast command's reply, exit
 * request and close can arrive in one TCP read and be parsed before an awaiting caller resumes.
 */
function execRequest(client: Client, command: string): Promise<ExecChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) {
        reject(err);
        return;
      }
      const status: ExecStatus = {};
      channel.on('exit', (code: number | null, signalName?: string) => {
        status.code = code ?? undefined;
        status.signal = signalName;
      });
      resolve({ channel, status });
    });
  });
}

function wrap(client: Client, endpoint: SshEndpoint): SshConnection {
  return {
    endpoint,
    openShell: (pty) => channelRequest('shell', (cb) => client.shell(pty, cb)),
    exec: (command) => execRequest(client, command),
    forwardOut: (address, port) =>
      channelRequest('direct-tcpip', (cb) => client.forwardOut('127.0.0.1', 0, address, port, cb)),
    close: () => client.destroy(),
    onClose: (listener) => client.once('close', listener),
  };
}

/** ssh2's options for one login; the host key verdict is kept in `ctx` so errors can name it. */
function connectConfig(
  endpoint: SshEndpoint,
  sock: Duplex,
  material: AuthMaterial,
  deps: SshDeps,
  ctx: SshErrorContext,
): ConnectConfig {
  const { host, address, port } = endpoint;
  return {
    sock: sock as ConnectConfig['sock'],
    username: material.username,
    // netrun keeps its own phase timers (see sshLogin); ssh2's single timer cannot tell the phases apart.
    readyTimeout: 0,
    keepaliveInterval: endpoint.keepaliveIntervalMs,
    algorithms: algorithmsFor(endpoint.legacyAlgorithms),
    authHandler: createAuthHandler(authMethods(material)),
    hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
      deps.hostKeys.verify({ host, address, port, key, mode: endpoint.hostKeyCheck }).then(
        () => verify(true),
        (error: NetrunError) => {
          ctx.hostKeyError = error;
          verify(false);
        },
      );
    },
  };
}

/**
 * The SSH handshake and login over an already-connected stream (a TCP socket, or a channel through a
 * jump host). Two budgets of `connectTimeoutMs`: banner + key exchange, then authentication — so a
 * slow AAA server is not blamed on the network, and silence after the key exchange reads AUTH_TIMEOUT.
 */
export async function sshLogin(
  endpoint: SshEndpoint,
  sock: Duplex,
  deps: SshDeps,
  signal?: AbortSignal,
): Promise<SshConnection> {
  const material = await readAuthMaterial(endpoint.credentials, endpoint.host);
  return new Promise((resolve, reject) => {
    const client = new Client();
    const ctx: SshErrorContext = {
      phase: 'banner',
      target: endpoint,
      legacyAlgorithms: endpoint.legacyAlgorithms,
    };
    const budget = endpoint.connectTimeoutMs;
    let timer = setTimeout(() => fail(timedOutDuring(ctx, budget)), budget);
    let settled = false;
    const fail = (error: NetrunError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      client.destroy();
      sock.destroy();
      reject(error);
    };
    const onAbort = () => fail(cancelled(`logging in to ${endpoint.host}`, signal?.reason));
    client.on('handshake', () => {
      ctx.phase = 'auth';
      clearTimeout(timer);
      timer = setTimeout(() => fail(timedOutDuring(ctx, budget)), budget);
    });
    client.on('error', (error) => {
      if (!settled) fail(classifySshError(error, ctx));
      else deps.logger?.debug({ err: error.message, address: endpoint.host }, 'ssh error after login');
    });
    // Every session ends with this event: after login it is the normal end, not an error to build.
    client.on('close', () => {
      if (!settled) fail(closedDuring(ctx));
    });
    client.on('keyboard-interactive', answerWithPassword(material.password ?? ''));
    client.on('ready', () => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(wrap(client, endpoint));
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const config = connectConfig(endpoint, sock, material, deps, ctx);
    try {
      client.connect(config);
    } catch (error) {
      fail(classifySshError(error as Error, ctx));
      return;
    }
    // After connect(): ssh2 has paused the socket, so this listener does not start the flow early.
    sock.once('data', () => {
      if (ctx.phase === 'banner') ctx.phase = 'kex';
    });
  });
}

/** TCP connect (CONNECT_* errors) then SSH login. */
export async function connectSsh(
  endpoint: SshEndpoint,
  deps: SshDeps,
  signal?: AbortSignal,
): Promise<SshConnection> {
  const socket = await connectTcp(endpoint, endpoint.connectTimeoutMs, signal);
  return sshLogin(endpoint, socket, deps, signal);
}
