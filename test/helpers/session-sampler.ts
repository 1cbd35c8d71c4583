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
 * Why not just `lab.stats().peakSessions`: the lab ends a session on the server socket's 'close',
 * which Node emits in the close phase of the loop turn after the client's FIN is read. When the
 * client closes one session and opens the next in the same turn (what a full queue does), the lab
 * accepts the new socket before it has closed the old one, so its peak counts sessions that are
 * already gone on the wire: 68–86 with a cap of 50. Between loop turns those ghosts are gone, and
 * a real extra session would stay visible for as long as the lab's latency (≥ 100 ms here), so a
 * 1 ms sampler cannot miss one.
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
