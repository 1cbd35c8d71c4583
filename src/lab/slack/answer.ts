import type { MethodOutcome } from './methods/index.js';

/** An HTTP answer plus the facts the call log keeps about it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ok: boolean;
  error?: string;
  ts?: string;
  channel?: string;
  droppedSilently?: boolean;
  retryAfterSec?: number;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function textAnswer(status: number, body: string, facts: Partial<Answer> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body,
    ok: status === 200,
    ...facts,
  };
}

export function jsonAnswer(
  status: number,
  body: Record<string, unknown>,
  facts: Partial<Answer> = {},
): Answer {
  const ok = body.ok === true;
  const error = typeof body.error === 'string' ? body.error : undefined;
  return { status, headers: { ...JSON_TYPE }, body: JSON.stringify(body), ok, error, ...facts };
}

export function fromOutcome(outcome: MethodOutcome): Answer {
  const answer = jsonAnswer(outcome.status, outcome.body, {
    ts: outcome.ts,
    channel: outcome.channel,
    droppedSilently: outcome.droppedSilently,
    retryAfterSec: outcome.retryAfterSec,
  });
  if (outcome.retryAfterSec !== undefined) answer.headers['retry-after'] = String(outcome.retryAfterSec);
  return answer;
}
