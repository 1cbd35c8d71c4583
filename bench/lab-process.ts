/**
 * One lab shard in its own process, so the simulated devices' CPU (the SSH server side of every
 * handshake) is never counted as the engine's. Started by lab-fleet.ts with `node --import tsx`
 * (one process, so the pid the bench holds is the one that listens).
 *
 * Protocol on stdout, one line each: `bench-lab ready {json}` once listening, then one reply per
 * request line read on stdin: `stats`, `reset`, `cpu` (the process's CPU ms so far), `commands <device>`. stdin closing, SIGTERM or
 * SIGINT stop the lab and end the process.
 */
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from 'ssh2';
import { LAB_CREDENTIALS, type Lab, labDeviceSpecs, startLab } from '../src/lab/index.js';

const { values } = parseArgs({
  options: {
    offset: { type: 'string' },
    count: { type: 'string' },
    platform: { type: 'string' },
    'port-base': { type: 'string' },
    'connect-ms': { type: 'string' },
    'command-ms': { type: 'string' },
    'inventory-out': { type: 'string' },
  },
  strict: true,
});

function whole(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`bench lab: --${name} must be a whole number ≥ 0`);
  return n;
}

function reply(kind: string, body: unknown): void {
  process.stdout.write(`bench-lab ${kind} ${JSON.stringify(body)}\n`);
}

function answer(lab: Lab, line: string): void {
  const [verb, arg] = line.trim().split(/\s+/, 2);
  if (verb === 'stats') reply('stats', lab.stats());
  else if (verb === 'cpu') {
    const { user, system } = process.cpuUsage();
    reply('cpu', { ms: (user + system) / 1000 });
  } else if (verb === 'reset') {
    lab.resetStats();
    reply('reset', {});
  } else if (verb === 'commands' && arg) reply('commands', lab.device(arg).commands());
  else reply('error', { message: `unknown request "${line.trim()}"` });
}

/**
 * One login before saying ready. The lab builds its ssh2 Server on the first connection, and ssh2
 * 1.17's generateKeyPairSync('ed25519') makes a key its own parser rejects about once in 200 (a
 * leading zero byte dropped): that lab would die on the bench's first connection. Dying here
 * instead lets lab-shard.ts start the shard again with a fresh key.
 */
function selfCheck(lab: Lab): Promise<void> {
  const device = lab.devices[0];
  if (!device) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => {
      client.end();
      resolve();
    });
    client.once('error', reject);
    client.connect({
      host: device.address,
      port: device.port,
      username: LAB_CREDENTIALS.username,
      password: LAB_CREDENTIALS.password,
      readyTimeout: 30_000,
    });
  });
}

async function main(): Promise<void> {
  const offset = whole('offset');
  const count = whole('count');
  const platform = values.platform ?? 'cisco_ios';
  const out = values['inventory-out'];
  if (!out) throw new Error('bench lab: --inventory-out is required');
  // Names are numbered across every shard (ios-00001 … ios-10000) so merged inventories never clash.
  const specs = labDeviceSpecs(offset + count, [platform]).slice(offset);
  const lab = await startLab({
    devices: specs,
    portBase: whole('port-base'),
    defaults: { latency: { connectMs: whole('connect-ms'), commandMs: whole('command-ms') } },
  });
  await selfCheck(lab);
  await writeFile(out, lab.inventoryYaml());
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void lab.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const ports = lab.devices.map((d) => d.port);
  const names = [lab.devices[0]?.name, lab.devices.at(-1)?.name];
  reply('ready', { devices: lab.devices.length, inventory: out, ports: [ports[0], ports.at(-1)], names });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => answer(lab, line));
  lines.on('close', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench lab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
