import { isNetrunError, NetrunError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import { ExecSession } from './exec-session.js';
import type { DeviceSession, OpenOptions, SessionDeps } from './session-types.js';
import { openShellSession } from './shell-session.js';
import { openTransport } from './transport/connect.js';

export type { DeviceSession, OpenOptions, PushOptions, RunOptions, SessionDeps } from './session-types.js';

/**
 * Open a session to one device: transport (SSH or telnet, direct or via its jump host), login, first
 * prompt, privilege and on-open commands, all driven by the host's platform file. Failures reject
 * with a NetrunError carrying a catalogue code (CONNECT_*, HANDSHAKE_FAILED, AUTH_*, HOSTKEY_*,
 * PROMPT_NOT_FOUND, ENABLE_FAILED, CANCELLED, ...). `signal` also closes the session later, at once.
 */
export async function openSession(
  host: Host,
  deps: SessionDeps,
  options: OpenOptions = {},
): Promise<DeviceSession> {
  const startedAt = Date.now();
  const platform = deps.platforms.get(host.platform);
  const logger = deps.logger?.child({ host: host.name, platform: platform.name });
  const transport = await openTransport(host, { hostKeys: deps.hostKeys, logger }, options.signal);
  const signal = options.signal;
  const onAbort = () => transport.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (platform.channel === 'exec' && transport.kind === 'ssh') {
      return new ExecSession(host, platform, Date.now() - startedAt, transport, signal, logger);
    }
    return await openShellSession({ host, platform, transport, signal, logger, startedAt });
  } catch (error) {
    transport.close();
    if (signal?.aborted && !isNetrunError(error, 'CANCELLED')) {
      throw new NetrunError('CANCELLED', `${host.name}: cancelled while opening the session`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
