/** The human-readable table (pure: unit-tested). */
import type { EngineSource } from './engine-source.js';
import { type ClientFigures, checkTargets, type ScenarioResult } from './figures.js';

/** Columns padded to their widest cell; `right[i]` right-aligns column i (numbers). */
export function formatTable(
  headers: readonly string[],
  rows: readonly string[][],
  right: readonly boolean[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const HEADERS = [
  'client',
  'wall s',
  '× ideal',
  'CPU ms/dev',
  'lab CPU ms/dev',
  'peak RSS MB',
  'RSS KB/sess',
  'live KB/sess',
  'live KB/result',
  'lines/dev',
  'lab peak',
  'ok',
];
const RIGHT = HEADERS.map((_, i) => i > 0);

const fixed = (value: number | null, digits: number) => (value === null ? '–' : value.toFixed(digits));

function clientRow(c: ClientFigures, idealS: number): string[] {
  return [
    c.label,
    fixed(c.wallS, 2),
    fixed(c.wallS / idealS, 2),
    fixed(c.cpuMsPerDevice, 2),
    fixed(c.labCpuMsPerDevice, 2),
    fixed(c.peakRssMb, 1),
    fixed(c.rssPerSessionKb, 0),
    fixed(c.liveKbPerSession, 1),
    fixed(c.liveKbPerResult, 2),
    c.linesPerDevice === null ? '–' : String(c.linesPerDevice),
    c.labPeakSessions === null ? '–' : String(c.labPeakSessions),
    `${c.ok}/${c.total}`,
  ];
}

function errorLines(c: ClientFigures): string[] {
  return Object.entries(c.errors).map(([message, count]) => `  ${c.label} errors: ${count} × ${message}`);
}

export function formatScenario(r: ScenarioResult): string {
  const s = r.scenario;
  const clients = [
    r.engine,
    r.floor,
    ...(r.floorSameLines ? [r.floorSameLines] : []),
    ...('figures' in r.netmiko ? [r.netmiko.figures] : []),
  ];
  const out = [
    `Scenario ${s.id}: ${s.devices} devices, concurrency ${s.concurrency}, lab latency connect ${s.connectMs} ms / ` +
      `command ${s.commandMs} ms, \`${s.command}\`, ${r.labProcesses} lab process(es)`,
    `  ideal ${r.ideal.seconds.toFixed(2)} s: ${r.ideal.definition}`,
    formatTable(
      HEADERS,
      clients.map((c) => clientRow(c, r.ideal.seconds)),
      RIGHT,
    )
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  ];
  if ('skipped' in r.netmiko) out.push(`  Netmiko: ${r.netmiko.skipped}`);
  else {
    const p = r.netmiko.phases;
    out.push(
      `  Netmiko per device (mean): ConnectHandler ${p.connect_s.toFixed(2)} s, send_command ${p.command_s.toFixed(2)} s, ` +
        `disconnect ${p.disconnect_s.toFixed(2)} s`,
    );
  }
  const split = cpuSplit(r);
  if (split) out.push(`  ${split}`);
  if (r.protocolIdealS !== null) {
    out.push(
      `  with the ${r.engine.linesPerDevice} lines netrun types per device (each delayed ${s.commandMs} ms by the lab): ` +
        `ideal ${r.protocolIdealS.toFixed(2)} s, netrun at ${(r.engine.wallS / r.protocolIdealS).toFixed(2)} × that`,
    );
  }
  const summed = r.labProcesses > 1 ? ' (summed over the lab processes’ peaks: an upper bound)' : '';
  out.push(
    `  netrun's runner peaked at ${r.runnerPeak} devices in flight (cap ${s.concurrency}); the lab saw at most ` +
      `${r.engine.labPeakSessions ?? '–'} of netrun's sessions at once${summed}`,
  );
  out.push(
    `  netrun setup before the job (config, platforms, inventory; not in wall/CPU): ${r.engineSetupS.toFixed(2)} s`,
  );
  const checks = checkTargets(r).map((c) => `[${c.pass ? 'pass' : 'MISS'}] ${c.name}: ${c.value}`);
  out.push(`  targets: ${checks.join('; ')}`);
  out.push(...clients.flatMap(errorLines));
  return out.join('\n');
}

/** Where netrun's CPU above the floor goes: the extra lines it types, and the rest (its own code). */
export function cpuSplit(r: ScenarioResult): string | undefined {
  const engine = r.engine.cpuMsPerDevice;
  const floor = r.floor.cpuMsPerDevice;
  const same = r.floorSameLines?.cpuMsPerDevice ?? null;
  if (engine === null || floor === null || same === null) return undefined;
  return (
    `CPU/device: netrun ${engine.toFixed(2)} ms = floor ${floor.toFixed(2)} + its extra lines ${(same - floor).toFixed(2)} ` +
    `(floor typing netrun's lines: ${same.toFixed(2)}) + netrun's own code ${(engine - same).toFixed(2)}`
  );
}

/** One row per scenario: the figures the targets are about. */
export function formatOverview(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => {
    const checks = checkTargets(r);
    return [
      String(r.scenario.id),
      String(r.scenario.devices),
      String(r.scenario.concurrency),
      String(r.scenario.commandMs),
      r.engine.wallS.toFixed(2),
      r.ideal.seconds.toFixed(2),
      (r.engine.wallS / r.ideal.seconds).toFixed(2),
      fixed(r.engine.cpuMsPerDevice, 2),
      fixed(r.floor.cpuMsPerDevice, 2),
      fixed(r.engine.peakRssMb, 1),
      fixed(r.engine.rssPerSessionKb, 0),
      'figures' in r.netmiko ? r.netmiko.figures.wallS.toFixed(2) : '–',
      `${checks.filter((c) => c.pass).length}/${checks.length}`,
    ];
  });
  return formatTable(
    [
      'scen',
      'N',
      'C',
      'lat ms',
      'wall s',
      'ideal s',
      '× ideal',
      'CPU ms/dev',
      'floor CPU',
      'peak MB',
      'KB/sess',
      'netmiko s',
      'targets',
    ],
    rows,
    [true, true, true, true, true, true, true, true, true, true, true, true, true],
  );
}

export interface MachineNote {
  cpus: number;
  /** 1-minute load averages before and after the scenario. */
  loadBefore: number;
  loadAfter: number;
  repeat: number;
  /** Where netrun's code was loaded from (absent: not said). */
  engine?: EngineSource;
}

/** Whatever else ran on the machine skews the figures: say how busy it was. */
export function formatMachine(m: MachineNote): string {
  const busy = Math.max(m.loadBefore, m.loadAfter) > m.cpus / 2;
  const runs = m.repeat > 1 ? `fastest of ${m.repeat} runs per Node client` : 'one run per client';
  const engine =
    m.engine === undefined
      ? ''
      : m.engine === 'dist'
        ? '; netrun ran from dist/ (the build)'
        : '; netrun ran from src/ through tsx';
  return (
    `  machine: ${m.cpus} CPUs, 1-min load ${m.loadBefore.toFixed(2)} before / ${m.loadAfter.toFixed(2)} after (the bench ` +
    `itself included); ${runs}${engine}${busy ? '; other load was present: wall figures without device latency are noisy' : ''}`
  );
}
