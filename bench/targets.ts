/** The lab's devices as plain targets for the floor client and Netmiko (read straight from the YAML). */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { LAB_CREDENTIALS } from '../src/lab/index.js';
import type { FloorTarget } from './floor-client.js';

interface LabInventoryHost {
  address: string;
  port: number;
}

export async function readLabTargets(inventoryPath: string): Promise<FloorTarget[]> {
  const doc = parse(await readFile(inventoryPath, 'utf8')) as { hosts?: Record<string, LabInventoryHost> };
  return Object.entries(doc.hosts ?? {}).map(([name, host]) => ({
    name,
    address: host.address,
    port: host.port,
    username: LAB_CREDENTIALS.username,
    password: LAB_CREDENTIALS.password,
  }));
}
