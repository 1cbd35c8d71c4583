/** `netrun lab`: run a lab in the foreground until SIGINT/SIGTERM (or the given signal). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isNetrunError, NetrunError } from '../../errors.js';
import { startLab } from '../lab.js';
import { labPlatforms } from '../personality/load.js';
import { labDeviceSpecs } from '../specs.js';
import type { Lab, LabDeviceSpec } from '../types.js';
import { assignFaults, assignFromEnd, parseFaultSpec } from './fault-spec.js';
import { LAB_HELP, labHelp } from './help.js';

export { LAB_HELP, labHelp };

export interface LabCommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops the lab when aborted (SIGINT and SIGTERM always do). */
  signal?: AbortSignal;
}

const OPTIONS = {
  devices: { type: 'string' },
  platforms: { type: 'string' },
  'port-base': { type: 'string' },
  'latency-ms': { type: 'string' },
  'output-lines': { type: 'string' },
  faults: { type: 'string' },
  telnet: { type: 'string' },
  legacy: { type: 'string' },
  'inventory-out': { type: 'string' },
  'known-hosts-out': { type: 'string' },
  'literal-credentials': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function whole(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new NetrunError('USAGE', `--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return n;
}

interface Plan {
  specs: LabDeviceSpec[];
  portBase: number | undefined;
  inventoryOut: string;
  knownHostsOut: string | undefined;
  literal: boolean;
}

function plan(argv: string[]): Plan | 'help' {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return 'help';
  if (values.devices === undefined)
    throw new NetrunError('USAGE', '--devices N is required (how many devices to run)');
  const n = whole('devices', values.devices, 1, 10_000, 0);
  const known = labPlatforms();
  const platforms =
    values.platforms
      ?.split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '') ?? known;
  const unknown = platforms.filter((p) => !known.includes(p));
  if (unknown.length > 0 || platforms.length === 0) {
    throw new NetrunError(
      'USAGE',
      `--platforms: unknown "${unknown.join(', ')}" (known: ${known.join(', ')})`,
    );
  }
  const specs = labDeviceSpecs(n, platforms);
  const latency = whole('latency-ms', values['latency-ms'], 0, 600_000, 0);
  const outputLines =
    values['output-lines'] === undefined
      ? undefined
      : whole('output-lines', values['output-lines'], 0, 1_000_000, 0);
  for (const s of specs) {
    if (latency > 0) s.latency = { connectMs: latency, commandMs: latency };
    if (outputLines !== undefined) s.outputLines = outputLines;
  }
  if (values.faults) assignFaults(specs, parseFaultSpec(values.faults));
  assignFromEnd(
    specs,
    whole('telnet', values.telnet, 0, n, 0),
    '--telnet',
    () => false,
    (s) => {
      s.transport = 'telnet';
    },
  );
  assignFromEnd(
    specs,
    whole('legacy', values.legacy, 0, n, 0),
    '--legacy',
    (s) => s.transport === 'telnet',
    (s) => {
      s.legacyOnly = true;
    },
  );
  const base = whole('port-base', values['port-base'], 0, 65535, 20_000);
  if (base > 0 && base + n - 1 > 65535) {
    throw new NetrunError('USAGE', `--port-base ${base} leaves no room for ${n} devices below port 65535`);
  }
  return {
    specs,
    portBase: base === 0 ? undefined : base,
    inventoryOut: values['inventory-out'] ?? 'lab-inventory.yaml',
    knownHostsOut: values['known-hosts-out'],
    literal: values['literal-credentials'] === true,
  };
}

/** Resolves on SIGINT, SIGTERM or the signal, whichever comes first. */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const finish = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      signal?.removeEventListener('abort', finish);
      done();
    };
    signal?.addEventListener('abort', finish, { once: true });
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
}

function readyLine(lab: Lab, inventoryOut: string): string {
  const ports = lab.devices.map((d) => d.port);
  const low = Math.min(...ports);
  const high = Math.max(...ports);
  const range = low === high ? `${low}` : `${low}-${high}`;
  return `lab ready: ${lab.devices.length} devices on 127.0.0.1:${range}, inventory written to ${inventoryOut}\n`;
}

/** Exit codes: 0 stopped cleanly, 1 could not start, 2 bad usage. */
export async function runLabCommand(argv: string[], io: LabCommandIO): Promise<number> {
  let p: Plan | 'help';
  try {
    p = plan(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`netrun lab: ${message}\n  → run \`netrun lab --help\` for the options\n`);
    return 2;
  }
  if (p === 'help') {
    io.stdout.write(`${labHelp()}\n`);
    return 0;
  }
  let lab: Lab | undefined;
  try {
    const stopped = waitForStop(io.signal);
    lab = await startLab({ devices: p.specs, portBase: p.portBase });
    await writeFile(resolve(p.inventoryOut), lab.inventoryYaml({ literalCredentials: p.literal }));
    if (p.knownHostsOut) await writeFile(resolve(p.knownHostsOut), lab.knownHosts());
    io.stdout.write(readyLine(lab, p.inventoryOut));
    await stopped;
    await lab.stop();
    return 0;
  } catch (error) {
    await lab?.stop();
    const text = isNetrunError(error)
      ? error.describe()
      : error instanceof Error
        ? error.message
        : String(error);
    io.stderr.write(`netrun lab: ${text}\n`);
    return 1;
  }
}
