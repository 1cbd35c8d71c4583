/** Wall, CPU and memory of one run inside this process. */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Live memory at one moment of a run, right after a full GC. */
export interface MemoryProbe {
  label: string;
  /** Devices finished so far. */
  done: number;
  /** Devices holding a session at that moment. */
  inFlight: number;
  /** heapUsed + external (ssh2's buffers live outside the JS heap). */
  liveBytes: number;
}

/** Handed to the run so it can take a memory probe at a moment only it knows (mid-run, job end). */
export interface Meter {
  probe(label: string, done: number, inFlight: number): void;
}

export interface Measured<T> {
  value: T;
  /** Without the probes' own pauses. */
  wallMs: number;
  /** process.cpuUsage() user + system over the run, without the probes' GCs. */
  cpuMs: number;
  /** RSS after a full GC, just before the run. */
  baselineRssBytes: number;
  /** Highest RSS sampled during the run (every `sampleMs`, before each probe, and at the end). */
  peakRssBytes: number;
  /** heapUsed + external after a full GC, just before the run. */
  baselineLiveBytes: number;
  probes: MemoryProbe[];
}

/**
 * `npm run bench` runs under plain tsx (no --expose-gc): the flag can still be set at run time and
 * `gc` taken from a fresh context. Without a GC between runs the baseline would carry the previous
 * run's garbage.
 */
function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const gc = findGc();

export function collectGarbage(): void {
  gc?.();
  gc?.();
}

function liveBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export async function measure<T>(run: (meter: Meter) => Promise<T>, sampleMs = 50): Promise<Measured<T>> {
  collectGarbage();
  const baselineRssBytes = process.memoryUsage.rss();
  const baselineLiveBytes = liveBytes();
  let peakRssBytes = baselineRssBytes;
  const sample = () => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  };
  const probes: MemoryProbe[] = [];
  let probeWallMs = 0;
  let probeCpuMs = 0;
  const meter: Meter = {
    probe: (label, done, inFlight) => {
      sample();
      const t = performance.now();
      const c = cpuNow();
      collectGarbage();
      probes.push({ label, done, inFlight, liveBytes: liveBytes() });
      probeWallMs += performance.now() - t;
      probeCpuMs += cpuNow() - c;
    },
  };
  const sampler = setInterval(sample, sampleMs);
  const cpu0 = cpuNow();
  const t0 = performance.now();
  try {
    const value = await run(meter);
    const wallMs = performance.now() - t0 - probeWallMs;
    const cpuMs = cpuNow() - cpu0 - probeCpuMs;
    sample();
    return { value, wallMs, cpuMs, baselineRssBytes, peakRssBytes, baselineLiveBytes, probes };
  } finally {
    clearInterval(sampler);
  }
}
