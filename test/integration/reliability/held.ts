import { expect } from 'vitest';
import { failedChecks, type ScenarioResult } from '../../../reliability/scenarios/types.js';

/** Every invariant held, nothing lost or shown twice, and the faults really fired. */
export function expectHeld(results: readonly ScenarioResult[], names: readonly string[]): void {
  expect(results.map((r) => r.name)).toEqual(names);
  expect(failedChecks(results)).toEqual([]);
  for (const result of results) {
    expect(result.checks.length, result.name).toBeGreaterThan(0);
    expect(result.faultsInjected, `${result.name}: faults fired`).toBeGreaterThan(0);
    expect(result.lost, `${result.name}: lost`).toBe(0);
    expect(result.duplicates, `${result.name}: duplicates`).toBe(0);
  }
}
