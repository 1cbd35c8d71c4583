import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HostResult } from '../../../src/engine/index.js';
import { type LabDeviceSpec, labDeviceSpecs } from '../../../src/lab/index.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createLabRuntime, type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * Cancel means the SSH session closes now, whatever phase it is stuck in. Three devices are busy in
 * three different phases — authentication never answered, the on-open commands answered after
 * 20 s each, a show command whose output stopped half way — and six wait in the queue. The
 * timeouts are long (30 s), so nothing ends unless the cancel ends it.
 *
 * Not here yet: a session stuck before the SSH banner (`black-hole`, or a long lab connect
 * latency). netrun closes it at once, but the lab never reads such a socket, so it does not see
 * the client's FIN and counts the session (CLOSE_WAIT) until the lab stops.
 */

const BUSY: LabDeviceSpec[] = [
  { name: 'busy-auth-silence', platform: 'cisco_ios', fault: 'auth-silence' },
  { name: 'busy-hang', platform: 'juniper_junos', fault: 'hang' },
  { name: 'busy-slow', platform: 'arista_eos', latency: { commandMs: 20_000 } },
  { name: 'busy-black-hole', platform: 'cisco_ios', fault: 'black-hole' },
  { name: 'busy-slow-connect', platform: 'cisco_nxos', latency: { connectMs: 20_000 } },
];
const QUEUED = labDeviceSpecs(6, ['cisco_ios', 'cisco_nxos']);

let fixture: LabFixture;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [...BUSY, ...QUEUED],
    edit: (inventory) => {
      inventory.defaults.connection = {
        ...inventory.defaults.connection,
        connect_timeout: 30,
        command_timeout: 30,
      };
    },
  });
});

afterAll(async () => {
  await fixture?.stop();
});

it('cancel ends queued devices at once and closes running sessions within a second', async () => {
  const { lab } = fixture;
  const runtime = await createLabRuntime(fixture);
  const controller = new AbortController();
  const job = runtime.runner.start({
    hosts: runtime.inventory.hosts,
    task: runtime.taskFor({ kind: 'run', commands: ['show version'] }),
    concurrency: BUSY.length,
    signal: controller.signal,
  });
  await waitFor(() => lab.stats().activeSessions === BUSY.length, 10_000, 'the busy sessions to open');
  await waitFor(
    () => lab.device('busy-hang').commands().includes('show version'),
    10_000,
    'the hung command',
  );
  expect(job.results()).toEqual([]);

  const cancelledAt = performance.now();
  controller.abort(new Error('operator pressed cancel'));

  // Synchronously: every queued device already has its result, and was never contacted.
  const queuedResults = job.results().filter((result) => result.started === false);
  expect(queuedResults.map((result) => result.host).sort()).toEqual(QUEUED.map((spec) => spec.name).sort());
  for (const result of queuedResults)
    expectCancelled(result, /cancelled before it started: operator pressed cancel/);

  const toZeroMs = await waitFor(() => lab.stats().activeSessions === 0, 5_000, 'every session to close');
  const summary = await job.done;
  const toDoneMs = performance.now() - cancelledAt;
  console.log(
    `[cancel] ${BUSY.length} running sessions closed ${Math.round(toZeroMs)} ms after cancel; job done after ${Math.round(toDoneMs)} ms`,
  );
  expect(toZeroMs).toBeLessThan(1000);
  expect(toDoneMs).toBeLessThan(1000);

  const running = job.results().filter((result) => result.started !== false);
  expect(running.map((result) => result.host).sort()).toEqual(BUSY.map((spec) => spec.name).sort());
  for (const result of running) expectCancelled(result, /cancelled while running: operator pressed cancel/);
  expect(summary.byStatus).toEqual({ ok: 0, failed: 0, timeout: 0, cancelled: BUSY.length + QUEUED.length });
  expect(summary.byReason.map(({ code, count }) => ({ code, count }))).toEqual([
    { code: 'CANCELLED', count: BUSY.length + QUEUED.length },
  ]);
  // Only the running devices were ever connected to.
  expect(lab.stats().totalSessions).toBe(BUSY.length);
});

function expectCancelled(result: HostResult, message: RegExp): void {
  expect(result.status, result.host).toBe('cancelled');
  expect(result.error?.code, result.host).toBe('CANCELLED');
  expect(result.error?.message, result.host).toMatch(message);
}
