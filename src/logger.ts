import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that may hold a secret anywhere in a log object. pino removes them before the line is
 * written, so a careless `log.info({ host })` cannot leak a password or token.
 */
export const REDACTED_PATHS = [
  'password',
  'passphrase',
  'secret',
  'enableSecret',
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'privateKey',
  '*.password',
  '*.passphrase',
  '*.secret',
  '*.enableSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.privateKey',
  '*.credentials',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerFactoryOptions {
  level?: string;
  /** Where lines go; stderr by default so stdout stays clean for `--json`. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerFactoryOptions = {}): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level ?? 'info',
    base: options.base ?? { app: 'netrun' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(pinoOptions, options.destination ?? pino.destination({ fd: 2, sync: false }));
}

/** A logger that writes nothing: the default for library code and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
