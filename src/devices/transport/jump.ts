import type { ClientChannel } from 'ssh2';
import { NetrunError } from '../../errors.js';
import type { Host } from '../../inventory/types.js';
import { connectSsh, type SshConnection, type SshDeps, type SshEndpoint } from './ssh.js';
import { cancelled } from './tcp.js';

/**
 * Reaching a device through a bastion: log in to the jump host, then ask it for a direct-tcpip channel
 * to the device (what `ssh -J` does). The channel then carries the device's own SSH or telnet session.
 */

export function jumpEndpoint(host: Host): SshEndpoint | undefined {
  const jump = host.jumpHost;
  if (!jump) return undefined;
  return {
    host: `jump host ${jump.name}`,
    address: jump.address,
    port: jump.port,
    credentials: jump.credentials,
    connectTimeoutMs: jump.connectTimeoutMs,
    legacyAlgorithms: jump.legacyAlgorithms,
    keepaliveIntervalMs: host.connection.keepaliveIntervalMs,
    hostKeyCheck: host.connection.hostKeyCheck,
  };
}

function forwardError(error: Error & { reason?: number }, host: Host, jumpName: string): NetrunError {
  const where = `${host.name} (${host.address}:${host.port}) via ${jumpName}`;
  if (/refused/i.test(error.message)) {
    return new NetrunError('CONNECT_REFUSED', `${where} refused the connection`, { cause: error });
  }
  if (error.reason === 1) {
    return new NetrunError('CONNECT_FAILED', `${jumpName} does not allow port forwarding to ${where}`, {
      cause: error,
      hint: 'allow TCP forwarding (AllowTcpForwarding) for this user on the jump host',
    });
  }
  return new NetrunError('CONNECT_FAILED', `cannot reach ${where}: ${error.message}`, { cause: error });
}

/** A forwarded stream to the device, bounded by the device's connect timeout. */
export async function forwardThrough(
  jump: SshConnection,
  host: Host,
  signal?: AbortSignal,
): Promise<ClientChannel> {
  const timeoutMs = host.connection.connectTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const limits = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new NetrunError(
            'CONNECT_TIMEOUT',
            `${host.name} (${host.address}:${host.port}) did not answer within ${timeoutMs} ms via ${jump.endpoint.host}`,
          ),
        ),
      timeoutMs,
    );
    onAbort = () => reject(cancelled(`connecting to ${host.name}`, signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      jump.forwardOut(host.address, host.port).catch((error: Error) => {
        throw forwardError(error, host, jump.endpoint.host);
      }),
      limits,
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export async function connectJump(
  host: Host,
  deps: SshDeps,
  signal?: AbortSignal,
): Promise<SshConnection | undefined> {
  const endpoint = jumpEndpoint(host);
  return endpoint === undefined ? undefined : connectSsh(endpoint, deps, signal);
}
