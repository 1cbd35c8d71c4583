/** Ideal wall time, target checks and the per-scenario JSON line (pure: unit-tested). */
import type { Scenario } from './scenarios.js';

export interface ClientFigures {
  label: string;
  wallS: number;
  /** Process CPU ÷ N; null where not measured. */
  cpuMsPerDevice: number | null;
  peakRssMb: number | null;
  baselineRssMb: number | null;
  /** (peak − baseline) ÷ concurrency, in KB. */
  rssPerSessionKb: number | null;
  /** Live memory (heap + external, after a full GC) per session in flight, half-way through. */
  liveKbPerSession: number | null;
  /** Live memory still held per finished device at the end (the job's results). */
  liveKbPerResult: number | null;
  /** CPU of the lab processes ÷ N: what this client made the simulated devices do. */
  labCpuMsPerDevice: number | null;
  ok: number;
  total: number;
  /** Command lines the lab saw typed on one device (each one pays the lab's command latency). */
  linesPerDevice: number | null;
  /** The lab's peak concurrent sessions during the run (an upper bound over several lab processes). */
  labPeakSessions: number | null;
  errors: Record<string, number>;
}

export type NetmikoOutcome =
  | { figures: ClientFigures; phases: { connect_s: number; command_s: number; disconnect_s: number } }
  | { skipped: string };

export interface Ideal {
  seconds: number;
  definition: string;
}

export interface ScenarioResult {
  scenario: Scenario;
  labProcesses: number;
  ideal: Ideal;
  /** With the lines netrun actually typed: rounds × (connect + lines × command latency). */
  protocolIdealS: number | null;
  engine: ClientFigures;
  /** The most devices netrun's runner had in flight at once (its own count; the cap is the concurrency). */
  runnerPeak: number;
  /** Loading config, platforms and inventory before the job (outside the measured run). */
  engineSetupS: number;
  floor: ClientFigures;
  /** The floor client typing the same lines as netrun (null when netrun typed only the command). */
  floorSameLines: ClientFigures | null;
  netmiko: NetmikoOutcome;
}

export const TARGETS = {
  wallToIdeal: 1.05,
  cpuToFloor: 1.2,
  rssPerSessionKb: 100,
  /** For the 10,000-device job. */
  bigJobPeakRssMb: 400,
  bigJobDevices: 10_000,
} as const;

export function rounds(s: Pick<Scenario, 'devices' | 'concurrency'>): number {
  return Math.ceil(s.devices / s.concurrency);
}

/**
 * With device latency, the zero-overhead time is one connect + one command latency per round of C
 * devices. Without it that ideal is 0 s and a ratio means nothing: the floor client's measured wall
 * on the same lab stands in (what Node plus ssh2 plus this lab cannot go below).
 */
export function idealFor(s: Scenario, floorWallS: number): Ideal {
  const r = rounds(s);
  if (s.connectMs > 0 || s.commandMs > 0) {
    return {
      seconds: (r * (s.connectMs + s.commandMs)) / 1000,
      definition: `ceil(${s.devices}/${s.concurrency}) = ${r} rounds × (connect ${s.connectMs} ms + command ${s.commandMs} ms), zero overhead`,
    };
  }
  return {
    seconds: floorWallS,
    definition:
      'no device latency, so the zero-overhead ideal is 0 s: the raw ssh2 floor client’s wall on the same lab and concurrency',
  };
}

/** Null without command latency or without a line count. */
export function protocolIdeal(s: Scenario, linesPerDevice: number | null): number | null {
  if (s.commandMs <= 0 || linesPerDevice === null) return null;
  return (rounds(s) * (s.connectMs + linesPerDevice * s.commandMs)) / 1000;
}

export interface LiveProbe {
  label: string;
  done: number;
  inFlight: number;
  liveBytes: number;
}

/**
 * From the 'end' probe (nothing in flight) the memory each finished device leaves behind; from the
 * 'mid' probe, less what the finished devices hold, the memory of each session in flight.
 */
