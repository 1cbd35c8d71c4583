import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Config, type ConfigFiles, loadConfig } from '../../../src/config/index.js';
import { isNetrunError } from '../../../src/errors.js';

const BOT = 'xoxb-1111-2222-abcdefSECRET';
const APP = 'xapp-1-A111-222-SECRETAPP';

function filesOf(contents: Record<string, string>): ConfigFiles {
  return {
    readFile(path) {
      const text = contents[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
}

/** The CONFIG_INVALID message for an environment, or a failure if it loads. */
function problemsOf(env: Record<string, string | undefined>, files: ConfigFiles = filesOf({})): string[] {
  try {
    loadConfig({ env, files });
  } catch (error) {
    expect(isNetrunError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig defaults', () => {
  it('gives every documented default with an empty environment', () => {
    const config = loadConfig({ env: {} });
    expect(config).toEqual({
      slack: { botToken: undefined, appToken: undefined, signingSecret: undefined, apiUrl: undefined },
      http: { port: 3000 },
      metrics: { port: undefined },
      files: {
        inventory: './inventory.yaml',
        policy: './policy.yaml',
        db: './netrun.db',
        platformsDir: undefined,
        knownHosts: './known_hosts',
      },
      ssh: { hostKeyCheck: 'strict' },
      engine: { globalConcurrency: 50, jobConcurrency: 20 },
      log: { level: 'info' },
      approvals: { ttlMinutes: 30 },
      audit: { retentionDays: 90 },
      shutdown: { graceSeconds: 30 },
    });
  });

  it('has a typed, nested shape', () => {
    const config = loadConfig({ env: {} });
    expectTypeOf(config.engine.globalConcurrency).toEqualTypeOf<number>();
    expectTypeOf(config.slack.botToken).toEqualTypeOf<string | undefined>();
    expectTypeOf(config.ssh.hostKeyCheck).toEqualTypeOf<'strict' | 'accept-new' | 'off'>();
    expectTypeOf(config.metrics.port).toEqualTypeOf<number | undefined>();
    expectTypeOf<Config['files']['inventory']>().toEqualTypeOf<string>();
  });

  it('treats empty and blank values as unset (compose files often leave VAR=)', () => {
    const config = loadConfig({ env: { PORT: '', NETRUN_CONCURRENCY: '   ', SLACK_BOT_TOKEN: '' } });
    expect(config.http.port).toBe(3000);
    expect(config.engine.globalConcurrency).toBe(50);
    expect(config.slack.botToken).toBeUndefined();
  });

  it('does not read process.env by itself', () => {
    process.env.NETRUN_CONCURRENCY = '7';
    try {
      expect(loadConfig({ env: {} }).engine.globalConcurrency).toBe(50);
    } finally {
      delete process.env.NETRUN_CONCURRENCY;
    }
  });
});

describe('loadConfig settings, good forms', () => {
  it('reads every setting', () => {
    const config = loadConfig({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        SLACK_SIGNING_SECRET: 'sign-secret',
        SLACK_API_URL: 'http://127.0.0.1:4000/api/',
        PORT: '8080',
        NETRUN_METRICS_PORT: '9100',
        NETRUN_INVENTORY: '/etc/netrun/inventory.yaml',
        NETRUN_POLICY: '/etc/netrun/policy.yaml',
        NETRUN_DB: '/var/lib/netrun/netrun.db',
        NETRUN_PLATFORMS_DIR: '/etc/netrun/platforms',
        NETRUN_KNOWN_HOSTS: '/etc/netrun/known_hosts',
        NETRUN_HOST_KEY_CHECK: 'accept-new',
        NETRUN_CONCURRENCY: '200',
        NETRUN_JOB_CONCURRENCY: '5',
        NETRUN_LOG_LEVEL: 'debug',
        NETRUN_APPROVAL_TTL_MINUTES: '15',
        NETRUN_AUDIT_RETENTION_DAYS: '365',
        NETRUN_SHUTDOWN_GRACE_SECONDS: '0',
      },
    });
    expect(config).toEqual({
      slack: {
        botToken: BOT,
        appToken: APP,
        signingSecret: 'sign-secret',
        apiUrl: 'http://127.0.0.1:4000/api/',
      },
      http: { port: 8080 },
      metrics: { port: 9100 },
      files: {
        inventory: '/etc/netrun/inventory.yaml',
        policy: '/etc/netrun/policy.yaml',
        db: '/var/lib/netrun/netrun.db',
        platformsDir: '/etc/netrun/platforms',
        knownHosts: '/etc/netrun/known_hosts',
      },
      ssh: { hostKeyCheck: 'accept-new' },
      engine: { globalConcurrency: 200, jobConcurrency: 5 },
      log: { level: 'debug' },
      approvals: { ttlMinutes: 15 },
      audit: { retentionDays: 365 },
      shutdown: { graceSeconds: 0 },
    });
  });

  it('trims surrounding whitespace', () => {
    expect(loadConfig({ env: { PORT: ' 4000 ', SLACK_BOT_TOKEN: ` ${BOT}\n` } })).toMatchObject({
      http: { port: 4000 },
      slack: { botToken: BOT },
    });
  });

  it.each([
    ['PORT', '0', (c: Config) => c.http.port, 0],
    ['PORT', '65535', (c: Config) => c.http.port, 65535],
    ['NETRUN_CONCURRENCY', '1', (c: Config) => c.engine.globalConcurrency, 1],
    ['NETRUN_CONCURRENCY', '10000', (c: Config) => c.engine.globalConcurrency, 10000],
    ['NETRUN_JOB_CONCURRENCY', '10000', (c: Config) => c.engine.jobConcurrency, 10000],
    ['NETRUN_HOST_KEY_CHECK', 'off', (c: Config) => c.ssh.hostKeyCheck, 'off'],
    ['NETRUN_LOG_LEVEL', 'silent', (c: Config) => c.log.level, 'silent'],
    ['SLACK_API_URL', 'https://slack.com/api/', (c: Config) => c.slack.apiUrl, 'https://slack.com/api/'],
  ])('accepts %s=%s', (name, value, read, expected) => {
    expect(read(loadConfig({ env: { [name]: value } }))).toBe(expected);
  });
});

describe('loadConfig settings, bad forms', () => {
  it.each([
    ['NETRUN_CONCURRENCY', 'abc', 'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "abc")'],
    ['NETRUN_CONCURRENCY', '0', 'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "0")'],
    [
      'NETRUN_CONCURRENCY',
      '10001',
      'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "10001")',
    ],
    ['NETRUN_CONCURRENCY', '2.5', 'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "2.5")'],
    ['NETRUN_CONCURRENCY', '-4', 'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "-4")'],
    ['NETRUN_CONCURRENCY', '1e3', 'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "1e3")'],
    [
      'NETRUN_JOB_CONCURRENCY',
      'many',
      'NETRUN_JOB_CONCURRENCY must be a whole number from 1 to 10000 (got "many")',
    ],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    ['PORT', 'http', 'PORT must be a whole number from 0 to 65535 (got "http")'],
    ['NETRUN_METRICS_PORT', '-1', 'NETRUN_METRICS_PORT must be a whole number from 0 to 65535 (got "-1")'],
    [
      'NETRUN_HOST_KEY_CHECK',
      'no',
      'NETRUN_HOST_KEY_CHECK must be one of strict, accept-new, off (got "no")',
    ],
    [
      'NETRUN_LOG_LEVEL',
      'verbose',
      'NETRUN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    [
      'NETRUN_APPROVAL_TTL_MINUTES',
      '0',
      'NETRUN_APPROVAL_TTL_MINUTES must be a whole number from 1 to 10080 (got "0")',
    ],
    [
      'NETRUN_AUDIT_RETENTION_DAYS',
      'forever',
      'NETRUN_AUDIT_RETENTION_DAYS must be a whole number from 1 to 36500 (got "forever")',
    ],
    [
      'NETRUN_SHUTDOWN_GRACE_SECONDS',
      '3601',
      'NETRUN_SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600 (got "3601")',
    ],
    [
      'SLACK_API_URL',
      'ftp://slack.com',
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "ftp://slack.com")',
    ],
    [
      'SLACK_API_URL',
      'slack',
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "slack")',
    ],
  ])('rejects %s=%s with one clear line', (name, value, line) => {
    expect(problemsOf({ [name]: value })).toEqual([line]);
  });

  it('reports every bad setting at once, one line each', () => {
    const lines = problemsOf({ PORT: 'x', NETRUN_CONCURRENCY: 'y', NETRUN_LOG_LEVEL: 'loud' });
    expect(lines).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "x")',
      'NETRUN_CONCURRENCY must be a whole number from 1 to 10000 (got "y")',
      'NETRUN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it('names the token kind found but never echoes a secret', () => {
    const lines = problemsOf({
      SLACK_BOT_TOKEN: APP,
      SLACK_APP_TOKEN: BOT,
      SLACK_SIGNING_SECRET: 'sign-secret',
    });
    expect(lines).toEqual([
      'SLACK_BOT_TOKEN must be a Slack bot token starting with "xoxb-", from the OAuth & Permissions page of your Slack app (it starts with "xapp-", which is an app-level token; the value is not shown because it is a secret)',
      'SLACK_APP_TOKEN must be a Slack app-level token starting with "xapp-", from Basic Information → App-Level Tokens of your Slack app (it starts with "xoxb-", which is a bot token; the value is not shown because it is a secret)',
    ]);
    expect(lines.join('\n')).not.toContain('SECRET');
  });

  it('rejects a token of no known kind without showing it', () => {
    const [line] = problemsOf({ SLACK_BOT_TOKEN: 'hunter2-not-a-token' });
    expect(line).toBe(
      'SLACK_BOT_TOKEN must be a Slack bot token starting with "xoxb-", from the OAuth & Permissions page of your Slack app (the value is not shown because it is a secret)',
    );
  });

  it('gives the catalogue code and a hint', () => {
    try {
      loadConfig({ env: { PORT: 'x' } });
      expect.unreachable();
    } catch (error) {
      expect(isNetrunError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as { hint: string }).hint).toContain('environment variables');
    }
  });
});

