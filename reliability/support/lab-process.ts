/**
 * One lab shard in a process of its own, so the simulated devices' SSH work runs on another core:
 * it never slows down the bot being tested, and the bench never counts it as the engine's CPU.
 * Started by remote-lab.ts with `node --import tsx reliability/support/lab-process.ts <options.json>`
 * (StartLabOptions; the pid is the lab's own).
 *
 * Protocol, one JSON object per line. stdout: `{"ready":{devices,inventory,knownHosts}}` once
 * listening, then `{"id":n,"value":…}` or `{"id":n,"error":"…"}` for each request read on stdin:
 * `{"id":n,"op":"commands"|"runningConfig"|"stats"|"reset"|"cpu","device"?:name}`. stdin closing,
 * SIGTERM or SIGINT stop the lab and end the process.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type Lab, type StartLabOptions, startLab } from '../../src/lab/index.js';

interface Request {
  id: number;
  op: string;
  device?: string;
}

function write(message: unknown): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function answer(lab: Lab, request: Request): unknown {
  const device = () => lab.device(String(request.device));
  switch (request.op) {
    case 'commands':
      return device().commands();
    case 'runningConfig':
      return device().runningConfig();
    case 'stats':
      return lab.stats();
    case 'reset':
      lab.resetStats();
      return {};
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return { ms: (user + system) / 1000 };
    }
    default:
      throw new Error(`unknown op "${request.op}"`);
  }
}

function serve(lab: Lab, line: string): void {
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch {
    write({ id: -1, error: `not JSON: ${line.slice(0, 80)}` });
    return;
  }
  try {
    write({ id: request.id, value: answer(lab, request) });
  } catch (error) {
    write({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: lab-process.ts <options.json>');
  const options = JSON.parse(await readFile(file, 'utf8')) as StartLabOptions;
  const lab = await startLab(options);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void lab.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  write({ ready: { devices: lab.devices, inventory: lab.inventoryYaml(), knownHosts: lab.knownHosts() } });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => serve(lab, line));
  lines.on('close', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`lab process: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
