import { acceptAnyHostKey, loadPlatformRegistry } from '../devices/index.js';
import {
  createDeviceTaskFactory,
  createRunner,
  type HostResult,
  parsePolicy,
  type Runner,
  type RunnerOptions,
  type TaskFactory,
} from '../engine/index.js';
import { type Inventory, parseInventory } from '../inventory/index.js';
import { type Lab, type LabDeviceSpec, startLab } from '../lab/index.js';
import {
  createSlackDriver,
  type SlackDriver,
  type SlackStandin,
  type StandinOptionsInput,
  startSlackStandin,
} from '../lab/slack/index.js';
import { type Logger, silentLogger } from '../logger.js';
import { configStyleFrom } from '../push/index.js';
import { createRedactor } from '../redaction/index.js';
import {
  createAuditObserver,
  createNetrunApp,
  type NetrunApp,
  type NetrunAppOptions,
  type PacingOptions,
  type ReplyLimits,
} from '../slack/index.js';
import { openStore, type Store } from '../store/index.js';

/** The signing secret shared by the stand-in's driver and the bot in a local stack. */
export const STACK_SIGNING_SECRET = 'netrun-local-signing-secret';

export interface StackOptions {
  /** Lab devices to start; omit to use `inventory` and `taskFor` instead (fakes in tests). */
  devices?: LabDeviceSpec[];
  inventory?: Inventory;
  taskFor?: TaskFactory;
  policyYaml: string;
  standin?: StandinOptionsInput;
  runner?: RunnerOptions;
  pacing?: PacingOptions;
  replyLimits?: ReplyLimits;
  logger?: Logger;
  redact?: (result: HostResult) => HostResult;
  /** The bot's store; an in-memory one (closed by stop()) when absent. Pass a file's store to test restarts. */
  store?: Store;
  /** Push approvals (a short TTL in tests). */
  approvals?: NetrunAppOptions['approvals'];
  /**
   * A lab and a Slack stand-in another stack started: this stack uses them and leaves them running
   * on stop(), so a test can restart the bot alone (old messages and devices stay where they were).
   */
  shared?: { lab: Lab; standin: SlackStandin };
}

/** The whole product on one machine: lab devices, a Slack stand-in, and the bot in HTTP mode on 127.0.0.1. */
export interface Stack {
  lab?: Lab;
  standin: SlackStandin;
  bot: NetrunApp;
  store: Store;
  driver: SlackDriver;
  runner: Runner;
  inventory: Inventory;
  /** The bot's request URL. */
  url: string;
  /** Stops the bot, cancels running jobs, lets their threads finish (briefly), then stops Slack and the lab. */
  stop(): Promise<void>;
}

async function labParts(devices: LabDeviceSpec[], logger: Logger) {
  const lab = await startLab({ devices });
  try {
    return await labRuntime(lab, logger);
  } catch (error) {
    await lab.stop();
    throw error;
  }
}

async function labRuntime(lab: Lab, logger: Logger) {
  const inventory = parseInventory(lab.inventoryYaml({ literalCredentials: true }), {
    source: 'lab inventory',
    env: {},
    baseDir: process.cwd(),
  });
  const platforms = await loadPlatformRegistry();
  // The lab makes new host keys every start, so there is nothing to check them against.
  const taskFor = createDeviceTaskFactory(
    { platforms, hostKeys: acceptAnyHostKey, logger },
    { redact: createRedactor().redact },
  );
  return { lab, inventory, taskFor, configStyleOf: configStyleFrom(platforms) };
}

async function stackParts(options: StackOptions, logger: Logger) {
  if (options.shared) return labRuntime(options.shared.lab, logger);
  if (options.devices) return labParts(options.devices, logger);
  return { lab: undefined, inventory: options.inventory, taskFor: options.taskFor, configStyleOf: undefined };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const logger = options.logger ?? silentLogger();
  const parts = await stackParts(options, logger);
  if (!parts.inventory || !parts.taskFor)
    throw new Error('startStack: give devices, or inventory and taskFor');
  const { inventory, taskFor } = parts;
  // What this stack started, it stops; shared parts belong to whoever started them.
  const ownLab = options.shared ? undefined : parts.lab;
  const standin = options.shared?.standin ?? (await startSlackStandin(options.standin ?? {}));
  const closeStandin = () => (options.shared ? Promise.resolve() : standin.close());
  const runner = createRunner({ logger, ...options.runner });
  const policy = parsePolicy(options.policyYaml, 'policy.yaml');
  const store = options.store ?? openStore(':memory:', { logger });
  const bot = createNetrunApp({
    store,
    slack: {
      mode: 'http',
      botToken: standin.token,
      signingSecret: STACK_SIGNING_SECRET,
      apiUrl: standin.apiUrl,
    },
    runner,
    taskFor,
    inventory: () => inventory,
    policy: () => policy,
    logger,
    listen: { port: 0, host: '127.0.0.1' },
    retry: { retries: 2, minTimeout: 50, maxTimeout: 200 },
    jobObservers: [createAuditObserver({ store, log: logger })],
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.replyLimits ? { replyLimits: options.replyLimits } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
    approvals: {
      ...(parts.configStyleOf ? { configStyleOf: parts.configStyleOf } : {}),
      ...options.approvals,
    },
  });
  let url: string;
  try {
    url = (await bot.start()).url as string;
  } catch (error) {
    await closeStandin();
    await ownLab?.stop();
    if (!options.store) store.close();
    throw error;
  }
  const driver = createSlackDriver({ url, signingSecret: STACK_SIGNING_SECRET, standin });
  const stop = async () => {
    await bot.stop().catch(() => undefined);
    await runner.shutdown('the local stack is stopping');
    await Promise.race([bot.settled(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await closeStandin();
    await ownLab?.stop();
    if (!options.store) store.close();
  };
  return {
    ...(parts.lab ? { lab: parts.lab } : {}),
    ...{ standin, bot, store, driver, runner, inventory, url, stop },
  };
}
