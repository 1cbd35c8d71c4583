import { z } from 'zod';

/**
 * Every setting netrun reads from the environment, in one table. Adding a setting is one line here:
 * the variable name, what a good value looks like (it completes "NAME must be …"), and a zod schema
 * from the raw string (or undefined when unset) to the typed value. `Config` follows from the table.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const HOST_KEY_CHECKS = ['strict', 'accept-new', 'off'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** A raw environment value after trimming; empty values count as unset (compose files often leave `X=`). */
type RawSchema<T> = z.ZodType<T, string | undefined>;

export interface Setting<T = unknown> {
  readonly kind: 'setting';
  readonly env: string;
  /** Completes the sentence "NAME must be …". */
  readonly expected: string;
  readonly schema: RawSchema<T>;
  /** Secrets are never echoed in messages, and may come from the file named by `NAME_FILE`. */
  readonly secret: boolean;
  /** Extra words for a bad value that are safe to show (never the value itself). */
  readonly explain?: (raw: string) => string | undefined;
}

interface SettingOptions {
  secret?: boolean;
  explain?: (raw: string) => string | undefined;
}

export function setting<T>(
  env: string,
  expected: string,
  schema: RawSchema<T>,
  options: SettingOptions = {},
): Setting<T> {
  return {
    kind: 'setting',
    env,
    expected,
    schema,
    secret: options.secret ?? false,
    explain: options.explain,
  };
}

export function wholeNumber(min: number, max: number): z.ZodType<number, string> {
  return z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
}

export function wholeNumberPhrase(min: number, max: number): string {
  return `a whole number from ${min} to ${max}`;
}

function intSetting(env: string, min: number, max: number): Setting<number | undefined>;
function intSetting(env: string, min: number, max: number, fallback: number): Setting<number>;
function intSetting(env: string, min: number, max: number, fallback?: number): Setting<number | undefined> {
  const schema = wholeNumber(min, max).optional();
  const phrase = wholeNumberPhrase(min, max);
  return fallback === undefined
    ? setting(env, phrase, schema)
    : setting(env, phrase, schema.default(fallback));
}

function pathSetting(env: string, fallback: string) {
  return setting(env, 'a file path', z.string().optional().default(fallback));
}

const TOKEN_KINDS: Record<string, string> = {
  'xoxb-': 'a bot token',
  'xapp-': 'an app-level token',
  'xoxp-': 'a user token',
};

function slackToken(env: string, prefix: string, what: string, where: string) {
  const schema = z
    .string()
    .refine((value) => value.startsWith(prefix))
    .optional();
  // Naming the kind of token found (from its public prefix) tells the user which variable it belongs in.
  const explain = (raw: string) => {
    const found = Object.keys(TOKEN_KINDS).find((p) => raw.startsWith(p));
    return found ? `it starts with "${found}", which is ${TOKEN_KINDS[found]}` : undefined;
  };
  return setting(env, `${what} starting with "${prefix}", from ${where}`, schema, { secret: true, explain });
}

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol))
  .optional();

export const SETTINGS = {
  slack: {
    botToken: slackToken(
      'SLACK_BOT_TOKEN',
      'xoxb-',
      'a Slack bot token',
      'the OAuth & Permissions page of your Slack app',
    ),
    appToken: slackToken(
      'SLACK_APP_TOKEN',
      'xapp-',
      'a Slack app-level token',
      'Basic Information → App-Level Tokens of your Slack app',
    ),
    signingSecret: setting(
      'SLACK_SIGNING_SECRET',
      'the signing secret of your Slack app',
      z.string().optional(),
      {
        secret: true,
      },
    ),
    apiUrl: setting('SLACK_API_URL', 'an http(s) URL such as https://slack.com/api/', httpUrl),
  },
  http: {
    port: intSetting('PORT', 0, 65535, 3000),
    /** Unset: every interface (what a container needs); tests and single hosts use 127.0.0.1. */
    host: setting(
      'NETRUN_HTTP_HOST',
      'an address to listen on, such as 127.0.0.1 or 0.0.0.0',
      z.string().optional(),
    ),
  },
  metrics: {
    port: intSetting('NETRUN_METRICS_PORT', 0, 65535),
  },
  files: {
    inventory: pathSetting('NETRUN_INVENTORY', './inventory.yaml'),
    policy: pathSetting('NETRUN_POLICY', './policy.yaml'),
    db: pathSetting('NETRUN_DB', './netrun.db'),
    platformsDir: setting('NETRUN_PLATFORMS_DIR', 'a folder path', z.string().optional()),
    knownHosts: pathSetting('NETRUN_KNOWN_HOSTS', './known_hosts'),
    redaction: setting('NETRUN_REDACTION', 'a file path (YAML redaction rules)', z.string().optional()),
  },
  ssh: {
    hostKeyCheck: setting(
      'NETRUN_HOST_KEY_CHECK',
      'one of strict, accept-new, off',
      z.enum(HOST_KEY_CHECKS).optional().default('strict'),
    ),
  },
  engine: {
    globalConcurrency: intSetting('NETRUN_CONCURRENCY', 1, 10_000, 50),
    jobConcurrency: intSetting('NETRUN_JOB_CONCURRENCY', 1, 10_000, 20),
  },
  log: {
    level: setting(
      'NETRUN_LOG_LEVEL',
      `one of ${LOG_LEVELS.join(', ')}`,
      z.enum(LOG_LEVELS).optional().default('info'),
    ),
  },
  approvals: {
    ttlMinutes: intSetting('NETRUN_APPROVAL_TTL_MINUTES', 1, 10_080, 30),
  },
  audit: {
    retentionDays: intSetting('NETRUN_AUDIT_RETENTION_DAYS', 1, 36_500, 90),
  },
  shutdown: {
    graceSeconds: intSetting('NETRUN_SHUTDOWN_GRACE_SECONDS', 0, 3600, 30),
  },
} as const;

export interface SettingsTree {
  readonly [key: string]: Setting | SettingsTree;
}

export type ConfigOf<T> = {
  -readonly [K in keyof T]: T[K] extends Setting<infer V> ? V : ConfigOf<T[K]>;
};

/** The typed, nested configuration: `config.slack.botToken`, `config.engine.globalConcurrency`, … */
export type Config = ConfigOf<typeof SETTINGS>;
