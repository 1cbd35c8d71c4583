import type { ConnectionOptions, Host } from '../../../src/inventory/types.js';
import { LAB_CREDENTIALS, type LabDevice } from '../../../src/lab/index.js';
import { testHost } from './hosts.js';

/** The Host netrun would resolve for a lab device, with short test timeouts. */
export function labHost(
  device: LabDevice,
  options: { connection?: Partial<ConnectionOptions>; enableSecret?: string | null; password?: string } = {},
): Host {
  const base = testHost({ name: device.name, platform: device.platform, port: device.port });
  return {
    ...base,
    transport: device.transport,
    credentials: {
      username: LAB_CREDENTIALS.username,
      password: options.password ?? LAB_CREDENTIALS.password,
      enableSecret:
        options.enableSecret === null ? undefined : (options.enableSecret ?? LAB_CREDENTIALS.enableSecret),
    },
    connection: { ...base.connection, connectTimeoutMs: 2000, commandTimeoutMs: 4000, ...options.connection },
  };
}

export function byName(devices: LabDevice[], name: string): LabDevice {
  const device = devices.find((d) => d.name === name);
  if (!device) throw new Error(`no lab device ${name}`);
  return device;
}