export function liveMemory(
  baselineBytes: number,
  probes: readonly LiveProbe[],
  devices: number,
): { perSessionKb: number | null; perResultKb: number | null } {
  const end = probes.find((p) => p.label === 'end');
  const mid = probes.find((p) => p.label === 'mid');
  const perResult = end && devices > 0 ? Math.max(0, end.liveBytes - baselineBytes) / devices : null;
  const perSession =
    mid && mid.inFlight > 0
      ? Math.max(0, mid.liveBytes - baselineBytes - mid.done * (perResult ?? 0)) / mid.inFlight
      : null;
  return {
    perSessionKb: perSession === null ? null : perSession / 1024,
    perResultKb: perResult === null ? null : perResult / 1024,
  };
}

export function perSessionKb(peakBytes: number, baselineBytes: number, concurrency: number): number {
  return Math.max(0, peakBytes - baselineBytes) / 1024 / concurrency;
}

export interface TargetCheck {
  name: string;
  /** What was measured, as shown. */
  value: string;
  pass: boolean;
}

export function checkTargets(r: ScenarioResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = r.engine.wallS / r.ideal.seconds;
  checks.push({
    name: `wall ≤ ${TARGETS.wallToIdeal} × ideal`,
    value: `${ratio.toFixed(2)} × ideal`,
    pass: ratio <= TARGETS.wallToIdeal,
  });
  const cpu = r.engine.cpuMsPerDevice;
  const floorCpu = r.floor.cpuMsPerDevice;
  if (cpu !== null && floorCpu !== null && floorCpu > 0) {
    const cpuRatio = cpu / floorCpu;
    checks.push({
      name: `CPU/device ≤ ${TARGETS.cpuToFloor} × floor`,
      value: `${cpuRatio.toFixed(2)} × floor (${cpu.toFixed(2)} vs ${floorCpu.toFixed(2)} ms)`,
      pass: cpuRatio <= TARGETS.cpuToFloor,
    });
  }
  const rss = r.engine.rssPerSessionKb;
  const live = r.engine.liveKbPerSession;
  if (rss !== null || live !== null) {
    // RSS growth reads 0 when the heap already had room from earlier runs: the live figure backs it up.
    const worst = Math.max(rss ?? 0, live ?? 0);
    checks.push({
      name: `RSS/in-flight session ≤ ${TARGETS.rssPerSessionKb} KB`,
      value: `${rss === null ? '–' : rss.toFixed(0)} KB RSS growth, ${live === null ? '–' : live.toFixed(0)} KB live`,
      pass: worst <= TARGETS.rssPerSessionKb,
    });
  }
  if (r.scenario.devices >= TARGETS.bigJobDevices && r.engine.peakRssMb !== null) {
    checks.push({
      name: `${TARGETS.bigJobDevices}-device job < ${TARGETS.bigJobPeakRssMb} MB RSS`,
      value: `${r.engine.peakRssMb.toFixed(0)} MB`,
      pass: r.engine.peakRssMb < TARGETS.bigJobPeakRssMb,
    });
  }
  return checks;
}

const round = (value: number | null, digits: number): number | null =>
  value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/** The JSON line, keys in its order, null where not measured. */
export function jsonLine(r: ScenarioResult): string {
  const netmiko = 'figures' in r.netmiko ? r.netmiko.figures.wallS : null;
  return JSON.stringify({
    bench: 'engine',
    scenario: r.scenario.id,
    n: r.scenario.devices,
    concurrency: r.scenario.concurrency,
    latency_ms: r.scenario.commandMs,
    wall_s: round(r.engine.wallS, 3),
    ideal_s: round(r.ideal.seconds, 3),
    ratio_to_ideal: round(r.engine.wallS / r.ideal.seconds, 3),
    cpu_ms_per_device: round(r.engine.cpuMsPerDevice, 3),
    floor_cpu_ms_per_device: round(r.floor.cpuMsPerDevice, 3),
    peak_rss_mb: round(r.engine.peakRssMb, 1),
    netmiko_wall_s: round(netmiko, 3),
  });
}
