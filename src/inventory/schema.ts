import { z } from 'zod';

/**
 * The inventory file as written (snake_case YAML). Objects are strict so a typo fails loudly
 * instead of silently falling back to an inherited value. Resolved forms are in types.ts.
 */

export const MAX_GROUP_CONCURRENCY = 10_000;
const ONE_DAY_SECONDS = 86_400;

// An empty section (`groups:` with everything commented out, or `ams:` with no settings) is YAML null;
// treating it as empty matches how people write Nornir-style inventories.
const emptyToObject = (value: unknown) => (value === null ? {} : value);

const text = z.string().min(1);
const port = z.number().int().min(1).max(65_535);
const seconds = z.number().gt(0).max(ONE_DAY_SECONDS);

export const connectionSchema = z.strictObject({
  connect_timeout: seconds.optional(),
  command_timeout: seconds.optional(),
  host_timeout: seconds.optional(),
  legacy_algorithms: z.boolean().optional(),
  keepalive_interval: z.number().min(0).max(ONE_DAY_SECONDS).optional(),
  host_key_check: z.enum(['strict', 'accept-new', 'off']).optional(),
});

export const inlineJumpHostSchema = z.strictObject({
  address: text,
  port: port.optional(),
  username: text.optional(),
  password: z.string().optional(),
  private_key_file: text.optional(),
  passphrase: z.string().optional(),
});

/** A host name, an inline jump host, or null to cancel one inherited from a group or defaults. */
export const jumpHostSchema = z.union([text, z.null(), inlineJumpHostSchema]);

const inheritable = {
  platform: text.optional(),
  transport: z.enum(['ssh', 'telnet']).optional(),
  port: port.optional(),
  username: text.optional(),
  password: z.string().optional(),
  private_key_file: text.optional(),
  passphrase: z.string().optional(),
  enable_secret: z.string().optional(),
  connection: z.preprocess(emptyToObject, connectionSchema).optional(),
  jump_host: jumpHostSchema.optional(),
  data: z.preprocess(emptyToObject, z.record(z.string(), z.unknown())).optional(),
};

const groupList = z.array(text);

export const defaultsSchema = z.strictObject(inheritable);

export const groupSchema = z.strictObject({
  ...inheritable,
  description: z.string().optional(),
  groups: groupList.optional(),
  concurrency: z.number().int().min(1).max(MAX_GROUP_CONCURRENCY).optional(),
});

export const hostSchema = z.strictObject({
  ...inheritable,
  address: text,
  groups: groupList.optional(),
});

export const inventoryFileSchema = z.strictObject({
  defaults: z.preprocess(emptyToObject, defaultsSchema).optional(),
  groups: z
    .preprocess(emptyToObject, z.record(z.string(), z.preprocess(emptyToObject, groupSchema)))
    .optional(),
  hosts: z.preprocess(emptyToObject, z.record(z.string(), hostSchema)),
});

export type ConnectionFile = z.infer<typeof connectionSchema>;
export type InlineJumpHostFile = z.infer<typeof inlineJumpHostSchema>;
export type JumpHostFile = z.infer<typeof jumpHostSchema>;
export type DefaultsFile = z.infer<typeof defaultsSchema>;
export type GroupFile = z.infer<typeof groupSchema>;
export type HostFile = z.infer<typeof hostSchema>;
export type InventoryFile = z.infer<typeof inventoryFileSchema>;

/** Settings shared by defaults, groups and hosts, in the order inheritance looks them up. */
export type InheritableFile = DefaultsFile;

export const SECTION_KEYS = {
  top: Object.keys(inventoryFileSchema.shape),
  defaults: Object.keys(defaultsSchema.shape),
  group: Object.keys(groupSchema.shape),
  host: Object.keys(hostSchema.shape),
  connection: Object.keys(connectionSchema.shape),
  jumpHost: Object.keys(inlineJumpHostSchema.shape),
} as const;

/** Fields whose strings may hold `${env:NAME}` / `${file:PATH}` references. */
export const INTERPOLATED_FIELDS = [
  'address',
  'username',
  'password',
  'private_key_file',
  'passphrase',
  'enable_secret',
] as const;

/** Fields whose values are never shown in messages. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['password', 'passphrase', 'enable_secret']);
