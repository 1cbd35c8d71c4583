import { type Config, loadConfig, requireSlack, type SlackSettings } from './config/index.js';
import { loadPolicy, type Policy } from './engine/index.js';
import { isNetrunError, NetrunError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import {
  attachOps,
  type BotOps,
  createBotOps,
  type Interrupted,
  type OpsServer,
  opsRoutes,
  type RecoveryReport,
  reportInterrupted,
  startOpsServer,
  startPruning,
  takeInterrupted,
} from './ops/index.js';
import { configStyleFrom } from './push/index.js';
import { createRuntime, type Runtime } from './runtime.js';
import {
  approvalMessage,
  approvalView,
  ChannelLanes,
  createAuditObserver,
  createNetrunApp,
  createStoreObserver,
  createThreadIo,
  type NetrunApp,
} from './slack/index.js';
import { type ApprovalRecord, openStore, recordAudit, type Store } from './store/index.js';

/** What the bot process touches: its environment, stderr for start-up problems, and signals. */
export interface BotIo {
  env: Record<string, string | undefined>;
  stderr: { write(text: string): unknown };
  /** Registers the shutdown handler (process.once on SIGTERM and SIGINT in production). */
  onShutdownSignal(handler: (signal: string) => void): void;
}

export interface RunningBot {
  config: Config;
  runtime: Runtime;
  store: Store;
  bot: NetrunApp;
  logger: Logger;
  /** The HTTP port in HTTP mode. */
  port?: number;
  ops: BotOps;
  /** Where /healthz and /metrics answer (`http://host:port`, no path). */
  opsUrl: string;
  /** Settles once the threads of work interrupted by the previous process have been told. */
  recovered: Promise<RecoveryReport | undefined>;
  /** Internal: what stopBot() closes besides the bot. */
  closers: { opsServer?: OpsServer; stopPruning: () => void };
}

/** After the grace period, how long interrupted jobs' threads get to post their summaries. */
const THREADS_FLUSH_MS = 10_000;

/**
 * Configuration, inventory, platforms and policy are all checked before anything connects, so a
 * mistake is reported in plain words at start-up rather than at the first command. Then, before the
 * bot can take a command: work the previous process left running is marked interrupted, and the
 * store is pruned.
 */
export async function startBot(env: BotIo['env']): Promise<RunningBot> {
  const config = loadConfig({ env });
  const slack = requireSlack(config);
  const logger = createLogger({ level: config.log.level });
  const runtime = await createRuntime({ config, logger, env });
  const policy = loadPolicy(config.files.policy);
  const store = openStore(config.files.db, { logger });
  try {
    return await startWithStore({ config, slack, logger, runtime, policy, store });
  } catch (error) {
    store.close();
    throw error;
  }
}

interface Parts {
  config: Config;
  slack: SlackSettings;
  logger: Logger;
  runtime: Runtime;
  policy: Policy;
  store: Store;
}

async function startWithStore(parts: Parts): Promise<RunningBot> {
  const { config, slack, logger, runtime, store } = parts;
  const interrupted = takeInterrupted(store, Date.now());
  const pruning = startPruning({ store, retentionDays: config.audit.retentionDays, log: logger });
  const ops = createBotOps({ mode: slack.mode, store, runner: runtime.runner, log: logger });
  // Socket Mode has no HTTP port; NETRUN_METRICS_PORT keeps the endpoints off the port Slack reaches.
  const ownPort = slack.mode === 'socket' || config.metrics.port !== undefined;
  const bot = createBot(parts, ops, ownPort);
  let opsServer: OpsServer | undefined;
  try {
    // Before connecting: an orchestrator's probe gets a 503 that says "connecting", not a refusal.
    opsServer = ownPort ? await listenOps(config, ops, logger) : undefined;
    const { port, url } = await bot.start();
    const detail = slack.mode === 'http' ? `auth.test passed; listening at ${url}` : undefined;
    ops.health.setSlack('connected', detail);
    const opsUrl = opsServer?.url ?? new URL(url as string).origin;
    const recovered = recover(bot, store, logger, interrupted);
    const closers = { stopPruning: pruning.stop, ...(opsServer ? { opsServer } : {}) };
    const running = {
      ...parts,
      bot,
      ops,
      opsUrl,
      recovered,
      closers,
      ...(port === undefined ? {} : { port }),
    };
    announce(running);
    return running;
  } catch (error) {
    pruning.stop();
    await bot.stop().catch(() => undefined);
    await opsServer?.close();
    throw error;
  }
}

function announce(running: RunningBot & { policy: Policy }): void {
  const { logger, bot, port, opsUrl, runtime, policy } = running;
  const facts = { mode: bot.mode, port, ops: opsUrl, hosts: runtime.inventory.hosts.length };
  logger.info({ ...facts, roles: policy.roles.length }, 'netrun is ready');
}

function createBot(parts: Parts, ops: BotOps, ownPort: boolean): NetrunApp {
  const { config, slack, logger, runtime, policy, store } = parts;
  const bot = createNetrunApp({
    slack,
    store,
    runner: runtime.runner,
    taskFor: runtime.taskFor,
    inventory: () => runtime.inventory,
    policy: () => policy,
    logger,
    listen: config.http.host
      ? { port: config.http.port, host: config.http.host }
      : { port: config.http.port },
    customRoutes: ownPort ? [] : opsRoutes(ops.endpoints, logger),
    approvals: {
      ttlMs: config.approvals.ttlMinutes * 60_000,
      // The dry run reads each device's config style from the same platform files the bot uses.
      configStyleOf: configStyleFrom(runtime.platforms),
    },
    jobObservers: [
      createStoreObserver({ store, log: logger }),
      createAuditObserver({ store, log: logger }),
      ops.metrics.observer,
    ],
  });
  attachOps(bot, ops, logger);
  return bot;
}

async function listenOps(config: Config, ops: BotOps, log: Logger): Promise<OpsServer> {
  const port = config.metrics.port ?? config.http.port;
  const variable = config.metrics.port === undefined ? 'PORT' : 'NETRUN_METRICS_PORT';
  try {
    return await startOpsServer({ port, host: config.http.host, endpoints: ops.endpoints, log });
  } catch (error) {
    throw new NetrunError(
      'CONFIG_INVALID',
      `cannot serve /healthz and /metrics on port ${port} (${variable}): ${(error as Error).message}`,
      {
        cause: error,
        hint: `set ${variable} to a free port (and NETRUN_HTTP_HOST to an address of this machine, if set)`,
      },
    );
  }
}

/** Posts in the background: a slow or rate-limited Slack must not hold up start-up. */
function recover(
  bot: NetrunApp,
  store: Store,
  log: Logger,
  interrupted: Interrupted,
): Promise<RecoveryReport | undefined> {
  if (interrupted.jobs.length === 0 && interrupted.pushes.length === 0) return Promise.resolve(undefined);
  log.warn(
    {
      jobs: interrupted.jobs.map((entry) => entry.job.id),
      pushes: interrupted.pushes.map((push) => push.id),
    },
    'the previous netrun process stopped while work was running: telling the threads',
  );
  const deps = {
    ...{ store, io: createThreadIo(bot.clients), lanes: new ChannelLanes({ log }), log },
    approvalMessage: (approval: ApprovalRecord) => approvalMessage(approvalView(approval)),
  };
  return reportInterrupted(deps, interrupted).catch((error: unknown) => {
    log.error({ err: error }, 'recovery: could not finish telling the threads');
    return undefined;
  });
}

/**
 * SIGTERM: new commands are refused politely (the receiver stays up, /healthz says 503), running
 * jobs get the grace period (NETRUN_SHUTDOWN_GRACE_SECONDS) to finish, the rest are cancelled and
 * their threads say "interrupted" — which a person's Cancel never says — then everything closes.
 */
export async function stopBot(running: RunningBot, how: string): Promise<void> {
  const { bot, runtime, logger, config, store, ops } = running;
  // `netrun start` passes the abort reason ("interrupted by SIGTERM"); threads need only the name.
  const signal = /SIG[A-Z]+/.exec(how)?.[0] ?? how;
  ops.health.setStopping(signal);
  const graceMs = config.shutdown.graceSeconds * 1000;
  logger.info({ signal, graceMs, jobs: runtime.runner.stats().jobs }, 'shutting down: refusing new commands');
  if (!(await within(runtime.runner.drain(), graceMs))) await interruptJobs(running, signal);
  if (!(await within(bot.settled(), THREADS_FLUSH_MS)))
    logger.warn('some job threads did not finish before exit');
  ops.health.setSlack('stopped');
  await bot
    .stop()
    .catch((error: unknown) => logger.warn({ err: error }, 'stopping the Slack receiver failed'));
  running.closers.stopPruning();
  await within(running.recovered, 5_000);
  await running.closers.opsServer?.close();
  store.close();
  logger.info({ signal }, 'netrun stopped');
  await flush(logger);
}

async function interruptJobs(running: RunningBot, signal: string): Promise<void> {
  const { bot, runtime, logger, store } = running;
  const reason = `netrun is restarting (${signal})`;
  const records = bot.jobs.running();
  logger.warn(
    { jobs: records.map((record) => record.id) },
    'jobs still running after the grace period: interrupting them',
  );
  for (const record of records) {
    record.reporter.noteInterrupted(reason);
    recordAudit(
      { store, log: logger },
      {
        actor: 'netrun',
        action: 'interrupted',
        jobId: record.id,
        channel: record.channel,
        command: record.header.command,
        target: record.header.target,
        outcome: 'interrupted',
        reason,
      },
    );
  }
  await runtime.runner.shutdown(reason);
}

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The log is asynchronous: its last lines (why the process stopped) must reach stderr before exit. */
async function flush(logger: Logger): Promise<void> {
  await within(new Promise<void>((resolve) => logger.flush(() => resolve())), 2_000).catch(() => false);
}

/** `netrun start` (`npm start`): runs until SIGTERM or SIGINT; 0 after a clean stop, 1 when it cannot start. */
export async function runBot(io: BotIo): Promise<number> {
  // Listening first: a signal that arrives while the bot is still starting must still stop it.
  const signal = new Promise<string>((resolve) => io.onShutdownSignal(resolve));
  let running: RunningBot;
  try {
    running = await startBot(io.env);
  } catch (error) {
    if (isNetrunError(error)) io.stderr.write(`netrun: cannot start the bot:\n${error.describe()}\n`);
    else
      io.stderr.write(
        `netrun: cannot start the bot (a bug — please report it):\n${String((error as Error)?.stack ?? error)}\n`,
      );
    return 1;
  }
  await stopBot(running, await signal);
  return 0;
}
