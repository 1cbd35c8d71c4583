import type { Interactivity } from '../interactivity.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { StandinOptions } from '../schema.js';
import type { SlackStore } from '../store.js';
import type { SlackError } from '../validate.js';

export interface MethodContext {
  store: SlackStore;
  interactivity: Interactivity;
  limiter: RateLimiter;
  options: StandinOptions;
  /** http://127.0.0.1:port, for the URLs the stand-in hands out. */
  baseUrl: string;
  usergroups: Map<string, string[]>;
  now: () => number;
  nextTs: () => string;
}

/** A Web API answer plus what the call log should remember about it. */
export interface MethodOutcome {
  status: number;
  body: Record<string, unknown>;
  retryAfterSec?: number;
  ts?: string;
  channel?: string;
  droppedSilently?: boolean;
}

export type MethodHandler = (ctx: MethodContext, args: Record<string, unknown>) => MethodOutcome;

export function okAnswer(body: Record<string, unknown>, meta: Partial<MethodOutcome> = {}): MethodOutcome {
  return { status: 200, body: { ok: true, ...body }, ...meta };
}

/** Slack answers API errors with HTTP 200 and `ok: false`. */
export function errorAnswer(failure: SlackError | string): MethodOutcome {
  const { error, messages } = typeof failure === 'string' ? { error: failure, messages: undefined } : failure;
  const body: Record<string, unknown> = { ok: false, error };
  if (messages && messages.length > 0) body.response_metadata = { messages };
  return { status: 200, body };
}

export function rateLimitedAnswer(retryAfterSec: number): MethodOutcome {
  return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfterSec };
}
