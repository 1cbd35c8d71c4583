import type { CommandOutput, PushOutcome } from '../engine/types.js';
import { NetrunError } from '../errors.js';
import { assertSingleLine, BaseSession } from './base-session.js';
import { cleanTerminalText } from './channel/clean.js';
import { collectExec } from './channel/exec.js';
import { findFailure } from './channel/output.js';
import { DeviceCommandError, readFailure } from './command-error.js';
import type { PushOptions, RunOptions } from './session-types.js';
import type { SshConnection } from './transport/ssh.js';

/** Plain hosts: each command is its own SSH exec channel (no PTY, no prompt parsing). */
export class ExecSession extends BaseSession {
  private get ssh(): SshConnection {
    if (this.transport.kind !== 'ssh') throw new Error('ExecSession needs an SSH transport');
    return this.transport.ssh;
  }

  run(command: string, options: RunOptions = {}): Promise<CommandOutput> {
    assertSingleLine(command);
    return this.exclusive(options, async ({ signal, timeoutMs }) => {
      const ctx = { host: this.host.name, phase: 'command' as const, command, timeoutMs };
      const channel = await this.ssh.exec(command).catch((error: Error) => {
        throw wrapOpenError(error, this.host.name);
      });
      let result: Awaited<ReturnType<typeof collectExec>>;
      try {
        result = await collectExec(channel, { timeoutMs, signal });
      } catch (error) {
        throw readFailure(error, ctx);
      }
      const output = cleanTerminalText(result.raw).replace(/\n+$/, '');
      const rejected =
        (result.exitCode !== undefined && this.platform.failureExitCodes.includes(result.exitCode)) ||
        findFailure(output, this.platform.failures, this.platform.failureScanLines) !== undefined;
      if (rejected) {
        const last =
          output
            .split('\n')
            .filter((l) => l.trim() !== '')
            .pop() ?? '';
        const status = result.exitCode === undefined ? '' : ` (exit status ${result.exitCode})`;
        throw new DeviceCommandError(
          'COMMAND_REJECTED',
          `${this.host.name} rejected \`${command}\`${status}: ${last}`,
          command,
          output,
        );
      }
      return { command, output };
    });
  }

  pushConfig(_lines: readonly string[], _options: PushOptions = {}): Promise<PushOutcome> {
    return Promise.reject(
      new NetrunError(
        'COMMAND_INVALID',
        `platform ${this.platform.name} runs commands over exec and has no configuration mode`,
        {
          hint: 'run commands instead, or use a platform with a `config` section',
        },
      ),
    );
  }
}

function wrapOpenError(error: Error, host: string): NetrunError {
  return new NetrunError('SESSION_CLOSED', `${host} refused to open an exec channel: ${error.message}`, {
    cause: error,
  });
}
