import type { Duplex } from 'node:stream';
import type { Host } from '../../inventory/types.js';
import { connectJump, forwardThrough } from './jump.js';
import { type SshConnection, type SshDeps, type SshEndpoint, sshLogin } from './ssh.js';
import { connectTcp } from './tcp.js';
import { telnetOver } from './telnet.js';

/**
 * The transport for a host: SSH or telnet, direct or through its jump host. Everything above this
 * sees either a logged-in SSH connection or a raw telnet terminal stream (login happens in the session,
 * where the platform's login prompts are known).
 */

export type Transport =
  | { kind: 'ssh'; ssh: SshConnection; close(): void }
  | { kind: 'telnet'; stream: Duplex; close(): void };

export const TERMINAL = { cols: 511, rows: 24, term: 'vt100' } as const;

export function deviceEndpoint(host: Host): SshEndpoint {
  return {
    host: host.name,
    address: host.address,
    port: host.port,
    credentials: host.credentials,
    connectTimeoutMs: host.connection.connectTimeoutMs,
    legacyAlgorithms: host.connection.legacyAlgorithms,
    keepaliveIntervalMs: host.connection.keepaliveIntervalMs,
    hostKeyCheck: host.connection.hostKeyCheck,
  };
}

async function rawStream(host: Host, jump: SshConnection | undefined, signal?: AbortSignal): Promise<Duplex> {
  if (jump) return forwardThrough(jump, host, signal);
  return connectTcp(deviceEndpoint(host), host.connection.connectTimeoutMs, signal);
}

export async function openTransport(host: Host, deps: SshDeps, signal?: AbortSignal): Promise<Transport> {
  const jump = await connectJump(host, deps, signal);
  const closeJump = () => jump?.close();
  try {
    const raw = await rawStream(host, jump, signal);
    if (host.transport === 'telnet') {
      const stream = telnetOver(raw, TERMINAL);
      return {
        kind: 'telnet',
        stream,
        close: () => {
          stream.destroy();
          closeJump();
        },
      };
    }
    const ssh = await sshLogin(deviceEndpoint(host), raw, deps, signal);
    // The device session dies with its jump host; closing the device closes the jump too.
    jump?.onClose(() => ssh.close());
    return {
      kind: 'ssh',
      ssh,
      close: () => {
        ssh.close();
        closeJump();
      },
    };
  } catch (error) {
    closeJump();
    throw error;
  }
}
