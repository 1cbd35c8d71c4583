/**
 * Profiling aid (not part of `npm run bench`): one lab (child processes, as in the bench), warmed by
 * a full pass, then one client only, so a CPU profile of this process holds that client's work:
 *
 *   node --cpu-prof --cpu-prof-dir DIR --import tsx bench/profile-client.ts CLIENT [N] [C] [COMMAND_MS]
 *
 * CLIENT: engine (netrun), floor (raw ssh2, one line) or floor-lines (raw ssh2 typing netrun's
 * lines). `--lab-cpus 1` pins the lab processes with taskset; start this one under `taskset -c 0`
 * so the profile is not blurred by the two fighting over a core. `--engine src` profiles the
 * sources through tsx; by default the engine is built and loaded from dist/ (see engine-source.ts).
 * The profile window printed on stderr is the measured run alone, on the profile's clock.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAB_CREDENTIALS } from '../src/lab/index.js';
import { prepareEngine, runEngineJob } from './engine-run.js';
import { buildEngine, type EngineSource, loadEngine } from './engine-source.js';
import { type FloorTarget, runFloor } from './floor-client.js';
import { LAB_PORT_BASE, type LabFleet, startLabFleet } from './lab-fleet.js';
import { type Measured, measure } from './measure.js';
import { labTargets } from './targets.js';

const CLIENTS = ['engine', 'floor', 'floor-lines'] as const;
type ClientName = (typeof CLIENTS)[number];

const { values, positionals } = parseArgs({
  options: { 'lab-cpus': { type: 'string' }, engine: { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const client = (CLIENTS as readonly string[]).includes(positionals[0] ?? '')
  ? (positionals[0] as ClientName)
  : 'engine';
const [n = 1000, c = 100, commandMs = 0] = positionals.slice(1).map(Number);
const command = 'show clock';
/** What netrun types on a lab cisco_ios device before the command (see the bench's lines/dev). */
const NETRUN_LINES = ['enable', 'terminal length 0', 'terminal width 511'];

/** The measured run's window on the profile's clock (µs, CLOCK_MONOTONIC like V8's): setup cut out. */
const span = { start: 0n, end: 0n };
const micros = () => process.hrtime.bigint() / 1000n;

function windowed<T>(run: () => Promise<T>): () => Promise<T> {
  return async () => {
    span.start = micros();
    try {
      return await run();
    } finally {
      span.end = micros();
    }
  };
}

async function engine(inventoryPath: string, dir: string): Promise<Measured<string>> {
  const source: EngineSource = values.engine === 'src' ? 'src' : 'dist';
  if (source === 'dist') await buildEngine();
  const runtime = await prepareEngine({
    inventoryPath,
    concurrency: c,
    dir,
    engine: await loadEngine(source),
  });
  await runEngineJob(runtime, { command, concurrency: c, limit: Math.min(20, c) });
  const m = await measure(windowed(() => runEngineJob(runtime, { command, concurrency: c })));
  await runtime.runner.shutdown();
  const s = m.value;
  return { ...m, value: `${s.ok}/${s.total} ok, p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms` };
}

async function floor(targets: FloorTarget[], before: string[]): Promise<Measured<string>> {
  const options = {
    concurrency: c,
    command,
    before,
    secret: LAB_CREDENTIALS.enableSecret,
    timeoutMs: 60_000,
  };
  await runFloor(targets.slice(0, Math.min(20, c)), options);
  const m = await measure(windowed(() => runFloor(targets, options)));
  return { ...m, value: `${m.value.ok}/${targets.length} ok` };
}

const dir = await mkdtemp(join(tmpdir(), 'netrun-bench-profile-'));
let fleet: LabFleet | undefined;
try {
  fleet = await startLabFleet({
    devices: n,
    platform: 'cisco_ios',
    connectMs: 0,
    commandMs,
    portBase: LAB_PORT_BASE,
    maxPerProcess: 2_500,
    dir,
    cpus: values['lab-cpus'],
  });
  const targets = labTargets(fleet.devices);
  // Every lab device builds its ssh2 Server on its first connection: pay that before measuring.
  await runFloor(targets, { concurrency: c, command, timeoutMs: 60_000 });
  const labCpu0 = await fleet.cpuMs();
  const m =
    client === 'engine'
      ? await engine(fleet.inventoryPath, dir)
      : await floor(targets, client === 'floor' ? [] : NETRUN_LINES);
  const labCpu = ((await fleet.cpuMs()) - labCpu0) / n;
  process.stderr.write(`profile window µs: ${span.start} ${span.end}\n`);
  process.stdout.write(
    `${client}: ${m.value}, wall ${(m.wallMs / 1000).toFixed(2)} s, CPU ${(m.cpuMs / n).toFixed(2)} ms/device, ` +
      `lab CPU ${labCpu.toFixed(2)} ms/device, peak RSS ${(m.peakRssBytes / 2 ** 20).toFixed(1)} MB\n`,
  );
} finally {
  await fleet?.stop();
  await rm(dir, { recursive: true, force: true });
}
