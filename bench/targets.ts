/** The lab's devices as plain targets for the floor client and Netmiko. */
import { LAB_CREDENTIALS, type LabDevice } from '../src/lab/index.js';
import type { FloorTarget } from './floor-client.js';

export function labTargets(devices: readonly LabDevice[]): FloorTarget[] {
  return devices.map((d) => ({
    name: d.name,
    address: d.address,
    port: d.port,
    username: LAB_CREDENTIALS.username,
    password: LAB_CREDENTIALS.password,
  }));
}
