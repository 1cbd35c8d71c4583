/**
 * Nearest-rank percentile: the smallest value such that at least `p` percent of the values are
 * less than or equal to it, i.e. `sorted[ceil(p / 100 × n) − 1]`. Chosen over interpolation so
 * the answer is always a duration some device really took (p95 of 20 devices is the 19th
 * fastest, not a blend of two). `p` is clamped to (0, 100]; an empty list has no percentile.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * n);
  return sortedAscending[Math.min(Math.max(rank, 1), n) - 1] ?? null;
}

export function sortAscending(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
}
