import { readFile } from 'node:fs/promises';
import type { Config } from './config/index.js';
import {
  createKnownHostsVerifier,
  type HostKeyVerifier,
  loadPlatformRegistry,
  type PlatformRegistry,
} from './devices/index.js';
import { createDeviceTaskFactory, createRunner, type Runner, type TaskFactory } from './engine/index.js';
import { NetrunError } from './errors.js';
import { type Inventory, loadInventory } from './inventory/index.js';
import type { Logger } from './logger.js';
import { createRedactor, parseRedactionYaml, type Redactor } from './redaction/index.js';

/**
 * Everything a front end (terminal, Slack bot, demo) needs to run jobs, built once from the
 * configuration: platforms, host-key checking, the inventory, the process-wide runner and the
 * device-backed task factory. Front ends differ only in how they report.
 */
export interface Runtime {
  config: Config;
  logger: Logger;
  platforms: PlatformRegistry;
  hostKeys: HostKeyVerifier;
  inventory: Inventory;
  runner: Runner;
  taskFor: TaskFactory;
  /** Masks secrets in device output; every path from a device to a reader goes through it. */
  redactor: Redactor;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  env: Record<string, string | undefined>;
  /** Overrides config.files.inventory (the CLI's --inventory). */
  inventoryPath?: string;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const platforms = await loadPlatformRegistry({ userDir: config.files.platformsDir });
  const inventory = await loadInventory(options.inventoryPath ?? config.files.inventory, {
    env: options.env,
  });
  checkPlatforms(inventory, platforms);
  const hostKeys = createKnownHostsVerifier({
    file: config.files.knownHosts,
    defaultMode: config.ssh.hostKeyCheck,
  });
  const runner = createRunner({
    globalConcurrency: config.engine.globalConcurrency,
    defaultJobConcurrency: config.engine.jobConcurrency,
    logger,
  });
  const redactor = await loadRedactor(config.files.redaction);
  const taskFor = createDeviceTaskFactory({ platforms, hostKeys, logger }, { redact: redactor.redact });
  return { config, logger, platforms, hostKeys, inventory, runner, taskFor, redactor };
}

/** Every host's platform must exist before any job starts: one message naming each unknown one. */
function checkPlatforms(inventory: Inventory, platforms: PlatformRegistry): void {
  const unknown = new Map<string, string[]>();
  for (const host of inventory.hosts) {
    if (platforms.find(host.platform)) continue;
    unknown.set(host.platform, [...(unknown.get(host.platform) ?? []), host.name]);
  }
  if (unknown.size === 0) return;
  const lines = [...unknown].map(
    ([platform, hosts]) =>
      `${inventory.source}: platform "${platform}" (hosts ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ', …' : ''}) is not known`,
  );
  throw new NetrunError(
    'PLATFORM_UNKNOWN',
    `${lines.join('\n')}\nknown platforms: ${platforms.names().join(', ')}`,
  );
}

/** The built-in rules, plus the team's own from NETRUN_REDACTION when set. */
export async function loadRedactor(file: string | undefined): Promise<Redactor> {
  if (file === undefined) return createRedactor();
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new NetrunError(
      'FILE_UNREADABLE',
      `cannot read the redaction rules file "${file}" (NETRUN_REDACTION)`,
      {
        cause,
      },
    );
  });
  return createRedactor(parseRedactionYaml(text, file));
}
