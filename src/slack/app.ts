import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { SlackSettings } from '../config/index.js';
import type { HostResult, Policy, Runner, TaskFactory } from '../engine/index.js';
import { NetrunError } from '../errors.js';
import type { Inventory } from '../inventory/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackClients, DEFAULT_RETRY, type SlackClients } from './clients.js';
import { EVENTS_PATH } from './ids.js';
import { JobDirectory, type JobObserver } from './jobs/index.js';
import { type ListenerDeps, registerListeners } from './listeners/index.js';
import type { ApprovalSettings } from './listeners/push/index.js';
import { createMembership, slackErrorCode } from './membership.js';
import { ChannelLanes, type Timers, UpdateScheduler } from './pacing/index.js';
import type { ReplyLimits } from './reply-plan.js';
import { createThreadIo } from './thread-io.js';

export interface PacingOptions {
  /** From the end of one message into a channel to the next (default 1,000 ms). */
  replyIntervalMs?: number;
  /** chat.update calls per minute, all jobs together (default 40). */
  updatesPerMinute?: number;
  /** Between two updates of one parent message (default 3 s). */
  updateIntervalMs?: number;
  timers?: Timers;
}

export interface NetrunAppOptions {
  slack: SlackSettings;
  /** Jobs, approvals and the audit trail (SQLite); shared with whoever else needs them. */
  store: Store;
  runner: Runner;
  taskFor: TaskFactory;
  inventory: () => Inventory;
  policy: () => Policy;
  logger: Logger;
  /** HTTP mode only: where to listen (port 0 picks a free port; see start()). */
  listen?: { port: number; host?: string };
  /** Extra HTTP routes (health, metrics) served next to /slack/events. */
  customRoutes?: CustomRoute[];
  pacing?: PacingOptions;
  replyLimits?: ReplyLimits;
  /** Web API retries for network errors and 5xx. */
  retry?: webApi.RetryOptions;
  redact?: (result: HostResult) => HostResult;
  membershipTtlMs?: number;
  /** Follow every job started from Slack (store, audit, metrics). */
  jobObservers?: readonly JobObserver[];
  /** Config push approvals: how long they wait (NETRUN_APPROVAL_TTL_MINUTES), config styles. */
  approvals?: Omit<ApprovalSettings, 'signal'>;
  now?: () => number;
  newJobId?: () => string;
}

export interface NetrunApp {
  readonly mode: 'http' | 'socket';
  readonly app: App;
  readonly jobs: JobDirectory;
  readonly clients: SlackClients;
  /** Socket Mode only: the WebSocket client, whose connected/reconnecting events health checks follow. */
  readonly socket?: SocketModeReceiver['client'];
  /** Checks the token (auth.test), then listens (HTTP) or connects (Socket Mode). */
  start(): Promise<{ port?: number; url?: string }>;
  /** Stops taking requests; running jobs and their threads go on (see settled()). */
  stop(): Promise<void>;
  /** Resolves once every job's thread has its summary and finished parent. */
  settled(): Promise<void>;
}

function receiverFor(options: NetrunAppOptions, log: Logger) {
  const logger = boltLogger(log);
  const customRoutes = options.customRoutes ?? [];
  if (options.slack.mode === 'socket') {
    // Socket Mode serves custom routes (health, metrics) on an HTTP port of their own.
    const port = options.listen?.port ?? 3000;
    return new SocketModeReceiver({
      appToken: options.slack.appToken,
      logger,
      customRoutes,
      installerOptions: { port },
    });
  }
  // Signature verification stays on (Bolt's default): forged and stale requests get 401.
  return new HTTPReceiver({
    signingSecret: options.slack.signingSecret,
    endpoints: EVENTS_PATH,
    processBeforeResponse: false,
    logger,
    customRoutes,
  });
}

