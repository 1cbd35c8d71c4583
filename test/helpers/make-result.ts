import type { HostResult, HostStatus } from '../../src/engine/index.js';
import type { ErrorCode } from '../../src/errors.js';
import { ERROR_CATALOGUE } from '../../src/errors.js';

export interface ResultSpec {
  host: string;
  status?: HostStatus;
  totalMs?: number;
  startedAt?: number;
  code?: ErrorCode;
  message?: string;
  outputs?: [command: string, output: string][];
  started?: boolean;
}

/** A HostResult with only what a test cares about spelled out. */
export function makeResult(spec: ResultSpec): HostResult {
  const status = spec.status ?? (spec.code ? 'failed' : 'ok');
  const startedAt = spec.startedAt ?? 1_000;
  const totalMs = spec.totalMs ?? 100;
  const result: HostResult = {
    host: spec.host,
    platform: 'cisco_ios',
    status,
    outputs: (spec.outputs ?? []).map(([command, output]) => ({ command, output })),
    timings: { queuedMs: 0, connectMs: 0, commandMs: 0, totalMs },
    startedAt,
    finishedAt: startedAt + totalMs,
  };
  if (spec.started !== undefined) result.started = spec.started;
  if (spec.code) {
    result.error = {
      code: spec.code,
      message: spec.message ?? `${spec.code} on ${spec.host}`,
      hint: ERROR_CATALOGUE[spec.code].hint,
    };
  }
  return result;
}
