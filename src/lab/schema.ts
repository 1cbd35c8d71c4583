/** Validation of startLab() input: a typo in a device spec fails loudly instead of silently. */
import { z } from 'zod';
import { NetrunError } from '../errors.js';
import { LAB_FAULTS, type LabDeviceSpec, type StartLabOptions } from './types.js';

const port = z.number().int().min(1).max(65535);
const latency = z
  .strictObject({ connectMs: z.number().min(0).optional(), commandMs: z.number().min(0).optional() })
  .optional();

const deviceFields = {
  platform: z.string().min(1),
  transport: z.enum(['ssh', 'telnet']).optional(),
  port: port.optional(),
  latency,
  outputLines: z.number().int().min(0).optional(),
  fault: z.enum(LAB_FAULTS).optional(),
  legacyOnly: z.boolean().optional(),
};

export const LabDeviceSpecSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'),
  ...deviceFields,
});

export const StartLabOptionsSchema = z.strictObject({
  devices: z.array(LabDeviceSpecSchema),
  portBase: z.number().int().min(1).max(65535).optional(),
  defaults: z.strictObject(deviceFields).partial().optional(),
});

/** Checks the options and returns each device spec with the defaults applied. */
export function resolveSpecs(options: StartLabOptions): LabDeviceSpec[] {
  const parsed = StartLabOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(options)';
    throw new NetrunError('USAGE', `startLab: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const { devices, defaults = {}, portBase } = parsed.data;
  const names = new Set<string>();
  const specs = devices.map((d, i) => {
    if (names.has(d.name))
      throw new NetrunError('USAGE', `startLab: devices.${i}.name: "${d.name}" is used twice`);
    names.add(d.name);
    const latencyMerged = { ...defaults.latency, ...d.latency };
    const spec: LabDeviceSpec = { ...defaults, ...d, latency: latencyMerged };
    if (spec.port === undefined && portBase !== undefined) spec.port = portBase + i;
    if (spec.port !== undefined && spec.port > 65535) {
      throw new NetrunError(
        'USAGE',
        `startLab: devices.${i}: port ${spec.port} is past 65535; lower portBase`,
      );
    }
    return spec;
  });
  const ports = new Map<number, string>();
  for (const s of specs) {
    if (s.port === undefined) continue;
    const other = ports.get(s.port);
    if (other)
      throw new NetrunError('USAGE', `startLab: devices ${other} and ${s.name} both use port ${s.port}`);
    ports.set(s.port, s.name);
  }
  return specs;
}
