/**
 * @slack/web-api with `rejectRateLimitedCalls` hands a 429 back as an error carrying Retry-After
 * (seconds) instead of pausing the whole client; the pacers decide what to pause (one channel, or
 * the workspace's updates) and retry.
 */
export function retryAfterMs(error: unknown): number | undefined {
  const candidate = error as { code?: unknown; retryAfter?: unknown } | undefined;
  if (candidate?.code !== 'slack_webapi_rate_limited_error') return undefined;
  const seconds = Number(candidate.retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(1, seconds) * 1000 : 1000;
}
