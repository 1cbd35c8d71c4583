import { type Config, loadConfig, requireSlack } from './config/index.js';
import { loadPolicy } from './engine/index.js';
import { isNetrunError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { createRuntime, type Runtime } from './runtime.js';
import { createNetrunApp, type NetrunApp } from './slack/index.js';
import { openStore, type Store } from './store/index.js';

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
}

/**
 * Configuration, inventory, platforms and policy are all checked before anything connects, so a
 * mistake is reported in plain words at start-up rather than at the first command.
 */
export async function startBot(env: BotIo['env']): Promise<RunningBot> {
  const config = loadConfig({ env });
  const slack = requireSlack(config);
  const logger = createLogger({ level: config.log.level });
  const runtime = await createRuntime({ config, logger, env });
  const policy = loadPolicy(config.files.policy);
  const store = openStore(config.files.db, { logger });
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
  });
  const { port } = await bot.start();
  logger.info(
    { mode: slack.mode, port, hosts: runtime.inventory.hosts.length, roles: policy.roles.length },
    'netrun is ready',
  );
  return { config, runtime, store, bot, logger, ...(port === undefined ? {} : { port }) };
}

/**
 * Stops taking commands, lets running jobs finish within the grace period, cancels what is left,
 * and waits briefly for their threads to get their summaries. (Telling threads "interrupted" and
 * recovering after a crash come with the store.)
 */
export async function stopBot(running: RunningBot, signal: string): Promise<void> {
  const { bot, runtime, logger, config, store } = running;
  logger.info({ signal }, 'shutting down: no new commands');
  await bot
    .stop()
    .catch((error: unknown) => logger.warn({ err: error }, 'stopping the Slack receiver failed'));
  const graceMs = config.shutdown.graceSeconds * 1000;
  const drained = await within(runtime.runner.drain(), graceMs);
  if (!drained) logger.warn({ graceMs }, 'jobs still running after the grace period: cancelling them');
  await runtime.runner.shutdown('netrun is shutting down');
  if (!(await within(bot.settled(), 10_000))) logger.warn('some job threads did not finish before exit');
  store.close();
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

/** `netrun start` (`npm start`): runs until SIGTERM or SIGINT; 0 after a clean stop, 1 when it cannot start. */
export async function runBot(io: BotIo): Promise<number> {
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
  const signal = await new Promise<string>((resolve) => io.onShutdownSignal(resolve));
  await stopBot(running, signal);
  return 0;
}
