import type { Lab } from '../../src/lab/index.js';

export interface SessionPeaks {
  /** Most sessions open at once across the lab. */
  total: number;
  /** Most sessions open at once on each named set of devices (a capped group, say). */
  groups: Record<string, number>;
  samples: number;
}

export interface SessionSampler {
  /** Stops sampling and returns the peaks seen. */
  stop(): SessionPeaks;
}

/**
 * Reads the lab's session counters (lab-wide and per device) on every timer turn of the event loop.
 *
 * The lab's own peak covers the whole lab; this also gives the peak of a set of devices at once
 * (a capped group), which no single counter holds.
 */
export function sampleSessions(lab: Lab, groups: Record<string, readonly string[]> = {}): SessionSampler {
  const handles = Object.entries(groups).map(
    ([name, devices]) => [name, devices.map((device) => lab.device(device))] as const,
  );
  const peaks: SessionPeaks = {
    total: 0,
    groups: Object.fromEntries(handles.map(([name]) => [name, 0])),
    samples: 0,
  };
  const sample = () => {
    peaks.samples += 1;
    peaks.total = Math.max(peaks.total, lab.stats().activeSessions);
    for (const [name, devices] of handles) {
      const open = devices.reduce((sum, device) => sum + device.stats().activeSessions, 0);
      peaks.groups[name] = Math.max(peaks.groups[name] ?? 0, open);
    }
  };
  const timer = setInterval(sample, 1);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}
