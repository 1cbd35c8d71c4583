import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/inventory/index.js';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import type { Runtime } from '../../../src/runtime.js';
import { sampleSessions } from '../../helpers/session-sampler.js';
import { createLabRuntime, type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * The caps hold on real sessions: the lab counts every SSH connection to its devices, so these
 * tests see what a device (or an AAA server) would see. Each device answers every command after
 * 60 ms, so sessions last a few hundred ms and overlap; each test also checks that its cap was
 * reached, so a cap can't pass by never being tested.
 */

const IOS = labDeviceSpecs(10, ['cisco_ios']).map((spec) => spec.name);
const EOS = labDeviceSpecs(10, ['arista_eos']).map((spec) => spec.name);

let fixture: LabFixture;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: labDeviceSpecs(20, ['cisco_ios', 'arista_eos']),
    defaults: { latency: { connectMs: 30, commandMs: 60 } },
  });
});

afterAll(async () => {
  await fixture?.stop();
});

beforeEach(() => {
  fixture.lab.resetStats();
});

function hostsNamed(runtime: Runtime, names: readonly string[]): Host[] {
  return runtime.inventory.hosts.filter((host) => names.includes(host.name));
}

function showVersion(runtime: Runtime) {
  return runtime.taskFor({ kind: 'run', commands: ['show version'] });
}

describe('concurrency caps on the lab', () => {
  it('a job never holds more sessions than its own cap, and reaches it', async () => {
    const runtime = await createLabRuntime(fixture);
    const sampler = sampleSessions(fixture.lab);
    const summary = await runtime.runner.start({
      hosts: runtime.inventory.hosts,
      task: showVersion(runtime),
      concurrency: 4,
    }).done;
    const peaks = sampler.stop();

    expect(summary.ok).toBe(20);
    expect(peaks.total).toBe(4);
    expect(fixture.lab.stats().peakSessions).toBe(4);
    expect(summary.concurrency).toEqual({ configured: 4, peak: 4 });
    // One session per device: nothing was retried or opened twice.
    expect(fixture.lab.stats().totalSessions).toBe(20);
  });

  it('the bot-wide cap holds across jobs that each allow more', async () => {
    const runtime = await createLabRuntime(fixture, { env: { NETRUN_CONCURRENCY: '6' } });
    const sampler = sampleSessions(fixture.lab);
    const jobs = [IOS, EOS].map((names) =>
      runtime.runner.start({
        hosts: hostsNamed(runtime, names),
        task: showVersion(runtime),
        concurrency: 10,
      }),
    );
    const summaries = await Promise.all(jobs.map((job) => job.done));
    const peaks = sampler.stop();

    expect(summaries.map((summary) => summary.ok)).toEqual([10, 10]);
    expect(peaks.total).toBe(6);
    expect(fixture.lab.stats().peakSessions).toBe(6);
    // Both jobs ran side by side under the shared cap, neither waited for the other to end.
    for (const summary of summaries) expect(summary.concurrency.peak).toBeGreaterThanOrEqual(2);
    expect(summaries[0]!.concurrency.peak + summaries[1]!.concurrency.peak).toBeLessThanOrEqual(12);
  });

  it("an inventory group's `concurrency` caps its sessions across jobs; other devices are not held back", async () => {
    const inventoryPath = await fixture.writeInventory('group-cap.yaml', (inventory) => {
      inventory.groups.cisco_ios!.concurrency = 3;
    });
    const runtime = await createLabRuntime(fixture, { inventoryPath });
    expect(runtime.inventory.hosts.find((host) => host.name === IOS[0])?.concurrencyCaps).toEqual([
      { group: 'cisco_ios', limit: 3 },
    ]);
    const sampler = sampleSessions(fixture.lab, { cisco_ios: IOS, arista_eos: EOS });
    // Two jobs touch the capped group at once: the cap is the group's, not each job's.
    const everything = runtime.runner.start({
      hosts: runtime.inventory.hosts,
      task: showVersion(runtime),
      concurrency: 20,
    });
    const iosOnly = runtime.runner.start({
      hosts: hostsNamed(runtime, IOS),
      task: showVersion(runtime),
      concurrency: 10,
    });
    const [all, ios] = await Promise.all([everything.done, iosOnly.done]);
    const peaks = sampler.stop();

    expect([all.ok, ios.ok]).toEqual([20, 10]);
    expect(peaks.groups.cisco_ios).toBe(3);
    expect(peaks.groups.arista_eos).toBeGreaterThan(3);
    expect(fixture.lab.stats().totalSessions).toBe(30);
  });
});
