import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { LAB_ENV, type Lab, type LabDeviceSpec, startLab } from '../../../src/lab/index.js';
import {
  createSlackDriver,
  type SlackDriver,
  type SlackStandin,
  type StandinOptionsInput,
  startSlackStandin,
} from '../../../src/lab/slack/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import type { CliChild } from '../../helpers/spawn-cli.js';
import { waitFor } from '../../helpers/wait-for.js';
import { POLICY_YAML } from '../slack/helpers.js';

export { ALICE, CHANNEL } from '../slack/helpers.js';
export const SIGNING_SECRET = 'ops-test-signing-secret';

/** A lab, a Slack stand-in and a temp folder with inventory, policy and the bot's database. */
export interface BotFixture {
  lab: Lab;
  standin: SlackStandin;
  dir: string;
  dbPath: string;
  /** The bot's environment: HTTP mode on 127.0.0.1, a free port, everything in `dir`. */
  env: Record<string, string>;
  driverFor(port: number): SlackDriver;
  /** A second connection to the bot's database (WAL: reads while the bot writes). Close it. */
  openDb(): Store;
  stop(): Promise<void>;
}

/**
 * `groups` adds inventory groups: name → member devices (the lab's own groups stay: core-routers,
 * edge-switches, one per platform).
 */
export async function startBotFixture(
  devices: LabDeviceSpec[],
  groups: Record<string, string[]> = {},
  options: { policyYaml?: string; standin?: StandinOptionsInput } = {},
): Promise<BotFixture> {
  const lab = await startLab({ devices });
  const standin = await startSlackStandin(options.standin);
  const dir = mkdtempSync(join(tmpdir(), 'netrun-ops-'));
  const inventory = parse(lab.inventoryYaml()) as {
    groups: Record<string, unknown>;
    hosts: Record<string, { groups: string[] }>;
  };
  for (const [group, members] of Object.entries(groups)) {
    inventory.groups[group] = {};
    for (const name of members) inventory.hosts[name]!.groups.push(group);
  }
  writeFileSync(join(dir, 'inventory.yaml'), stringify(inventory));
  writeFileSync(join(dir, 'policy.yaml'), options.policyYaml ?? POLICY_YAML);
  const dbPath = join(dir, 'netrun.db');
  const env = {
    SLACK_BOT_TOKEN: standin.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standin.apiUrl,
    PORT: '0',
    NETRUN_HTTP_HOST: '127.0.0.1',
    NETRUN_INVENTORY: join(dir, 'inventory.yaml'),
    NETRUN_POLICY: join(dir, 'policy.yaml'),
    NETRUN_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETRUN_DB: dbPath,
    NETRUN_LOG_LEVEL: 'silent',
    ...LAB_ENV,
  };
  return {
    lab,
    standin,
    dir,
    dbPath,
    env,
    driverFor: (port) =>
      createSlackDriver({
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        standin,
      }),
    openDb: () => openStore(dbPath, { mustExist: true }),
    stop: async () => {
      await standin.close();
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The port a `netrun start` child listens on, from its "netrun is ready" log line (stderr, JSON). */
export async function readyPort(cli: CliChild, timeoutMs = 20_000): Promise<number> {
  let port: number | undefined;
  await waitFor(
    () => {
      const line = cli
        .stderr()
        .split('\n')
        .find((l) => l.includes('"netrun is ready"'));
      if (line) port = (JSON.parse(line) as { port: number }).port;
      return port !== undefined || cli.process.exitCode !== null;
    },
    timeoutMs,
    'the bot to say it is ready',
  );
  if (port === undefined) throw new Error(`the bot exited before it was ready:\n${cli.stderr()}`);
  return port;
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** `name{labels} value` → value, from the Prometheus text format. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
