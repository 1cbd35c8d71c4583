import { describe, expect, it } from 'vitest';
import {
  type ClientFigures,
  checkTargets,
  idealFor,
  jsonLine,
  liveMemory,
  perSessionKb,
  protocolIdeal,
  rounds,
  type ScenarioResult,
} from '../../../bench/figures.js';
import { FULL_SCENARIOS, type Scenario } from '../../../bench/scenarios.js';

const scenario = (overrides: Partial<Scenario> = {}): Scenario => ({ ...FULL_SCENARIOS[0]!, ...overrides });

function client(overrides: Partial<ClientFigures> = {}): ClientFigures {
  return {
    label: 'c',
    wallS: 10,
    cpuMsPerDevice: 2,
    peakRssMb: 150,
    baselineRssMb: 100,
    rssPerSessionKb: 50,
    liveKbPerSession: 30,
    liveKbPerResult: 1,
    labCpuMsPerDevice: 1,
    ok: 500,
    total: 500,
    linesPerDevice: 1,
    labPeakSessions: 50,
    errors: {},
    ...overrides,
  };
}

function result(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  const s = overrides.scenario ?? scenario();
  return {
    scenario: s,
    labProcesses: 1,
    ideal: idealFor(s, 3),
    protocolIdealS: null,
    engine: client(),
    runnerPeak: 50,
    engineSetupS: 0.1,
    floor: client({ cpuMsPerDevice: 1 }),
    floorSameLines: null,
    netmiko: { skipped: 'no' },
    ...overrides,
  };
}

describe('rounds and ideal', () => {
  it('counts partial rounds as whole ones', () => {
    expect(rounds({ devices: 500, concurrency: 50 })).toBe(10);
    expect(rounds({ devices: 501, concurrency: 50 })).toBe(11);
    expect(rounds({ devices: 10_000, concurrency: 200 })).toBe(50);
  });

  it('with latency, is rounds × (connect + command latency)', () => {
    const ideal = idealFor(scenario({ devices: 500, concurrency: 50, connectMs: 250, commandMs: 1000 }), 99);
    expect(ideal.seconds).toBeCloseTo(12.5);
    expect(ideal.definition).toContain('10 rounds');
    expect(ideal.definition).toContain('connect 250 ms');
  });

  it('without latency, is the floor client’s wall and says so', () => {
    const ideal = idealFor(scenario({ connectMs: 0, commandMs: 0 }), 4.2);
    expect(ideal.seconds).toBe(4.2);
    expect(ideal.definition).toMatch(/floor/);
  });

  it('protocol ideal charges each typed line, and is null without command latency', () => {
    expect(protocolIdeal(scenario({ devices: 500, concurrency: 50, connectMs: 0, commandMs: 1000 }), 4)).toBe(
      40,
    );
    expect(protocolIdeal(scenario({ commandMs: 0 }), 4)).toBeNull();
    expect(protocolIdeal(scenario({ commandMs: 1000 }), null)).toBeNull();
  });
});

describe('memory figures', () => {
  it('RSS per session is the growth over the baseline spread over the sessions, never negative', () => {
    expect(perSessionKb(100 * 1024 * 1024 + 50 * 1024 * 100, 100 * 1024 * 1024, 100)).toBeCloseTo(50);
    expect(perSessionKb(1000, 2000, 10)).toBe(0);
  });

  it('separates per-result memory (end probe) from per-session memory (mid probe)', () => {
    const base = 10_000_000;
    const perResult = 2048;
    const perSession = 40 * 1024;
    const probes = [
      { label: 'mid', done: 500, inFlight: 100, liveBytes: base + 500 * perResult + 100 * perSession },
      { label: 'end', done: 1000, inFlight: 0, liveBytes: base + 1000 * perResult },
    ];
    const live = liveMemory(base, probes, 1000);
    expect(live.perResultKb).toBeCloseTo(2);
    expect(live.perSessionKb).toBeCloseTo(40);
  });

  it('is null without probes', () => {
    expect(liveMemory(1, [], 10)).toEqual({ perSessionKb: null, perResultKb: null });
  });
});

describe('checkTargets', () => {
  it('passes and misses each target on its own figure', () => {
    const s = scenario({ devices: 500, concurrency: 50, commandMs: 1000 });
    const checks = checkTargets(
      result({
        scenario: s,
        ideal: idealFor(s, 0),
        engine: client({ wallS: 10.4, cpuMsPerDevice: 2.5, rssPerSessionKb: 20, liveKbPerSession: 120 }),
        floor: client({ cpuMsPerDevice: 2 }),
      }),
    );
    expect(checks.map((c) => [c.name.split(' ')[0], c.pass])).toEqual([
      ['wall', true],
      ['CPU/device', false],
      ['RSS/in-flight', false],
    ]);
  });

  it('judges memory per session on the larger of RSS growth and live memory', () => {
    const check = (rssPerSessionKb: number | null, liveKbPerSession: number | null) =>
      checkTargets(result({ engine: client({ rssPerSessionKb, liveKbPerSession }) })).find((c) =>
        c.name.startsWith('RSS'),
      );
    expect(check(0, 40)).toMatchObject({ pass: true, value: '0 KB RSS growth, 40 KB live' });
    expect(check(101, 40)?.pass).toBe(false);
    expect(check(null, 101)).toMatchObject({ pass: false, value: '– KB RSS growth, 101 KB live' });
    expect(check(null, null)).toBeUndefined();
  });

  it('adds the 400 MB check only for the 10,000-device job', () => {
    const big = scenario({ devices: 10_000, concurrency: 200, commandMs: 0 });
    const checks = checkTargets(result({ scenario: big, engine: client({ peakRssMb: 420 }) }));
    const memory = checks.find((c) => c.name.includes('10000-device'));
    expect(memory).toMatchObject({ pass: false, value: '420 MB' });
    expect(checkTargets(result()).some((c) => c.name.includes('10000-device'))).toBe(false);
  });
});

describe('jsonLine', () => {
  it('has exactly the issue’s keys in order, with null where not measured', () => {
    const s = scenario({ devices: 500, concurrency: 50, commandMs: 1000 });
    const line = jsonLine(
      result({
        scenario: s,
        ideal: idealFor(s, 0),
        engine: client({ wallS: 11.23456, cpuMsPerDevice: null }),
      }),
    );
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'bench',
      'scenario',
      'n',
      'concurrency',
      'latency_ms',
      'wall_s',
      'ideal_s',
      'ratio_to_ideal',
      'cpu_ms_per_device',
      'floor_cpu_ms_per_device',
      'peak_rss_mb',
      'netmiko_wall_s',
    ]);
    expect(parsed).toMatchObject({
      bench: 'engine',
      scenario: 1,
      n: 500,
      latency_ms: 1000,
      wall_s: 11.235,
      ideal_s: 10,
      ratio_to_ideal: 1.123,
      cpu_ms_per_device: null,
      netmiko_wall_s: null,
    });
    expect(line).not.toContain('\n');
  });

  it('carries Netmiko’s wall when it was measured', () => {
    const netmiko = {
      figures: client({ wallS: 123.4567 }),
      phases: { connect_s: 1, command_s: 1, disconnect_s: 1 },
    };
    expect(JSON.parse(jsonLine(result({ netmiko }))).netmiko_wall_s).toBe(123.457);
  });
});
