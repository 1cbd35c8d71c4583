import { DeviceCommandError, type DeviceSession, openSession, type SessionDeps } from '../devices/index.js';
import { toErrorInfo } from '../errors.js';
import type { Host } from '../inventory/types.js';
import type { HostTaskResult } from './result.js';
import type { CommandOutput, HostStatus } from './types.js';
import type { DeviceWork, TaskFactory } from './work.js';

/**
 * The production TaskFactory: each device gets a real session (SSH or telnet, through its jump
 * host if any), runs the job's commands or pushes its lines, and always closes. Every failure
 * becomes a value with the catalogue code the device layer chose; what a device printed before a
 * failing command is kept as that command's output.
 */
export interface DeviceTaskOptions {
  /**
   * Masks secrets in everything a device said (outputs, rejected-line messages, error messages
   * quoting the last characters seen) before the result leaves the task: Slack, the terminal,
   * logs and the store only ever see the masked text.
   */
  redact?: (text: string) => string;
}

export function createDeviceTaskFactory(deps: SessionDeps, options: DeviceTaskOptions = {}): TaskFactory {
  const redact = options.redact;
  return (work) =>
    async (host, { signal, jobId }) => {
      // The session binds the host; this binds the job, so every device line says both.
      const logger = deps.logger?.child({ jobId });
      const result = await runOnDevice(host, work, { ...deps, logger }, signal);
      const masked = redact ? redactResult(result, redact) : result;
      logger?.debug(
        { host: host.name, work: work.kind, status: masked.status, errorCode: masked.error?.code },
        'device task finished',
      );
      return masked;
    };
}

function redactResult(result: HostTaskResult, redact: (text: string) => string): HostTaskResult {
  const masked: HostTaskResult = { ...result };
  if (result.outputs) masked.outputs = result.outputs.map((o) => ({ ...o, output: redact(o.output) }));
  if (result.error) masked.error = { ...result.error, message: redact(result.error.message) };
  if (result.push?.rejected) {
    const { line, message } = result.push.rejected;
    masked.push = { ...result.push, rejected: { line, message: redact(message) } };
  }
  return masked;
}

async function runOnDevice(
  host: Host,
  work: DeviceWork,
  deps: SessionDeps,
  signal: AbortSignal,
): Promise<HostTaskResult> {
  const openedAt = Date.now();
  let session: DeviceSession;
  try {
    session = await openSession(host, deps, { signal });
  } catch (error) {
    return failure(error, [], { connectMs: Date.now() - openedAt, commandMs: 0 });
  }
  const commandsAt = Date.now();
  const outputs: CommandOutput[] = [];
  const timings = () => ({ connectMs: session.connectMs, commandMs: Date.now() - commandsAt });
  try {
    if (work.kind === 'run') {
      for (const command of work.commands) outputs.push(await session.run(command, { signal }));
      return { status: 'ok', outputs, timings: timings() };
    }
    if (work.kind === 'read-config') {
      const output = await session.runningConfig({ signal });
      outputs.push({ command: session.platform.showConfig ?? 'running-config', output });
      return { status: 'ok', outputs, timings: timings() };
    }
    const push = await session.pushConfig(work.lines, { save: work.save, signal });
    if (!push.rejected) return { status: 'ok', outputs, push, timings: timings() };
    const rejected = new DeviceCommandError(
      'COMMAND_REJECTED',
      `${host.name} rejected \`${push.rejected.line}\`: ${push.rejected.message}`,
      push.rejected.line,
      push.rejected.message,
    );
    return { ...failure(rejected, outputs, timings()), push };
  } catch (error) {
    if (error instanceof DeviceCommandError) outputs.push({ command: error.command, output: error.output });
    return failure(error, outputs, timings());
  } finally {
    await session.close().catch(() => undefined);
  }
}

function failure(
  error: unknown,
  outputs: CommandOutput[],
  timings: { connectMs: number; commandMs: number },
): HostTaskResult {
  const info = toErrorInfo(error);
  const status: HostStatus =
    info.code === 'CANCELLED' ? 'cancelled' : info.code === 'HOST_TIMEOUT' ? 'timeout' : 'failed';
  return { status, error: info, outputs, timings };
}
