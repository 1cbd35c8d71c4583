import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostResult } from '../../../src/engine/index.js';
import type { Runtime } from '../../../src/runtime.js';
import { waitFor } from '../../helpers/wait-for.js';
import { createLabRuntime, type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * The whole-device timeout ends a device that would otherwise wait out its (long) command timeout,
 * closes its session, and leaves the other devices of the job alone.
 */

let fixture: LabFixture;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [
      { name: 'hang-ios', platform: 'cisco_ios', fault: 'hang' },
      { name: 'slow-eos', platform: 'arista_eos', latency: { commandMs: 10_000 } },
      { name: 'fine-junos', platform: 'juniper_junos' },
    ],
    edit: (inventory) => {
      inventory.defaults.connection = { ...inventory.defaults.connection, command_timeout: 30 };
      inventory.hosts['hang-ios']!.connection = { host_timeout: 1.5 };
    },
  });
});

afterAll(async () => {
  await fixture?.stop();
});

async function runOn(runtime: Runtime, names: string[], hostTimeoutMs?: number): Promise<HostResult[]> {
  const job = runtime.runner.start({
    hosts: runtime.inventory.hosts.filter((host) => names.includes(host.name)),
    task: runtime.taskFor({ kind: 'run', commands: ['show version'] }),
    hostTimeoutMs,
  });
  await job.done;
  return [...job.results()];
}

function resultOf(results: HostResult[], host: string): HostResult {
  const result = results.find((r) => r.host === host);
  if (!result) throw new Error(`no result for ${host}`);
  return result;
}

describe('per-host timeout on the lab', () => {
  it("a hung device ends `timeout` within the inventory's host_timeout + 1 s, its session closed", async () => {
    const runtime = await createLabRuntime(fixture);
    expect(runtime.inventory.hosts.find((host) => host.name === 'hang-ios')?.connection.hostTimeoutMs).toBe(
      1500,
    );
    const results = await runOn(runtime, ['hang-ios', 'fine-junos']);

    const hung = resultOf(results, 'hang-ios');
    expect(hung.status).toBe('timeout');
    expect(hung.error?.code).toBe('HOST_TIMEOUT');
    expect(hung.error?.message).toContain('hang-ios did not finish within its host timeout of 1.5 s');
    expect(hung.timings.totalMs).toBeGreaterThanOrEqual(1500);
    expect(hung.timings.totalMs).toBeLessThan(2500);
    await waitFor(
      () => fixture.lab.device('hang-ios').stats().activeSessions === 0,
      1000,
      'its session to close',
    );

    const fine = resultOf(results, 'fine-junos');
    expect(fine.status).toBe('ok');
    expect(fine.outputs[0]?.output).toContain('Hostname: fine-junos');
  });

  it("a job's own timeout (the CLI's --timeout) overrides the inventory's for every device", async () => {
    const runtime = await createLabRuntime(fixture);
    const results = await runOn(runtime, ['slow-eos', 'fine-junos'], 1000);

    const slow = resultOf(results, 'slow-eos');
    expect(slow.status).toBe('timeout');
    expect(slow.error?.code).toBe('HOST_TIMEOUT');
    expect(slow.timings.totalMs).toBeGreaterThanOrEqual(1000);
    expect(slow.timings.totalMs).toBeLessThan(2000);
    await waitFor(
      () => fixture.lab.device('slow-eos').stats().activeSessions === 0,
      1000,
      'its session to close',
    );
    expect(resultOf(results, 'fine-junos').status).toBe('ok');
  });
});
