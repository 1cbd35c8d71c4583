import { z } from 'zod';

/**
 * Options of the Slack stand-in and its fault rules. Tests, the reliability suite and the demo hand
 * these in, so they are parsed once at `startSlackStandin` / `faults.set`: a typo in a rule fails at
 * once instead of silently injecting nothing.
 */

/** A token bucket: `perSecond` refill, `burst` tokens when idle. */
export const bucketSchema = z.strictObject({
  perSecond: z.number().positive(),
  burst: z.number().int().positive(),
});

export const limitsSchema = z.strictObject({
  /** Slack: about one message per second per channel, short bursts allowed; thread replies count. */
  postMessagePerChannel: bucketSchema.default({ perSecond: 1, burst: 3 }),
  /** Slack: chat.update is Tier 3, ~50 a minute per workspace, shared by all channels. */
  updatePerWorkspace: bucketSchema.default({ perSecond: 50 / 60, burst: 10 }),
  /** Further per-workspace buckets by method name (e.g. `chat.postEphemeral`). */
  methods: z.record(z.string(), bucketSchema).default({}),
  /** A file shared into a channel is a message there, so it spends the channel's post budget. */
  filesCountAgainstChannel: z.boolean().default(true),
  /** Slack drops bursts above the post rate silently (ok + ts, never shown) instead of a 429. */
  dropOverLimit: z.boolean().default(false),
  /** Turns every bucket off (rate-limit tests turn it back on). */
  enforce: z.boolean().default(true),
  maxPostTextChars: z.number().int().positive().default(40_000),
  maxUpdateTextChars: z.number().int().positive().default(4_000),
  maxBlocks: z.number().int().positive().default(50),
  maxSectionTextChars: z.number().int().positive().default(3_000),
});

const selectorShape = {
  /** Method names (`chat.postMessage`, `chat.*`, `upload`, `response_url`); absent means every call. */
  methods: z.array(z.string().min(1)).optional(),
  /** Fire on every Nth matching call (1 = each one). */
  every: z.number().int().positive().optional(),
  /** Fire with this probability, from a seeded generator so runs repeat. */
  fraction: z.number().min(0).max(1).optional(),
  /** Window start, in ms after the rule was installed. */
  afterMs: z.number().nonnegative().optional(),
  /** Window length in ms; absent means until removed. */
  forMs: z.number().positive().optional(),
  /** Stop after firing this many times. */
  times: z.number().int().positive().optional(),
  /**
   * `before`: the request is not processed. `after`: Slack did the work (the message exists) but the
   * answer is lost or wrong — the case that makes a naive retry post twice.
   */
  phase: z.enum(['before', 'after']).default('before'),
};

export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ratelimit'),
    retryAfterSec: z.number().int().nonnegative(),
    ...selectorShape,
  }),
  z.strictObject({
    kind: z.literal('http-error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
    ...selectorShape,
  }),
  z.strictObject({ kind: z.literal('drop'), ...selectorShape }),
  z.strictObject({ kind: z.literal('delay'), delayMs: z.number().nonnegative(), ...selectorShape }),
]);

export const channelSchema = z.strictObject({
  id: z.string().regex(/^[CGD][A-Z0-9]+$/, 'a Slack channel id such as C0NETOPS01'),
  name: z.string().min(1),
});

export const userSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });

export const standinOptionsSchema = z.strictObject({
  /** Bot tokens the Web API accepts; anything else gets `invalid_auth`. */
  tokens: z.array(z.string().min(1)).min(1).default(['xoxb-standin-token']),
  team: z
    .strictObject({ id: z.string(), domain: z.string(), name: z.string() })
    .default({ id: 'T0NETRUN01', domain: 'netrun-lab', name: 'netrun lab' }),
  bot: z
    .strictObject({ userId: z.string(), botId: z.string(), appId: z.string(), name: z.string() })
    .default({ userId: 'U0NETRUNBOT', botId: 'B0NETRUNBOT', appId: 'A0NETRUN01', name: 'netrun' }),
  channels: z.array(channelSchema).default([{ id: 'C0NETOPS01', name: 'netops' }]),
  users: z.array(userSchema).default([
    { id: 'U0ALICE001', name: 'alice' },
    { id: 'U0BOB00001', name: 'bob' },
  ]),
  /** User group id → member user ids, for usergroups.users.list. */
  usergroups: z.record(z.string(), z.array(z.string())).default({}),
  limits: limitsSchema.default(limitsSchema.parse({})),
  faults: z.array(faultRuleSchema).default([]),
  /** Seed for fault fractions. */
  seed: z.number().int().default(1),
  responseUrl: z
    .strictObject({ maxUses: z.number().int().positive(), ttlMs: z.number().positive() })
    .default({ maxUses: 5, ttlMs: 30 * 60_000 }),
  triggerTtlMs: z.number().positive().default(3_000),
});

export type BucketSpec = z.infer<typeof bucketSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultKind = FaultRule['kind'];
export type ChannelInfo = z.infer<typeof channelSchema>;
export type UserInfo = z.infer<typeof userSchema>;
export type StandinOptions = z.infer<typeof standinOptionsSchema>;
export type StandinOptionsInput = z.input<typeof standinOptionsSchema>;
