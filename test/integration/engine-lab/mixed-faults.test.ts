import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_EXPECTED } from '../../../reliability/scenarios/fault-fleet.js';
import type { HostResult, JobSummary } from '../../../src/engine/index.js';
import { LAB_FAULTS, type LabDeviceSpec, type LabFault } from '../../../src/lab/index.js';
import { createLabRuntime, type LabFixture, startLabFixture } from '../../helpers/with-lab.js';

/**
 * One job over healthy devices and one device per lab fault: each fault is counted under its own
 * code in the summary, the faults that only make output awkward still end `ok` with clean output,
 * and the healthy devices finish normally before the first fault's timeout fires. Short timeouts
 * (connect 1.5 s, command 2 s) keep the job to a few seconds; trickle and huge-output set its pace.
 */

/** A second hung device whose whole-device timeout (1 s) fires before its command timeout (2 s). */
const HOST_TIMEOUT_DEVICE = 'fault-hang-host-timeout';

const HEALTHY: (LabDeviceSpec & { marker: string })[] = [
  { name: 'ok-ios', platform: 'cisco_ios', marker: 'Cisco IOS XE Software' },
  { name: 'ok-ios-telnet', platform: 'cisco_ios', transport: 'telnet', marker: 'Cisco IOS XE Software' },
  { name: 'ok-nxos', platform: 'cisco_nxos', marker: 'Cisco Nexus Operating System' },
  { name: 'ok-xr', platform: 'cisco_xr', marker: 'Cisco IOS XR Software' },
  { name: 'ok-eos', platform: 'arista_eos', marker: 'Arista' },
  { name: 'ok-junos', platform: 'juniper_junos', marker: 'Hostname: ok-junos' },
];
const faultDevice = (fault: LabFault) => `fault-${fault}`;

let fixture: LabFixture;
let results: HostResult[];
let summary: JobSummary;

beforeAll(async () => {
  fixture = await startLabFixture({
    devices: [
      ...HEALTHY.map(({ marker: _marker, ...spec }) => spec),
      ...LAB_FAULTS.map((fault) => ({ name: faultDevice(fault), platform: 'cisco_ios', fault })),
      { name: HOST_TIMEOUT_DEVICE, platform: 'cisco_ios', fault: 'hang' },
    ],
    edit: (inventory) => {
      // Strict host-key checking against the lab's usual keys, so `hostkey-change` is caught.
      inventory.defaults.connection = { connect_timeout: 1.5, command_timeout: 2, host_key_check: 'strict' };
      inventory.hosts[HOST_TIMEOUT_DEVICE]!.connection = { host_timeout: 1 };
      // Trickled show version takes ~2 s on its own: slow, but it completes.
      inventory.hosts[faultDevice('trickle')]!.connection = { command_timeout: 10 };
    },
  });
  await writeFile(fixture.knownHostsPath, fixture.lab.knownHosts());
  const runtime = await createLabRuntime(fixture);
  const job = runtime.runner.start({
    hosts: runtime.inventory.hosts,
    task: runtime.taskFor({ kind: 'run', commands: ['show version'] }),
    concurrency: runtime.inventory.hosts.length,
  });
  summary = await job.done;
  results = [...job.results()];
}, 60_000);

afterAll(async () => {
  await fixture?.stop();
});

function resultOf(host: string): HostResult {
  const result = results.find((r) => r.host === host);
  if (!result) throw new Error(`no result for ${host}`);
  return result;
}

it('knows every fault the lab has', () => {
  expect(Object.keys(RUN_EXPECTED).sort()).toEqual([...LAB_FAULTS].sort());
});

it('counts each failure under its own code, naming the device', () => {
  const expected = new Map<string, string[]>();
  for (const fault of LAB_FAULTS) {
    const code = RUN_EXPECTED[fault];
    if (code !== 'ok') expected.set(code, [...(expected.get(code) ?? []), faultDevice(fault)]);
  }
  expected.set('HOST_TIMEOUT', [HOST_TIMEOUT_DEVICE]);

  const byReason = new Map(summary.byReason.map((reason) => [reason.code as string, reason.hosts]));
  expect(Object.fromEntries(byReason)).toEqual(Object.fromEntries(expected));
  for (const reason of summary.byReason) expect(reason.count).toBe(reason.hosts.length);

  const failing = [...expected.values()].flat().length;
  expect(summary).toMatchObject({ total: results.length, ok: results.length - failing, notOk: failing });
  expect(summary.byStatus).toEqual({
    ok: results.length - failing,
    failed: failing - 1,
    timeout: 1,
    cancelled: 0,
  });
  expect(resultOf(HOST_TIMEOUT_DEVICE).status).toBe('timeout');
  for (const [code, hosts] of expected)
    for (const host of hosts) expect(resultOf(host).error?.code, host).toBe(code);
});

it('faults that only make output awkward still end ok, with clean output', () => {
  for (const fault of LAB_FAULTS.filter((f) => RUN_EXPECTED[f] === 'ok')) {
    const result = resultOf(faultDevice(fault));
    expect(result.status, fault).toBe('ok');
    const output = result.outputs[0]?.output ?? '';
    expect(output, fault).toContain('Cisco IOS XE Software');
    expect(output, fault).not.toMatch(/\x1b|--More--|\r/);
  }
  expect(resultOf(faultDevice('huge-output')).outputs[0]?.output.length).toBeGreaterThan(9 * 1024 * 1024);
});

it('healthy devices are unaffected: ok, their own output, done before the first fault timed out', () => {
  const firstTimeout = Math.min(
    ...['black-hole', 'auth-silence', 'hang'].map(
      (fault) => resultOf(faultDevice(fault as LabFault)).finishedAt,
    ),
  );
  for (const { name, marker } of HEALTHY) {
    const result = resultOf(name);
    expect(result.status, name).toBe('ok');
    expect(result.error, name).toBeUndefined();
    expect(result.outputs.map((o) => o.command)).toEqual(['show version']);
    expect(result.outputs[0]?.output, name).toContain(marker);
    expect(result.finishedAt, name).toBeLessThan(firstTimeout);
  }
});