function listenerDeps(
  options: NetrunAppOptions,
  clients: SlackClients,
  jobs: JobDirectory,
  log: Logger,
  lifetime: AbortSignal,
): ListenerDeps {
  const now = options.now ?? Date.now;
  const pacing = options.pacing ?? {};
  const reporter = {
    io: createThreadIo(clients),
    lanes: new ChannelLanes({ intervalMs: pacing.replyIntervalMs, timers: pacing.timers, log }),
    updates: new UpdateScheduler({
      perMinute: pacing.updatesPerMinute,
      minIntervalMs: pacing.updateIntervalMs,
      timers: pacing.timers,
      log,
    }),
    log,
    now,
    ...(options.replyLimits ? { limits: options.replyLimits } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
  };
  const membership = createMembership({
    list: async (usergroup) => (await clients.lookups.usergroups.users.list({ usergroup })).users ?? [],
    ttlMs: options.membershipTtlMs,
    now,
    log,
  });
  return {
    ...{ runner: options.runner, taskFor: options.taskFor, jobs, reporter, log, now },
    ...{ inventory: options.inventory, policy: options.policy, membership, store: options.store },
    ...(options.newJobId ? { newJobId: options.newJobId } : {}),
    ...(options.jobObservers ? { observers: options.jobObservers } : {}),
    approvals: { ...options.approvals, signal: lifetime },
  };
}

/** The Slack bot: Bolt wired to netrun's listeners, pacers and Web API clients. */
export function createNetrunApp(options: NetrunAppOptions): NetrunApp {
  const log = options.logger.child({ component: 'slack-app' });
  const clients = createSlackClients(options.slack, log, options.retry ?? DEFAULT_RETRY);
  const jobs = new JobDirectory();
  const receiver = receiverFor(options, log);
  const app = new App({
    token: options.slack.botToken,
    receiver,
    logger: boltLogger(log),
    clientOptions: {
      retryConfig: options.retry ?? DEFAULT_RETRY,
      ...(options.slack.apiUrl ? { slackApiUrl: options.slack.apiUrl } : {}),
    },
    deferInitialization: true,
  });
  app.error(async (error) => {
    log.error({ err: error }, 'unhandled error in a Slack listener');
  });
  // Ends what the listeners run on their own (the push expiry sweeps) when the app stops.
  const lifetime = new AbortController();
  registerListeners(app, listenerDeps(options, clients, jobs, log, lifetime.signal));
  return {
    mode: options.slack.mode,
    app,
    jobs,
    clients,
    ...(receiver instanceof SocketModeReceiver ? { socket: receiver.client } : {}),
    start: () => start(app, options, log),
    stop: async () => {
      lifetime.abort();
      await app.stop();
    },
    settled: () => jobs.settled(),
  };
}

async function start(
  app: App,
  options: NetrunAppOptions,
  log: Logger,
): Promise<{ port?: number; url?: string }> {
  await initialise(app, options);
  if (options.slack.mode === 'socket') {
    await app.start();
    log.info('connected to Slack in Socket Mode');
    return {};
  }
  const listen = options.listen ?? { port: 3000 };
  const server = (await app.start(listen)) as Server;
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}${EVENTS_PATH}`;
  log.info({ url }, 'listening for Slack requests');
  return { port, url };
}

/** auth.test once at start: a bad token fails here, in plain words, not at the first command. */
async function initialise(app: App, options: NetrunAppOptions): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    if (
      code === 'invalid_auth' ||
      code === 'not_authed' ||
      code === 'account_inactive' ||
      code === 'token_revoked'
    ) {
      throw new NetrunError('CONFIG_INVALID', `Slack refused SLACK_BOT_TOKEN (auth.test said: ${code})`, {
        cause: error,
        hint: 'copy the Bot User OAuth Token (xoxb-…) from your Slack app’s OAuth & Permissions page again',
      });
    }
    const where = options.slack.apiUrl ?? 'https://slack.com/api/';
    throw new NetrunError('SLACK_API', `cannot check the bot token with Slack at ${where}: ${code}`, {
      cause: error,
      hint: 'check the network path to Slack (proxy, firewall) and SLACK_API_URL if set',
    });
  }
}
