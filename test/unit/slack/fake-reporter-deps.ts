import { silentLogger } from '../../../src/logger.js';
import { ChannelLanes, type ThreadReporterDeps, UpdateScheduler } from '../../../src/slack/index.js';
import { FakeThreadIo } from './fake-thread-io.js';
import { FakeTimers } from './fake-timers.js';

/**
 * A ThreadReporter's deps on a fake clock (starting at 0) and a fake Slack: one reply per second per
 * channel, progress updates at most every 3 s. `configure` sets up the fake Slack's answers first.
 */
export function fakeReporterDeps(
  configure?: (io: FakeThreadIo) => void,
  extra: Partial<ThreadReporterDeps> = {},
): { timers: FakeTimers; io: FakeThreadIo; deps: ThreadReporterDeps } {
  const timers = new FakeTimers(0);
  const io = new FakeThreadIo(timers);
  configure?.(io);
  const log = silentLogger();
  const deps: ThreadReporterDeps = {
    io,
    lanes: new ChannelLanes({ intervalMs: 1_000, timers, log }),
    updates: new UpdateScheduler({ perMinute: 40, minIntervalMs: 3_000, timers, log }),
    log,
    now: () => timers.now(),
    ...extra,
  };
  return { timers, io, deps };
}
