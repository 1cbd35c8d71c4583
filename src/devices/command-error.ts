import { type ErrorCode, NetrunError } from '../errors.js';
import { ChannelError } from './channel/channel.js';
import { lastChars } from './channel/clean.js';
import { extractOutput } from './channel/output.js';

/**
 * A failure tied to one command, carrying what the device printed: the engine shows it as that
 * command's output (COMMAND_REJECTED, COMMAND_TIMEOUT, SESSION_CLOSED mid-output, CANCELLED).
 */
export class DeviceCommandError extends NetrunError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly command: string,
    /** Cleaned output seen before the failure (possibly partial). */
    readonly output: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(code, message, options);
  }
}

export type ReadPhase = 'prompt' | 'login' | 'command';

export interface ReadContext {
  host: string;
  phase: ReadPhase;
  /** What was typed (undefined for the first prompt). */
  command?: string;
  timeoutMs: number;
  /** During login, whether credentials had been sent (silence after them is AUTH_TIMEOUT). */
  credentialsSent?: boolean;
}

const seenText = (raw: string) =>
  JSON.stringify(lastChars(extractOutput(raw, { endsWithPrompt: false }), 200));

function timeoutError(ctx: ReadContext, raw: string, cause: unknown): NetrunError {
  if (ctx.phase === 'login' && ctx.credentialsSent) {
    return new NetrunError(
      'AUTH_TIMEOUT',
      `${ctx.host} did not answer the telnet login within ${ctx.timeoutMs} ms; some platforms answer a wrong password with silence`,
      { cause },
    );
  }
  if (ctx.phase !== 'command' || ctx.command === undefined) {
    return new NetrunError(
      'PROMPT_NOT_FOUND',
      `${ctx.host}: no prompt recognised within ${ctx.timeoutMs} ms; last characters seen: ${seenText(raw)}`,
      { cause },
    );
  }
  return new DeviceCommandError(
    'COMMAND_TIMEOUT',
    `${ctx.host}: \`${ctx.command}\` did not finish within ${ctx.timeoutMs} ms (no prompt after the output); ` +
      `last characters seen: ${seenText(raw)}`,
    ctx.command,
    extractOutput(raw, { command: ctx.command, endsWithPrompt: false }),
    { cause },
  );
}

/** A channel failure in the catalogue's words, for the phase it happened in. */
export function readFailure(error: unknown, ctx: ReadContext): NetrunError {
  if (error instanceof NetrunError) return error;
  if (!(error instanceof ChannelError)) return new NetrunError('INTERNAL', String(error), { cause: error });
  const command = ctx.command ?? '(login)';
  const output = extractOutput(error.seen, { command: ctx.command, endsWithPrompt: false });
  switch (error.kind) {
    case 'timeout':
      return timeoutError(ctx, error.seen, error);
    case 'aborted':
      return new DeviceCommandError(
        'CANCELLED',
        `${ctx.host}: cancelled; the session was closed`,
        command,
        output,
        {
          cause: error.cause ?? error,
        },
      );
    case 'too-large':
      return new DeviceCommandError(
        'OUTPUT_TOO_LARGE',
        `${ctx.host}: output of \`${command}\` is too large`,
        command,
        output,
        {
          cause: error,
        },
      );
    default: {
      if (ctx.phase === 'login' && ctx.credentialsSent) {
        return new NetrunError(
          'AUTH_FAILED',
          `${ctx.host} closed the telnet session after the login was sent`,
          {
            cause: error.cause ?? error,
          },
        );
      }
      const during = ctx.command === undefined ? 'before the first prompt' : `during \`${ctx.command}\``;
      return new DeviceCommandError(
        'SESSION_CLOSED',
        `${ctx.host} closed the session ${during}; last characters seen: ${seenText(error.seen)}`,
        command,
        output,
        { cause: error.cause ?? error },
      );
    }
  }
}
