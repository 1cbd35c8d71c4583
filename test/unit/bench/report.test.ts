import { describe, expect, it } from 'vitest';
import { type ClientFigures, idealFor, type ScenarioResult } from '../../../bench/figures.js';
import {
  cpuSplit,
  formatMachine,
  formatOverview,
  formatScenario,
  formatTable,
} from '../../../bench/report.js';
import { FULL_SCENARIOS } from '../../../bench/scenarios.js';

function client(label: string, overrides: Partial<ClientFigures> = {}): ClientFigures {
  return {
    label,
    wallS: 12,
    cpuMsPerDevice: 3,
    peakRssMb: 150,
    baselineRssMb: 100,
    rssPerSessionKb: 50,
    liveKbPerSession: 30,
    liveKbPerResult: 1.5,
    labCpuMsPerDevice: 1,
    ok: 500,
    total: 500,
    linesPerDevice: 4,
    labPeakSessions: 50,
    errors: {},
    ...overrides,
  };
}

const s1 = FULL_SCENARIOS[0]!;
const result: ScenarioResult = {
  scenario: s1,
  labProcesses: 1,
  ideal: idealFor(s1, 0),
  protocolIdealS: 40,
  engine: client('netrun engine', { wallS: 42, errors: { 'AUTH_FAILED (x), e.g. ios-001': 2 } }),
  runnerPeak: 50,
  engineSetupS: 0.2,
  floor: client('raw ssh2 floor', { wallS: 10.5, cpuMsPerDevice: 2, linesPerDevice: 1 }),
  floorSameLines: client('raw ssh2, netrun’s lines', { cpuMsPerDevice: 2.5 }),
  netmiko: {
    figures: client('Netmiko 2.4.2', { wallS: 150 }),
    phases: { connect_s: 4, command_s: 1, disconnect_s: 8 },
  },
};

describe('formatTable', () => {
  it('pads columns to the widest cell and right-aligns the numeric ones', () => {
    const text = formatTable(
      ['name', 'n'],
      [
        ['a', '1'],
        ['longer', '100'],
      ],
      [false, true],
    );
    expect(text.split('\n')).toEqual(['name      n', '------  ---', 'a         1', 'longer  100']);
  });
});

describe('formatScenario', () => {
  const text = formatScenario(result);

  it('shows the ideal with its definition and every client row', () => {
    expect(text).toContain('ideal 10.00 s: ceil(500/50) = 10 rounds × (connect 0 ms + command 1000 ms)');
    for (const label of ['netrun engine', 'raw ssh2 floor', 'raw ssh2, netrun’s lines', 'Netmiko 2.4.2'])
      expect(text).toContain(label);
  });

  it('prints pass/miss beside the targets', () => {
    expect(text).toContain('[MISS] wall ≤ 1.05 × ideal: 4.20 × ideal');
    expect(text).toContain('[MISS] CPU/device ≤ 1.2 × floor: 1.50 × floor');
    expect(text).toContain('[pass] RSS/in-flight session ≤ 100 KB: 50 KB RSS growth, 30 KB live');
  });

  it('explains the protocol-bound ideal, Netmiko’s phases and errors', () => {
    expect(text).toContain('with the 4 lines netrun types per device');
    expect(text).toContain('ideal 40.00 s, netrun at 1.05 × that');
    expect(text).toContain('disconnect 8.00 s');
    expect(text).toContain('netrun engine errors: 2 × AUTH_FAILED');
    expect(text).toContain("netrun's runner peaked at 50 devices in flight (cap 50); the lab saw at most 50");
  });
});

describe('cpuSplit', () => {
  it('splits netrun’s CPU into the floor, the extra lines and netrun’s own code', () => {
    expect(cpuSplit(result)).toBe(
      "CPU/device: netrun 3.00 ms = floor 2.00 + its extra lines 0.50 (floor typing netrun's lines: 2.50) + netrun's own code 0.50",
    );
  });

  it('says nothing without the same-lines floor', () => {
    expect(cpuSplit({ ...result, floorSameLines: null })).toBeUndefined();
  });
});

describe('formatOverview', () => {
  it('has one row per scenario with the count of targets met', () => {
    const lines = formatOverview([result]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\s+1\s+500\s+50\s+1000\s+42\.00\s+10\.00\s+4\.20\b.*150\.00\s+1\/3$/);
  });
});

describe('formatMachine', () => {
  it('warns about noise when the load average passes half the CPUs', () => {
    expect(formatMachine({ cpus: 2, loadBefore: 0.2, loadAfter: 0.8, repeat: 1 })).not.toContain('noisy');
    const busy = formatMachine({ cpus: 2, loadBefore: 2.5, loadAfter: 1, repeat: 3 });
    expect(busy).toContain('1-min load 2.50 before / 1.00 after');
    expect(busy).toContain('fastest of 3 runs per Node client');
    expect(busy).toContain('noisy');
  });

  it('says where netrun’s code ran from', () => {
    expect(formatMachine({ cpus: 2, loadBefore: 0, loadAfter: 0, repeat: 1, engine: 'dist' })).toContain(
      'netrun ran from dist/ (the build)',
    );
    expect(formatMachine({ cpus: 2, loadBefore: 0, loadAfter: 0, repeat: 1, engine: 'src' })).toContain(
      'netrun ran from src/ through tsx',
    );
  });
});
