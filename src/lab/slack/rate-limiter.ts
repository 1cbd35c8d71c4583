import type { Clock } from './ids.js';
import type { BucketSpec } from './schema.js';

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets keyed by scope (a channel id, or the workspace). Slack answers an over-limit call with
 * 429 and `Retry-After` in whole seconds; @slack/web-api parses it with parseInt, so the answer here is
 * a whole number too, and at least 1 so a client never spins.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: Clock,
  ) {}

  take(key: string): TakeResult {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitSec = (1 - bucket.tokens) / this.spec.perSecond;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitSec)) };
  }

  /** Tokens available now (for tests and diagnostics). */
  available(key: string): number {
    return this.refill(key).tokens;
  }

  private refill(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.spec.burst, updatedAt: now };
    const elapsedSec = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.spec.burst, bucket.tokens + elapsedSec * this.spec.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

export interface RateLimiter {
  /** chat.postMessage and anything else that posts into a channel. */
  post(channel: string): TakeResult;
  /** chat.update: one budget for the whole workspace. */
  update(): TakeResult;
  /** Any other method with a configured bucket. */
  method(name: string): TakeResult;
}

export interface RateLimiterConfig {
  enforce: boolean;
  postMessagePerChannel: BucketSpec;
  updatePerWorkspace: BucketSpec;
  methods: Record<string, BucketSpec>;
}

export function createRateLimiter(config: RateLimiterConfig, now: Clock): RateLimiter {
  const posts = new TokenBuckets(config.postMessagePerChannel, now);
  const updates = new TokenBuckets(config.updatePerWorkspace, now);
  const perMethod = new Map(
    Object.entries(config.methods).map(([name, spec]) => [name, new TokenBuckets(spec, now)]),
  );
  const allowed: TakeResult = { allowed: true };
  return {
    post: (channel) => (config.enforce ? posts.take(channel) : allowed),
    update: () => (config.enforce ? updates.take('workspace') : allowed),
    method: (name) => {
      const buckets = perMethod.get(name);
      return config.enforce && buckets ? buckets.take('workspace') : allowed;
    },
  };
}
