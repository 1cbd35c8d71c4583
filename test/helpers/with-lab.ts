import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.js';
import { LAB_ENV, type Lab, type StartLabOptions, startLab } from '../../src/lab/index.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

/** The lab's inventory as plain data, for a test to edit before it is written (snake_case, as in the file). */
export interface LabInventory {
  defaults: Record<string, unknown> & { connection?: Record<string, unknown> };
  groups: Record<string, Record<string, unknown>>;
  hosts: Record<string, Record<string, unknown> & { connection?: Record<string, unknown> }>;
}

export interface LabFixtureOptions extends StartLabOptions {
  /** Changes to the lab's inventory before it is written (group caps, timeouts, host-key checking...). */
  edit?: (inventory: LabInventory) => void;
}

export interface LabFixture {
  lab: Lab;
  /** A temporary folder, removed by stop(). */
  dir: string;
  /** The lab's inventory (after `edit`), written into `dir`. */
  inventoryPath: string;
  /** An empty known_hosts file in `dir`; write `lab.knownHosts()` into it for strict host-key tests. */
  knownHostsPath: string;
  /**
   * netrun's environment for this lab: the lab credentials, the inventory and known_hosts paths, and
   * NETRUN_DB naming a file in `dir` that does not exist, so `netrun run` never writes its audit into a
   * ./netrun.db that happens to sit in the working folder.
   */
  env: Record<string, string>;
  /** Writes another inventory for the same lab (the lab's, edited) into `dir`; returns its path. */
  writeInventory(name: string, edit: (inventory: LabInventory) => void): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a lab on 127.0.0.1 and writes its inventory to a temporary file. Call stop() when done. */
export async function startLabFixture(options: LabFixtureOptions): Promise<LabFixture> {
  const { edit, ...labOptions } = options;
  const dir = await mkdtemp(join(tmpdir(), 'netrun-lab-'));
  let lab: Lab | undefined;
  try {
    lab = await startLab(labOptions);
    const started = lab;
    const writeInventory = async (name: string, change?: (inventory: LabInventory) => void) => {
      const inventory = parse(started.inventoryYaml()) as LabInventory;
      change?.(inventory);
      const path = join(dir, name);
      await writeFile(path, stringify(inventory));
      return path;
    };
    const inventoryPath = await writeInventory('inventory.yaml', edit);
    const knownHostsPath = join(dir, 'known_hosts');
    await writeFile(knownHostsPath, '');
    return {
      lab: started,
      dir,
      inventoryPath,
      knownHostsPath,
      env: {
        ...LAB_ENV,
        NETRUN_INVENTORY: inventoryPath,
        NETRUN_KNOWN_HOSTS: knownHostsPath,
        NETRUN_DB: join(dir, 'netrun.db'),
      },
      writeInventory,
      stop: async () => {
        await started.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs `body` against a fresh lab fixture and always stops it. */
export async function withLab<T>(
  options: LabFixtureOptions,
  body: (fixture: LabFixture) => Promise<T>,
): Promise<T> {
  const fixture = await startLabFixture(options);
  try {
    return await body(fixture);
  } finally {
    await fixture.stop();
  }
}

export interface LabRuntimeOptions {
  /** Extra or overriding environment (NETRUN_CONCURRENCY, NETRUN_JOB_CONCURRENCY, ...). */
  env?: Record<string, string>;
  /** Another inventory than the fixture's (see writeInventory). */
  inventoryPath?: string;
}

/** The runtime `netrun run` builds, on the fixture's lab, without logging. */
export function createLabRuntime(fixture: LabFixture, options: LabRuntimeOptions = {}): Promise<Runtime> {
  const env = { ...fixture.env, ...options.env };
  return createRuntime({
    config: loadConfig({ env }),
    logger: silentLogger(),
    env,
    inventoryPath: options.inventoryPath ?? fixture.inventoryPath,
  });
}
