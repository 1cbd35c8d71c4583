import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config/index.js';
import { isNetrunError, NetrunError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';

export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Real streams (process.stdout) report a failed write, such as a closed pipe, as an 'error' event. */
  on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** What a subcommand may touch: its streams, the environment and a cancel signal (Ctrl-C). */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  /** Aborted on the first Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** node:util parseArgs, with its errors turned into USAGE errors that say what to do. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(
  command: string,
  argv: string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // reportError() already prefixes "netrun: "; the hint names the subcommand.
    throw new NetrunError('USAGE', message, {
      hint: `see \`netrun ${command} --help\``,
    });
  }
}

/**
 * Calls `onError` once when writing to the stream fails — EPIPE when `netrun run … | head` exits
 * early. Without a listener Node throws the 'error' event and the CLI dies with a stack trace.
 */
export function onStreamError(stream: CliStream, onError: (error: NodeJS.ErrnoException) => void): void {
  let failed = false;
  stream.on?.('error', (error) => {
    if (failed) return;
    failed = true;
    onError(error);
  });
}

/** Loads the configuration; the CLI stays quiet (warnings only) unless NETRUN_LOG_LEVEL asks for more. */
export function cliConfig(io: CliIo): { config: Config; logger: Logger } {
  const config = loadConfig({ env: io.env });
  const level = io.env.NETRUN_LOG_LEVEL ? config.log.level : 'warn';
  return { config, logger: createLogger({ level }) };
}

/** A NetrunError prints as its message and hint; anything else is a bug and says so. */
export function reportError(io: CliIo, error: unknown): number {
  if (isNetrunError(error)) {
    io.stderr.write(`netrun: ${error.describe()}\n`);
    return error.code === 'INTERNAL' ? EXIT.failed : EXIT.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`netrun: internal error (a bug — please report it):\n${detail}\n`);
  return EXIT.failed;
}

export function wholeNumberOption(name: string, raw: string | undefined, min: number, max: number) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new NetrunError('USAGE', `--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function secondsOption(name: string, raw: string | undefined, max: number) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new NetrunError(
      'USAGE',
      `--${name} must be a number of seconds above 0, at most ${max} (got "${raw}")`,
    );
  }
  return value * 1000;
}