describe('loadConfig *_FILE secrets (Docker secrets)', () => {
  it.each([
    ['SLACK_BOT_TOKEN', BOT, (c: Config) => c.slack.botToken],
    ['SLACK_APP_TOKEN', APP, (c: Config) => c.slack.appToken],
    ['SLACK_SIGNING_SECRET', 'abc123signing', (c: Config) => c.slack.signingSecret],
  ])('reads %s from the file named by %s_FILE, trailing newline trimmed', (name, value, read) => {
    const files = filesOf({ '/run/secrets/x': `${value}\n` });
    expect(read(loadConfig({ env: { [`${name}_FILE`]: '/run/secrets/x' }, files }))).toBe(value);
  });

  it('refuses both the variable and its _FILE variant', () => {
    const files = filesOf({ '/run/secrets/bot': BOT });
    expect(problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_BOT_TOKEN_FILE: '/run/secrets/bot' }, files)).toEqual([
      'SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set: set only one of them',
    ]);
  });

  it('names an unreadable file and why', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET_FILE: '/run/secrets/nope' })).toEqual([
      'SLACK_SIGNING_SECRET_FILE must name a readable file (cannot read "/run/secrets/nope": ENOENT)',
    ]);
  });

  it('refuses an empty file', () => {
    const files = filesOf({ '/run/secrets/empty': '\n' });
    expect(problemsOf({ SLACK_APP_TOKEN_FILE: '/run/secrets/empty' }, files)).toEqual([
      'SLACK_APP_TOKEN_FILE names an empty file ("/run/secrets/empty"): put the SLACK_APP_TOKEN value in it',
    ]);
  });

  it('checks the shape of a token read from a file, without showing it', () => {
    const files = filesOf({ '/run/secrets/bot': 'xoxp-user-SECRET\n' });
    const lines = problemsOf({ SLACK_BOT_TOKEN_FILE: '/run/secrets/bot' }, files);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('it starts with "xoxp-", which is a user token');
    expect(lines[0]).not.toContain('SECRET');
  });

  it('ignores _FILE variants of settings that are not secrets', () => {
    expect(loadConfig({ env: { PORT_FILE: '/nope' } }).http.port).toBe(3000);
  });

  it('uses node:fs by default', () => {
    expect(() => loadConfig({ env: { SLACK_BOT_TOKEN_FILE: '/definitely/not/here/netrun-token' } })).toThrow(
      /SLACK_BOT_TOKEN_FILE must name a readable file \(cannot read "\/definitely\/not\/here\/netrun-token": ENOENT\)/,
    );
  });
});
