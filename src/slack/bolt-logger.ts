import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

function line(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return err === undefined ? { msg } : { msg, err };
}

/** Bolt and @slack/web-api log through netrun's pino logger (and so through its secret redaction). */
export function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'slack' });
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      child[level](err === undefined ? {} : { err }, msg);
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel: () => undefined,
    getLevel: () => LEVELS[child.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
