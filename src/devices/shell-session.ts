import type { CommandOutput, PushOutcome } from '../engine/types.js';
import { NetrunError } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { Logger } from '../logger.js';
import { assertSingleLine, BaseSession, sessionIntact } from './base-session.js';
import { TerminalChannel } from './channel/channel.js';
import { DeviceCommandError } from './command-error.js';
import { enterMode, lacksSecretFor } from './modes.js';
import type { Platform } from './platforms/platform.js';
import { pushConfigLines } from './push-config.js';
import type { PushOptions, RunOptions } from './session-types.js';
import { ShellDriver } from './shell-driver.js';
import { TERMINAL, type Transport } from './transport/connect.js';
import type { SshConnection } from './transport/ssh.js';

/** A network OS over an interactive terminal (SSH PTY shell or telnet). */
export class ShellSession extends BaseSession {
  constructor(
    host: Host,
    platform: Platform,
    connectMs: number,
    transport: Transport,
    lifetime: AbortSignal | undefined,
    logger: Logger | undefined,
    private readonly driver: ShellDriver,
  ) {
    super(host, platform, connectMs, transport, lifetime, logger);
  }

  run(command: string, options: RunOptions = {}): Promise<CommandOutput> {
    assertSingleLine(command);
    return this.exclusive(options, async ({ signal, timeoutMs }) => {
      const result = await this.driver.send(command, { timeoutMs, signal, modes: [this.driver.mode] });
      const failure = this.driver.failureIn(result.output);
      if (failure) {
        throw new DeviceCommandError(
          'COMMAND_REJECTED',
          `${this.host.name} rejected \`${command}\`: ${failure}`,
          command,
          result.output,
        );
      }
      return { command, output: result.output };
    });
  }

  pushConfig(lines: readonly string[], options: PushOptions = {}): Promise<PushOutcome> {
    if (!this.platform.config) {
      return Promise.reject(
        new NetrunError(
          'COMMAND_INVALID',
          `platform ${this.platform.name} has no configuration mode to push to`,
          {
            hint: `add a \`config\` section to ${this.platform.source}, or run commands instead`,
          },
        ),
      );
    }
    const wanted = lines.filter((line) => line.trim() !== '');
    for (const line of wanted) assertSingleLine(line, 'config line');
    return this.exclusive(options, ({ signal, timeoutMs }) => {
      // Refuse before typing `enable`: a device left at its Password: prompt would cost the session.
      if (lacksSecretFor(this.driver, this.platform.config!.mode, this.host.credentials.enableSecret)) {
        throw sessionIntact(
          new NetrunError(
            'ENABLE_FAILED',
            `${this.host.name}: configuration mode needs enable, and no enable secret is set`,
            {
              hint: 'set `enable_secret` for the host or its group in the inventory',
            },
          ),
        );
      }
      const save = options.save ?? false;
      return pushConfigLines(this.driver, wanted, { signal, timeoutMs, save, logger: this.logger });
    });
  }
}

export interface ShellOpenContext {
  host: Host;
  platform: Platform;
  transport: Transport;
  signal?: AbortSignal;
  logger?: Logger;
  startedAt: number;
}

/** The line ending typed after each command: telnet NVT wants CR LF (as Netmiko's TELNET_RETURN). */
const newlineFor = (transport: Transport) => (transport.kind === 'telnet' ? '\r\n' : '\n');

/** First prompt, privilege (when a secret allows it), then the platform's on-open commands. */
async function prepare(driver: ShellDriver, ctx: ShellOpenContext): Promise<void> {
  const { host, platform, signal, logger } = ctx;
  const timeoutMs = host.connection.commandTimeoutMs;
  const login = ctx.transport.kind === 'telnet' ? platform.telnet : undefined;
  await driver.start({ timeoutMs, signal, login });
  if (lacksSecretFor(driver, platform.defaultMode, host.credentials.enableSecret)) {
    logger?.debug({ host: host.name, mode: driver.mode }, 'no enable secret: staying in the login mode');
  } else {
    await enterMode(driver, platform.defaultMode, { timeoutMs, signal });
  }
  for (const command of platform.onOpen) {
    const result = await driver.send(command, { timeoutMs, signal });
    const failure = driver.failureIn(result.output);
    if (failure) logger?.info({ host: host.name, command, failure }, 'on-open command rejected; continuing');
  }
}

async function openShell(ssh: SshConnection, host: string) {
  try {
    return await ssh.openShell(TERMINAL);
  } catch (error) {
    throw new NetrunError(
      'SESSION_CLOSED',
      `${host} refused to open an interactive shell: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'check that the account may open a shell (some platforms allow only exec or NETCONF)',
      },
    );
  }
}

export async function openShellSession(ctx: ShellOpenContext): Promise<ShellSession> {
  const { host, platform, transport, logger } = ctx;
  const stream = transport.kind === 'ssh' ? await openShell(transport.ssh, host.name) : transport.stream;
  const channel = new TerminalChannel(stream);
  const driver = new ShellDriver(
    channel,
    platform,
    host.credentials,
    host.name,
    newlineFor(transport),
    logger,
  );
  await prepare(driver, ctx);
  return new ShellSession(host, platform, Date.now() - ctx.startedAt, transport, ctx.signal, logger, driver);
}
