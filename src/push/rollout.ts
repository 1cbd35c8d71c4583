/**
 * How a push rolls out, the same whether it was asked for in the Slack form or with `netrun push`:
 * the defaults, and the range each number may take (the engine runs the canaries and the stop).
 */
export const ROLLOUT_DEFAULTS = { save: true, canary: 1, stopAfterFailures: 1 } as const;

export const ROLLOUT_LIMITS = {
  canary: { min: 0, max: 1_000 },
  stopAfterFailures: { min: 1, max: 10_000 },
} as const;
