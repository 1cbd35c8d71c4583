/** startLab(): simulated devices on 127.0.0.1, one port each, until stop(). */
import type { Socket } from 'node:net';
import { NetrunError } from '../errors.js';
import { LabDeviceRuntime } from './device/lab-device.js';
import { SessionCounter } from './device/session-counter.js';
import { inventoryYaml } from './inventory.js';
import { getPersonality } from './personality/load.js';
import { resolveSpecs } from './schema.js';
import { DeviceListener } from './server/device-listener.js';
import { LabHostKeys } from './server/host-keys.js';
import type { Lab, LabDevice, LabDeviceHandle, StartLabOptions } from './types.js';

function handle(runtime: LabDeviceRuntime, listener: DeviceListener): LabDeviceHandle {
  return {
    runningConfig: () => runtime.runningConfig(),
    savedConfig: () => runtime.savedConfig(),
    commands: () => runtime.commands(),
    stats: () => runtime.counter.stats(),
    setFault: (fault) => runtime.setFault(fault),
    fault: () => runtime.fault(),
    settled: () => listener.settled(),
  };
}

export async function startLab(options: StartLabOptions): Promise<Lab> {
  const specs = resolveSpecs(options);
  const personalities = specs.map((s) => getPersonality(s.platform));
  const labStart = Date.now();
  const keys = new LabHostKeys();
  const total = new SessionCounter();
  const sockets = new Set<Socket>();
  const runtimes = specs.map(
    (spec, i) =>
      new LabDeviceRuntime({
        spec,
        personality: personalities[i] as NonNullable<(typeof personalities)[number]>,
        index: i + 1,
        labStart,
        counter: new SessionCounter(total),
      }),
  );
  const listeners = runtimes.map((r) => new DeviceListener(r, { keys, sockets }));
  const stopAll = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(listeners.map((l) => l.close()));
  };
  const started = await Promise.allSettled(listeners.map((l, i) => l.start(specs[i]?.port ?? 0)));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason instanceof NetrunError
      ? failed.reason
      : new NetrunError('INTERNAL', String(failed.reason));
  }
  const devices: LabDevice[] = runtimes.map((r, i) => {
    const listener = listeners[i] as DeviceListener;
    return {
      name: r.name,
      platform: r.spec.platform,
      transport: r.spec.transport ?? 'ssh',
      address: '127.0.0.1',
      port: listener.port,
      hostKey: keys.describe(r.spec.legacyOnly ? 'legacy' : 'modern', listener.port),
    };
  });
  const byName = new Map(runtimes.map((r, i) => [r.name, handle(r, listeners[i] as DeviceListener)]));
  let stopped: Promise<void> | undefined;
  return {
    devices,
    stats: () => total.stats(),
    resetStats: () => {
      total.reset();
      for (const r of runtimes) r.counter.reset();
    },
    device: (name) => {
      const found = byName.get(name);
      if (!found) throw new NetrunError('USAGE', `the lab has no device "${name}"`);
      return found;
    },
    inventoryYaml: (opts) => inventoryYaml(devices, specs, opts),
    knownHosts: () =>
      devices
        .filter((d) => d.transport === 'ssh')
        .map((d) => d.hostKey.knownHostsLine)
        .join('\n')
        .concat(devices.length > 0 ? '\n' : ''),
    stop: () => {
      stopped ??= stopAll();
      return stopped;
    },
  };
}
