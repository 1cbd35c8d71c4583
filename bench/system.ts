/** Checks on the machine before a big lab starts. */
import { execFileSync } from 'node:child_process';

/**
 * Each lab process holds one listening socket per device plus its sessions; `ulimit -n` is per
 * process, so the largest shard decides. The soft limit is read from a shell: Node has no API for it.
 */
export function checkFileLimit(devicesPerProcess: number): { limit: number | null; warning?: string } {
  let limit: number | null = null;
  try {
    const text = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    limit = text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
  } catch {
    return { limit: null, warning: 'could not read `ulimit -n`; a big lab may fail with EMFILE' };
  }
  const needed = devicesPerProcess + 1_000;
  if (Number.isFinite(limit) && limit < needed) {
    return {
      limit,
      warning: `ulimit -n is ${limit}, a lab process with ${devicesPerProcess} devices needs about ${needed}: run \`ulimit -n ${needed}\` first`,
    };
  }
  return { limit };
}
