/**
 * `npm run bench`: netrun's engine against the floor (raw ssh2) and Netmiko on the same lab, per
 * scenario. The lab runs in child processes; figures go to stdout (table, then one JSON line per
 * scenario), progress to stderr. It prints figures only: a missed target does not fail the run.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildRegistry } from './children.js';
import { buildEngine, loadEngine } from './engine-source.js';
import { jsonLine, type ScenarioResult } from './figures.js';
import { checkNetmiko } from './netmiko.js';
import { formatMachine, formatOverview, formatScenario } from './report.js';
import { runScenario } from './scenario-run.js';
import { BENCH_HELP, parseBenchArgs } from './scenarios.js';
import { checkFileLimit } from './system.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${BENCH_HELP}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${BENCH_HELP}\n`);
    return 0;
  }
  const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const biggest = Math.max(...options.scenarios.map((s) => Math.min(s.devices, s.maxPerLabProcess)));
  const limit = checkFileLimit(biggest);
  if (limit.warning) progress(limit.warning);
  const children = new ChildRegistry();
  children.installSignalHandlers();
  const netmiko = options.netmiko ? await checkNetmiko() : false;
  if (netmiko && !netmiko.available) progress(`Netmiko ${netmiko.reason}: it is skipped`);
  if (options.engine === 'dist') {
    progress('building netrun (npm run build): the engine is measured from dist/, as it ships');
    await buildEngine();
  }
  const engine = await loadEngine(options.engine);
  const dir = await mkdtemp(join(tmpdir(), 'netrun-bench-'));
  // Ctrl-C ends the process from the signal handler, past the `finally` below.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of options.scenarios) {
      const loadBefore = loadavg()[0]!;
      const result = await runScenario(scenario, {
        children,
        platform: options.platform,
        netmiko,
        engine,
        dir,
        progress,
        repeat: options.repeat,
      });
      results.push(result);
      const machine = {
        cpus: cpus().length,
        loadBefore,
        loadAfter: loadavg()[0]!,
        repeat: options.repeat,
        engine: options.engine,
      };
      process.stdout.write(`\n${formatScenario(result)}\n${formatMachine(machine)}\n`);
    }
    process.stdout.write(
      `\nOverview (${options.quick ? 'quick run: small N' : 'full run'})\n${formatOverview(results)}\n\n`,
    );
    for (const result of results) process.stdout.write(`${jsonLine(result)}\n`);
    return 0;
  } finally {
    await children.stopAll();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
