/**
 * `npm run reliability [-- --fast] [--only device-faults,slack-faults,restarts,load] [--out FILE]`:
 * runs the scenarios one after another (each starts and stops its own lab and bot), prints progress
 * on stderr, writes the Markdown report (default reports/reliability.md) and exits 1 when any
 * invariant failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FORMS, type Form, type FormOptions } from './forms.js';
import { formatReport, reportTable } from './report.js';
import { deviceFaultsScenario } from './scenarios/device-faults.js';
import { loadScenario } from './scenarios/load.js';
import { restartsScenario } from './scenarios/restarts.js';
import { slackFaultsScenario } from './scenarios/slack-faults.js';
import { failedChecks, type Progress, type ScenarioResult } from './scenarios/types.js';

const SCENARIOS: Record<string, (form: FormOptions, progress: Progress) => Promise<ScenarioResult[]>> = {
  'device-faults': (form, progress) => deviceFaultsScenario({ ...form.deviceFaults, progress }),
  'slack-faults': (form, progress) => slackFaultsScenario({ ...form.slackFaults, progress }),
  restarts: (form, progress) => restartsScenario({ ...form.restarts, progress }),
  load: (form, progress) => loadScenario({ ...form.load, progress }),
};

const USAGE =
  'usage: npm run reliability -- [--fast] [--only device-faults,slack-faults,restarts,load] [--out FILE]';

function options() {
  const { values } = parseArgs({
    options: {
      fast: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SCENARIOS);
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  const form: Form = values.fast ? 'fast' : 'long';
  const out = values.out ?? fileURLToPath(new URL('../reports/reliability.md', import.meta.url));
  return { names, form, out: resolve(out) };
}

async function main(): Promise<number> {
  const { names, form, out } = options();
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const loadBefore = loadavg()[0] ?? 0;
  const progress: Progress = (line) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
  const results: ScenarioResult[] = [];
  for (const name of names) {
    progress(`${name} (${form})…`);
    results.push(...(await SCENARIOS[name]!(FORMS[form], progress)));
  }
  const report = formatReport(results, {
    startedAt,
    totalMs: Date.now() - started,
    form,
    machine: { cpus: cpus().length, node: process.version, loadBefore, loadAfter: loadavg()[0] ?? 0 },
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, report);
  process.stdout.write(`${reportTable(results)}\n\nreport written to ${out}\n`);
  const failures = failedChecks(results);
  for (const failure of failures) process.stderr.write(`FAILED: ${failure}\n`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
