import { describe, expect, it } from 'vitest';
import { FULL_SCENARIOS, parseBenchArgs, QUICK_SCENARIOS } from '../../../bench/scenarios.js';

describe('scenarios', () => {
  it('are the issue’s three: 500 @ 50 with 1 s, 1,000 @ 100 without latency, 10,000 with a small command', () => {
    expect(FULL_SCENARIOS.map((s) => [s.id, s.devices, s.concurrency, s.commandMs])).toEqual([
      [1, 500, 50, 1000],
      [2, 1000, 100, 0],
      [3, 10_000, 200, 0],
    ]);
    expect(FULL_SCENARIOS[2]!.netmikoSkip).toMatch(/scenarios 1 and 2 only/);
  });

  it('keep every lab process at 2,500 devices or fewer', () => {
    for (const s of [...FULL_SCENARIOS, ...QUICK_SCENARIOS])
      expect(s.maxPerLabProcess).toBeLessThanOrEqual(2_500);
  });
});

describe('parseBenchArgs', () => {
  it('runs every full scenario with Netmiko by default', () => {
    const options = parseBenchArgs([]);
    expect(options.scenarios.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(options).toMatchObject({
      quick: false,
      netmiko: true,
      platform: 'cisco_ios',
      repeat: 1,
      engine: 'dist',
      help: false,
    });
  });

  it('measures the sources through tsx with --engine src', () => {
    expect(parseBenchArgs(['--engine', 'src']).engine).toBe('src');
  });

  it('selects scenarios, the quick sizes and no Netmiko', () => {
    const options = parseBenchArgs(['--scenario', '3', '--quick', '--no-netmiko']);
    expect(options.scenarios).toEqual([QUICK_SCENARIOS[2]]);
    expect(options.netmiko).toBe(false);
  });

  it('takes a repeat count', () => {
    expect(parseBenchArgs(['--repeat', '3']).repeat).toBe(3);
  });

  it('applies --connect-ms to scenario 1 only', () => {
    const [s1, s2] = parseBenchArgs(['--connect-ms', '300']).scenarios;
    expect(s1!.connectMs).toBe(300);
    expect(s2!.connectMs).toBe(0);
  });

  it('names the bad option and the accepted values', () => {
    expect(() => parseBenchArgs(['--scenario', '4'])).toThrow('--scenario must be one of 1, 2, 3 (got "4")');
    expect(() => parseBenchArgs(['--connect-ms', '1.5'])).toThrow(/--connect-ms must be a whole number/);
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/bogus/);
    expect(() => parseBenchArgs(['--repeat', '0'])).toThrow(
      '--repeat must be a whole number from 1 to 10 (got "0")',
    );
    expect(() => parseBenchArgs(['--engine', 'build'])).toThrow(
      '--engine must be one of dist, src (got "build")',
    );
  });
});
