/**
 * The bot in this process (startStack: Bolt over real HTTP, the Slack stand-in, the store) on a lab
 * that runs in other processes, with strict host-key checking against the lab's keys and the
 * inventory a scenario wrote (short timeouts, its own groups).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, type StackOptions, startStack } from '../../src/demo/index.js';
import { createKnownHostsVerifier, loadPlatformRegistry } from '../../src/devices/index.js';
import { createDeviceTaskFactory, type JobSummary } from '../../src/engine/index.js';
import { parseInventory } from '../../src/inventory/index.js';
import { LAB_ENV } from '../../src/lab/index.js';
import type { SlackStandin } from '../../src/lab/slack/index.js';
import { silentLogger } from '../../src/logger.js';
import { configStyleFrom } from '../../src/push/index.js';
import { createRedactor } from '../../src/redaction/index.js';
import type { JobRecord, ThreadReport } from '../../src/slack/index.js';
import { type InventoryData, inventoryText, type RemoteLab } from './remote-lab.js';
import type { ThreadMessage } from './thread-audit.js';
import { within } from './within.js';

export interface LabStackOptions
  extends Omit<StackOptions, 'devices' | 'inventory' | 'taskFor' | 'shared' | 'logger'> {
  lab: RemoteLab;
  /** The inventory to use (the lab's, edited by the scenario). */
  inventory: InventoryData;
}

export interface LabStack {
  stack: Stack;
  stop(): Promise<void>;
}

/** A job's summary and its thread's report, once both are done. */
export async function jobFinished(
  record: JobRecord,
  timeoutMs: number,
): Promise<{ summary: JobSummary; report: ThreadReport }> {
  const [summary, report] = await within(
    Promise.all([record.job.done, record.reporter.done]),
    timeoutMs,
    `job ${record.id} (${record.header.requester}): its summary and thread`,
  );
  return { summary, report };
}

export async function startLabStack(options: LabStackOptions): Promise<LabStack> {
  const { lab, inventory: data, ...rest } = options;
  const dir = await mkdtemp(join(tmpdir(), 'netrun-reliability-'));
  try {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, lab.knownHosts);
    const inventory = parseInventory(inventoryText(data), {
      source: 'reliability inventory',
      env: LAB_ENV,
      baseDir: dir,
    });
    const platforms = await loadPlatformRegistry();
    const logger = silentLogger();
    const hostKeys = createKnownHostsVerifier({ file: knownHosts, defaultMode: 'strict' });
    const taskFor = createDeviceTaskFactory(
      { platforms, hostKeys, logger },
      { redact: createRedactor().redact },
    );
    const stack = await startStack({
      ...rest,
      inventory,
      taskFor,
      logger,
      approvals: { configStyleOf: configStyleFrom(platforms), ...rest.approvals },
    });
    return {
      stack,
      stop: async () => {
        await stack.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A thread as the stand-in holds it: its replies in order, the text of the result files posted in it
 * (`netrun-<job>-part<n>.txt`; a push's dry-run file is not a result), and the complete device lists
 * recovery attaches when its notice cuts one short (`netrun-<job>-interrupted.txt`).
 */
export function threadOf(
  standin: SlackStandin,
  channel: string,
  ts: string,
): { replies: ThreadMessage[]; files: string[]; lists: string[] } {
  const replies = standin.thread(channel, ts).map((m) => ({ text: m.text, blocks: m.blocks }));
  const inThread = standin.files().filter((f) => f.completed && f.channel === channel && f.threadTs === ts);
  const text = (f: (typeof inThread)[number]) => f.content?.toString('utf8') ?? '';
  return {
    replies,
    files: inThread.filter((f) => /-part\d+\.txt$/.test(f.name)).map(text),
    lists: inThread.filter((f) => /-interrupted\.txt$/.test(f.name)).map(text),
  };
}
