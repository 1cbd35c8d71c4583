/**
 * netrun's engine as the CLI and the Slack bot use it: createRuntime (platforms, host keys,
 * inventory, runner, device tasks) from a configuration, then one job over every lab device.
 */
import { join } from 'node:path';
import type { JobSummary } from '../src/engine/index.js';
import { LAB_ENV } from '../src/lab/index.js';
import type { Runtime } from '../src/runtime.js';
import type { EngineModules } from './engine-source.js';
import type { Meter } from './measure.js';

export interface EngineSetup {
  inventoryPath: string;
  concurrency: number;
  /** Folder for the (unused, check is off) known_hosts file. */
  dir: string;
  /** The engine's code: from dist/ (as it ships) or src/ (see engine-source.ts). */
  engine: EngineModules;
}

/** Loads everything a job needs; kept out of the measured run, as the floor's targets are. */
export async function prepareEngine(setup: EngineSetup): Promise<Runtime> {
  const { loadConfig, createRuntime, silentLogger } = setup.engine;
  const config = loadConfig({
    env: {
      NETRUN_CONCURRENCY: String(setup.concurrency),
      NETRUN_JOB_CONCURRENCY: String(setup.concurrency),
      NETRUN_HOST_KEY_CHECK: 'off',
      NETRUN_KNOWN_HOSTS: join(setup.dir, 'known_hosts'),
      NETRUN_LOG_LEVEL: 'silent',
    },
  });
  return createRuntime({ config, logger: silentLogger(), env: LAB_ENV, inventoryPath: setup.inventoryPath });
}

export interface EngineJobOptions {
  command: string;
  concurrency: number;
  /** First `limit` hosts only (warm-up); all when absent. */
  limit?: number;
}

/**
 * One job, one command per device, with a listener as a reporter would have. With a meter, memory
 * probes at half-way (sessions in flight) and at job:done (every result still held by the job).
 */
export async function runEngineJob(
  runtime: Runtime,
  options: EngineJobOptions,
  meter?: Meter,
): Promise<JobSummary> {
  const hosts = runtime.inventory.hosts.slice(0, options.limit ?? runtime.inventory.hosts.length);
  const job = runtime.runner.start({
    hosts,
    task: runtime.taskFor({ kind: 'run', commands: [options.command] }),
    concurrency: options.concurrency,
  });
  let seen = 0;
  const half = Math.ceil(hosts.length / 2);
  job.on((event) => {
    if (event.type === 'host:done') {
      seen += 1;
      if (event.done === half) meter?.probe('mid', event.done, runtime.runner.stats().running);
    } else if (event.type === 'job:done') meter?.probe('end', event.results.length, 0);
  });
  const summary = await job.done;
  if (seen !== summary.total)
    throw new Error(`bench: saw ${seen} host:done events for ${summary.total} hosts`);
  return summary;
}
