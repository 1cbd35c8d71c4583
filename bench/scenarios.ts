/** The benchmark's scenarios and command-line options (pure: unit-tested). */
import { parseArgs } from 'node:util';
import { ENGINE_SOURCES, type EngineSource } from './engine-source.js';

export interface Scenario {
  id: number;
  devices: number;
  concurrency: number;
  /** The lab's latency before the SSH banner of each connection. */
  connectMs: number;
  /** The lab's latency before answering each command line typed (every line, not only the job's). */
  commandMs: number;
  command: string;
  /** Devices per lab process at most; more devices mean more lab processes. */
  maxPerLabProcess: number;
  /** Why Netmiko is not measured here; undefined when it is. */
  netmikoSkip?: string;
}

const LAB_MAX_PER_PROCESS = 2_500;
const NETMIKO_TOO_SLOW =
  'not measured at N=10,000 (Netmiko is measured for scenarios 1 and 2 only: at ~0.5–1 s of CPU per device it would take hours here)';

export const FULL_SCENARIOS: readonly Scenario[] = [
  {
    id: 1,
    devices: 500,
    concurrency: 50,
    connectMs: 0,
    commandMs: 1_000,
    command: 'show clock',
    maxPerLabProcess: LAB_MAX_PER_PROCESS,
  },
  {
    id: 2,
    devices: 1_000,
    concurrency: 100,
    connectMs: 0,
    commandMs: 0,
    command: 'show clock',
    maxPerLabProcess: LAB_MAX_PER_PROCESS,
  },
  {
    id: 3,
    devices: 10_000,
    concurrency: 200,
    connectMs: 0,
    commandMs: 0,
    command: 'show clock',
    maxPerLabProcess: LAB_MAX_PER_PROCESS,
    netmikoSkip: NETMIKO_TOO_SLOW,
  },
];

/** Same shapes, small N: a smoke run of every code path (scenario 3 still spans two lab processes). */
export const QUICK_SCENARIOS: readonly Scenario[] = [
  { ...FULL_SCENARIOS[0]!, devices: 40, concurrency: 10, commandMs: 200 },
  { ...FULL_SCENARIOS[1]!, devices: 100, concurrency: 20 },
  { ...FULL_SCENARIOS[2]!, devices: 400, concurrency: 40, maxPerLabProcess: 200 },
];

export interface BenchOptions {
  scenarios: Scenario[];
  quick: boolean;
  netmiko: boolean;
  platform: string;
  /** Measured runs per client and scenario; the fastest is reported (1 = no repeat). */
  repeat: number;
  /** Where netrun's code is loaded from: dist/ after `npm run build` (default), or src/ via tsx. */
  engine: EngineSource;
  help: boolean;
}

export const BENCH_HELP = `Usage: npm run bench -- [options]

Starts the lab in separate processes and measures netrun's engine, a raw ssh2 client (the floor)
and Netmiko on the same devices. Prints a table and one JSON line per scenario on stdout.

  --scenario N       run only scenario N (1: 500 devices, C=50, 1 s per command;
                     2: 1,000 devices, C=100, no latency; 3: 10,000 devices, C=200); repeatable
  --quick            small N for a smoke run
  --no-netmiko       skip Netmiko
  --connect-ms MS    lab latency before each SSH banner in scenario 1 (default 0)
  --platform NAME    lab personality and netrun platform (default cisco_ios; also Netmiko's device_type)
  --repeat N         measure each Node client N times and report its fastest run (default 1): on a
                     shared machine the other load only ever slows a run down
  --engine dist|src  dist (default): run \`npm run build\` first and measure netrun as it ships;
                     src: measure the TypeScript sources through tsx (no build; tsx's wrappers
                     add CPU the build does not have)
  -h, --help         this text`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scenario: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      'no-netmiko': { type: 'boolean' },
      'connect-ms': { type: 'string' },
      platform: { type: 'string' },
      repeat: { type: 'string' },
      engine: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const all = quick ? QUICK_SCENARIOS : FULL_SCENARIOS;
  const ids = (values.scenario ?? []).map((text) => {
    const id = Number(text);
    if (!all.some((s) => s.id === id)) {
      throw new Error(`--scenario must be one of ${all.map((s) => s.id).join(', ')} (got "${text}")`);
    }
    return id;
  });
  const connectMs = values['connect-ms'] === undefined ? undefined : Number(values['connect-ms']);
  if (connectMs !== undefined && !(Number.isInteger(connectMs) && connectMs >= 0 && connectMs <= 60_000)) {
    throw new Error(
      `--connect-ms must be a whole number of ms from 0 to 60000 (got "${values['connect-ms']}")`,
    );
  }
  const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
  if (!(Number.isInteger(repeat) && repeat >= 1 && repeat <= 10)) {
    throw new Error(`--repeat must be a whole number from 1 to 10 (got "${values.repeat}")`);
  }
  const engine = (values.engine ?? 'dist') as EngineSource;
  if (!ENGINE_SOURCES.includes(engine)) {
    throw new Error(`--engine must be one of ${ENGINE_SOURCES.join(', ')} (got "${values.engine}")`);
  }
  const scenarios = all
    .filter((s) => ids.length === 0 || ids.includes(s.id))
    .map((s) => (s.id === 1 && connectMs !== undefined ? { ...s, connectMs } : { ...s }));
  return {
    scenarios,
    quick,
    netmiko: values['no-netmiko'] !== true,
    platform: values.platform ?? 'cisco_ios',
    repeat,
    engine,
    help: values.help === true,
  };
}
