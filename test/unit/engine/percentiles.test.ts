import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/engine/index.js';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('percentile (nearest rank)', () => {
  it('has no value for an empty list', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('returns the only value of a one-element list for every p', () => {
    expect(percentile([42], 1)).toBe(42);
    expect(percentile([42], 50)).toBe(42);
    expect(percentile([42], 100)).toBe(42);
  });

  it('takes the value at rank ceil(p/100 × n)', () => {
    expect(percentile(oneToTen, 50)).toBe(5);
    expect(percentile(oneToTen, 51)).toBe(6);
    expect(percentile(oneToTen, 95)).toBe(10);
    expect(percentile(oneToTen, 90)).toBe(9);
    expect(percentile(oneToTen, 100)).toBe(10);
  });

  it('gives p95 of 20 values as the 19th, a duration that really occurred', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => (index + 1) * 10);
    expect(percentile(twenty, 95)).toBe(190);
  });

  it('clamps p outside (0, 100]', () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, -5)).toBe(1);
    expect(percentile(oneToTen, 250)).toBe(10);
  });
});
