import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../../src/inventory/index.js';
import { type LabDeviceSpec, labDeviceSpecs } from '../../../src/lab/index.js';
import type { Runtime } from '../../../src/runtime.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createLabRuntime, type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * Issue 4: a 3-device job started while a 1,000-device job runs finishes within about twice its
 * solo time. The big job is allowed the whole bot-wide cap (50), so every slot is taken when the
 * small job arrives and it only gets slots by being preferred as they free up; with the default
 * job cap (20) it would find 30 idle slots and prove nothing.
 *
 * The big job's devices answer after 50–150 ms (spread over the fleet, as real devices are), so
 * slots free up continuously. With identical latencies the 50 sessions end in lockstep, and a job
 * arriving just after a wave waits one whole device time — the worst case, ≈ 2× by construction.
 */

const BIG = 1000;
const GLOBAL_CAP = 50;
const SMALL: LabDeviceSpec[] = [
  { name: 'small-ios', platform: 'cisco_ios' },
  { name: 'small-eos', platform: 'arista_eos' },
  { name: 'small-junos', platform: 'juniper_junos' },
];

let fixture: LabFixture;

beforeAll(async () => {
  const big = labDeviceSpecs(BIG, ['cisco_ios', 'arista_eos']).map((spec, index) => ({
    ...spec,
    latency: { connectMs: 20, commandMs: 200 + ((index * 37) % 201) },
  }));
  fixture = await startLabFixture({
    devices: [...big, ...SMALL],
    defaults: { latency: { connectMs: 20, commandMs: 1000 } },
  });
}, 60_000);

afterAll(async () => {
  await fixture?.stop();
});

async function timeSmallJob(runtime: Runtime, hosts: Host[]) {
  const started = performance.now();
  const job = runtime.runner.start({
    hosts,
    task: runtime.taskFor({ kind: 'run', commands: ['show version'] }),
  });
  const summary = await job.done;
  return { ms: performance.now() - started, summary, results: job.results() };
}

it('a 3-device job beside a 1,000-device job finishes within twice its solo time', async () => {
  const runtime = await createLabRuntime(fixture, { env: { NETRUN_CONCURRENCY: String(GLOBAL_CAP) } });
  const small = runtime.inventory.hosts.filter((host) => host.name.startsWith('small-'));
  const big = runtime.inventory.hosts.filter((host) => !host.name.startsWith('small-'));
  expect([small.length, big.length]).toEqual([3, BIG]);

  // The first sessions of a process pay for JIT and crypto setup: warm up, then measure solo twice.
  await timeSmallJob(runtime, small);
  const solos = [await timeSmallJob(runtime, small), await timeSmallJob(runtime, small)];
  for (const solo of solos) expect(solo.summary.ok).toBe(3);
  const soloMs = (solos[0]!.ms + solos[1]!.ms) / 2;

  const bigStarted = performance.now();
  const bigJob = runtime.runner.start({
    hosts: big,
    task: runtime.taskFor({ kind: 'run', commands: ['show version'] }),
    concurrency: GLOBAL_CAP,
  });
  // Steady state: two waves done (their latencies now spread out), every slot busy, most still queued.
  await waitFor(() => bigJob.results().length >= 2 * GLOBAL_CAP, 30_000, 'the big job to get going');
  const warmupMs = performance.now() - bigStarted;
  expect(runtime.runner.stats()).toMatchObject({ running: GLOBAL_CAP, jobs: 1 });

  const beside = await timeSmallJob(runtime, small);
  const bigDoneThen = bigJob.results().length;
  const queuedThen = runtime.runner.stats().queued;
  bigJob.cancel('test over');
  const bigSummary = await bigJob.done;

  const maxQueuedMs = Math.max(...beside.results.map((result) => result.timings.queuedMs));
  console.log(
    `[fairness] N=${BIG} cap=${GLOBAL_CAP}: solo ${solos.map((s) => Math.round(s.ms)).join('/')} ms, ` +
      `beside the big job ${Math.round(beside.ms)} ms (${(beside.ms / soloMs).toFixed(2)}× solo), ` +
      `small devices queued ≤ ${maxQueuedMs} ms; big job: ${bigDoneThen} done, ${queuedThen} queued ` +
      `when the small one ended (warm-up ${Math.round(warmupMs)} ms)`,
  );
  expect(beside.summary.ok).toBe(3);
  expect(beside.ms).toBeLessThanOrEqual(2 * soloMs);
  // It did not queue behind the big job: hundreds of its devices were still waiting when it ended.
  expect(queuedThen).toBeGreaterThan(BIG / 2);
  expect(maxQueuedMs).toBeLessThan(soloMs);
  expect(bigSummary.total).toBe(BIG);
  expect(bigSummary.byStatus.cancelled).toBeGreaterThan(BIG / 2);
}, 60_000);
