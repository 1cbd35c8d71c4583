/**
 * The TCP port of one device. A plain net.Server per port keeps 1,000 devices cheap; each accepted
 * socket is handed to the device's ssh2 Server (made on first use, one per host-key variant) or to
 * the telnet handler. Connection-level faults (refuse, black-hole) and connect latency live here.
 */
import { createServer, type Server, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { NetrunError } from '../../errors.js';
import type { LabDeviceRuntime } from '../device/lab-device.js';
import type { LabFault } from '../types.js';
import type { KeyKind, KeyRole, LabHostKeys } from './host-keys.js';
import { handleSshClient } from './ssh-connection.js';
import { serveTelnet } from './telnet.js';

/** What old IOS offers: SHA-1 key exchange, CBC ciphers, ssh-rsa host keys. */
function legacyAlgorithms(): ssh2.Algorithms {
  return {
    kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
    cipher: ['aes128-cbc', 'aes256-cbc', '3des-cbc'],
    hmac: ['hmac-sha1'],
    serverHostKey: ['ssh-rsa'],
    compress: ['none'],
  };
}

export interface ListenerDeps {
  keys: LabHostKeys;
  /** Every socket the lab holds, so stop() can close them all. */
  sockets: Set<Socket>;
}

export class DeviceListener {
  private server: Server | undefined;
  private readonly sshServers = new Map<string, ssh2.Server>();
  /** Sockets handed to ssh2, by the client's address, until ssh2 reports the connection. */
  private readonly pending = new Map<string, Socket>();
  private transition: Promise<void> = Promise.resolve();
  port = 0;

  constructor(
    readonly device: LabDeviceRuntime,
    private readonly deps: ListenerDeps,
  ) {
    device.onFaultChange = (fault) => this.onFaultChange(fault);
  }

  /** Binds the device's port (0 = any free one); with `refuse`, reserves a port and leaves it closed. */
  async start(port: number): Promise<number> {
    this.port = port;
    await this.open();
    if (this.device.fault() === 'refuse') await this.shut();
    return this.port;
  }

  private open(): Promise<void> {
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        this.server = undefined;
        const message =
          error.code === 'EADDRINUSE'
            ? `lab device ${this.device.name}: port ${this.port} on 127.0.0.1 is already in use`
            : `lab device ${this.device.name}: cannot listen on 127.0.0.1:${this.port} (${error.code ?? error.message})`;
        reject(
          new NetrunError('USAGE', message, {
            cause: error,
            hint: 'choose another --port-base, or stop what holds the port',
          }),
        );
      });
      server.listen({ host: '127.0.0.1', port: this.port, backlog: 128 }, () => {
        const address = server.address();
        if (address && typeof address === 'object') this.port = address.port;
        // Accept errors (EMFILE under a flood) must not bring the whole lab down.
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        resolve();
      });
    });
  }

  private shut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private onFaultChange(fault: LabFault | undefined): void {
    this.transition = this.transition.then(async () => {
      if (fault === 'refuse' && this.server) await this.shut();
      else if (fault !== 'refuse' && !this.server && this.port !== 0)
        await this.open().catch(() => undefined);
    });
  }

  /** Waits for a pending open/close caused by setFault (tests call it through Lab.device().setFault). */
  settled(): Promise<void> {
    return this.transition;
  }

  async close(): Promise<void> {
    await this.transition;
    await this.shut();
    for (const server of this.sshServers.values()) server.close();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    this.deps.sockets.add(socket);
    this.device.counter.open();
    // A session ends when the client hangs up ('end'), not when Node gets round to 'close' a turn of
    // the event loop later: by then a capped client may already have opened the next one.
    let counted = true;
    const ended = () => {
      if (!counted) return;
      counted = false;
      this.device.counter.close();
    };
    socket.once('end', () => {
      ended();
      socket.destroy();
    });
    socket.once('close', () => {
      this.deps.sockets.delete(socket);
      ended();
    });
    // `black-hole`: the connection is accepted and nothing is ever said; reading (and discarding)
    // is how the lab notices the client give up.
    if (this.device.fault() === 'black-hole') {
      socket.resume();
      return;
    }
    const go = () => {
      if (socket.destroyed) return;
      if (this.device.spec.transport === 'telnet') serveTelnet(socket, this.device);
      else this.injectSsh(socket);
    };
    const delay = this.device.connectMs;
    if (delay <= 0) {
      go();
      return;
    }
    this.delayed(socket, delay, go);
  }

  /** Connect latency: what the client sends meanwhile is kept and handed on, and a hang-up is seen. */
  private delayed(socket: Socket, delay: number, go: () => void): void {
    const early: Buffer[] = [];
    const keep = (chunk: Buffer) => early.push(chunk);
    socket.on('data', keep);
    const timer = setTimeout(() => {
      socket.off('data', keep);
      socket.pause();
      if (early.length > 0) socket.unshift(Buffer.concat(early));
      go();
    }, delay);
    socket.once('close', () => clearTimeout(timer));
  }

  private injectSsh(socket: Socket): void {
    const kind: KeyKind = this.device.spec.legacyOnly ? 'legacy' : 'modern';
    const role: KeyRole = this.device.fault() === 'hostkey-change' ? 'changed' : 'usual';
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    this.pending.set(key, socket);
    socket.once('close', () => this.pending.delete(key));
    this.sshServer(kind, role).injectSocket(socket);
  }

  /**
   * One ssh2 Server per device and key variant, made on first connection (~5 KB each). Per device,
   * because ssh2 reports a connection only with the client's address: within one device port that
   * address identifies the socket, across devices it would not (Linux reuses source ports).
   */
  private sshServer(kind: KeyKind, role: KeyRole): ssh2.Server {
    const id = `${kind}/${role}`;
    let server = this.sshServers.get(id);
    if (server) return server;
    const p = this.device.personality;
    const config: ssh2.ServerConfig = {
      hostKeys: [this.deps.keys.get(kind, role).privateKey],
      ident: p.ssh.ident,
      ...(p.ssh.authBanner ? { banner: p.ssh.authBanner } : {}),
      ...(kind === 'legacy' ? { algorithms: legacyAlgorithms() } : {}),
    };
    server = new ssh2.Server(config, (client, info) => {
      const key = `${info.ip}:${info.port}`;
      const socket = this.pending.get(key);
      this.pending.delete(key);
      if (!socket) {
        client.end();
        return;
      }
      handleSshClient(client, { device: this.device, socket, track: (s) => this.track(s) });
    });
    server.on('error', () => undefined);
    this.sshServers.set(id, server);
    return server;
  }

  private track(socket: Socket): void {
    this.deps.sockets.add(socket);
    socket.once('close', () => this.deps.sockets.delete(socket));
  }
}
