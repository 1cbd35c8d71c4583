import { openStore, type Store } from '../../../src/store/index.js';
import type { NewApproval, NewJob } from '../../../src/store/types.js';

/** A settable clock: tests move time by assignment, never by waiting. */
export interface TestClock {
  now: number;
  (): number;
}

export function testClock(start = Date.UTC(2025, 2, 11, 9, 0, 0)): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = start;
  return clock;
}

export function memoryStore(clock: TestClock = testClock()): { store: Store; clock: TestClock } {
  return { store: openStore(':memory:', { now: clock }), clock };
}

export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: 'job-1',
    kind: 'run',
    requester: 'U_ALICE',
    channel: 'C_NETOPS',
    threadTs: '1741683600.000100',
    command: 'show version',
    target: 'core-routers',
    hosts: ['r1', 'r2', 'r3', 'r4'],
    meta: { concurrency: 20 },
    ...overrides,
  };
}

export function newApproval(expiresAt: number, overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    id: 'apr-1',
    requester: 'U_BOB',
    channel: 'C_NETOPS',
    target: 'edge',
    hosts: ['e1', 'e2'],
    lines: ['interface Gi0/1', ' description uplink'],
    options: { save: true, canary: 1, stopAfterFailures: 1 },
    dryRun: { change: 1, compliant: 1, devices: { e1: ['+ description uplink'], e2: [] } },
    expiresAt,
    ...overrides,
  };
}
