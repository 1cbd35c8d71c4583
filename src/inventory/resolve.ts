import { expandPath } from './interpolate.js';
import { type InventoryProblem, type PathSegment, problem } from './problems.js';
import type {
  ConnectionFile,
  GroupFile,
  HostFile,
  InheritableFile,
  InlineJumpHostFile,
  InventoryFile,
} from './schema.js';
import type { ConnectionOptions, Credentials, GroupInfo, Host, Inventory, JumpHost } from './types.js';

export interface ResolveOptions {
  source: string;
  /** Relative key paths are relative to the inventory file's folder. */
  baseDir: string;
  homeDir: string;
}

const DEFAULT_PORTS = { ssh: 22, telnet: 23 } as const;
const SECOND_MS = 1000;
const CONNECTION_DEFAULTS = {
  connect_timeout: 10,
  command_timeout: 30,
  host_timeout: 300,
  keepalive_interval: 0,
  legacy_algorithms: false,
};

/** One place a value can come from, nearest first: the host, its groups in order, then defaults. */
interface Layer {
  path: PathSegment[];
  values: InheritableFile;
}

function ancestryOf(groups: Record<string, GroupFile>): (name: string) => string[] {
  const memo = new Map<string, string[]>();
  // Cycles are reported by the reference checks; `visiting` only keeps resolution finite meanwhile.
  const ancestry = (name: string, visiting: ReadonlySet<string> = new Set()): string[] => {
    const known = memo.get(name);
    if (known) return known;
    if (visiting.has(name)) return [];
    const inner = new Set([...visiting, name]);
    // Depth-first: a group's own values before its parents', each group once (Nornir's order).
    const order = unique([
      name,
      ...(groups[name]?.groups ?? []).flatMap((parent) => ancestry(parent, inner)),
    ]);
    memo.set(name, order);
    return order;
  };
  return (name) => ancestry(name);
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function pick<K extends keyof InheritableFile>(
  layers: Layer[],
  key: K,
): { value: InheritableFile[K]; layer?: Layer } {
  for (const layer of layers) {
    if (layer.values[key] !== undefined) return { value: layer.values[key], layer };
  }
  return { value: undefined };
}

function mergeByKey<T extends object>(layers: Layer[], key: 'connection' | 'data'): T {
  const merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) Object.assign(merged, layer.values[key] ?? {});
  return merged as T;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function credentialsOf(
  values: Partial<InlineJumpHostFile & InheritableFile>,
  options: ResolveOptions,
): Credentials {
  const keyFile = values.private_key_file;
  return withoutUndefined({
    username: values.username,
    password: values.password,
    privateKeyFile: keyFile === undefined ? undefined : expandPath(keyFile, options.baseDir, options.homeDir),
    passphrase: values.passphrase,
    enableSecret: values.enable_secret,
  });
}

function connectionOf(layers: Layer[]): ConnectionOptions {
  const c: Required<Omit<ConnectionFile, 'host_key_check'>> & ConnectionFile = {
    ...CONNECTION_DEFAULTS,
    ...withoutUndefined(mergeByKey<ConnectionFile>(layers, 'connection')),
  };
  return withoutUndefined({
    connectTimeoutMs: c.connect_timeout * SECOND_MS,
    commandTimeoutMs: c.command_timeout * SECOND_MS,
    hostTimeoutMs: c.host_timeout * SECOND_MS,
    legacyAlgorithms: c.legacy_algorithms,
    keepaliveIntervalMs: c.keepalive_interval * SECOND_MS,
    hostKeyCheck: c.host_key_check,
  });
}

const credentialKeys = ['username', 'password', 'private_key_file', 'passphrase', 'enable_secret'] as const;

interface Context {
  groups: Record<string, GroupFile>;
  defaults: InheritableFile | undefined;
  ancestry: (name: string) => string[];
  options: ResolveOptions;
}

interface Draft {
  host: Host;
  layers: Layer[];
}

function resolveHost(name: string, file: HostFile, ctx: Context): Draft | InventoryProblem | undefined {
  const groupNames = unique((file.groups ?? []).flatMap(ctx.ancestry));
  const layers: Layer[] = [
    { path: ['hosts', name], values: file },
    ...groupNames.map((g) => ({ path: ['groups', g], values: ctx.groups[g] ?? {} })),
    ...(ctx.defaults ? [{ path: ['defaults'], values: ctx.defaults }] : []),
  ];
  const platform = pick(layers, 'platform').value;
  // With an unknown (mistyped) group the platform may be in the group meant: that problem is already reported.
  if (platform === undefined && groupNames.some((g) => ctx.groups[g] === undefined)) return undefined;
  if (platform === undefined) {
    const where =
      groupNames.length > 0 ? `the host, one of its groups (${groupNames.join(', ')})` : 'the host';
    return problem(
      ['hosts', name],
      `no platform: set platform (the name of a platform file) on ${where} or in defaults`,
    );
  }
  const transport = pick(layers, 'transport').value ?? 'ssh';
  const host: Host = {
    name,
    address: file.address,
    port: pick(layers, 'port').value ?? DEFAULT_PORTS[transport],
    platform,
    transport,
    credentials: credentialsOf(
      Object.fromEntries(credentialKeys.map((k) => [k, pick(layers, k).value])),
      ctx.options,
    ),
    connection: connectionOf(layers),
    groups: groupNames,
    concurrencyCaps: groupNames.flatMap((g) => {
      const limit = ctx.groups[g]?.concurrency;
      return limit === undefined ? [] : [{ group: g, limit }];
    }),
    data: mergeByKey<Record<string, unknown>>(layers, 'data'),
  };
  return { host, layers };
}

function inlineJumpHost(jump: InlineJumpHostFile, host: Host, options: ResolveOptions): JumpHost {
  return {
    name: jump.address,
    address: jump.address,
    port: jump.port ?? DEFAULT_PORTS.ssh,
    credentials: credentialsOf(jump, options),
    connectTimeoutMs: host.connection.connectTimeoutMs,
    // An inline jump host is usually a modern bastion; old gear that needs legacy algorithms is a host.
    legacyAlgorithms: false,
  };
}

function namedJumpHost(target: Host): JumpHost {
  return {
    name: target.name,
    address: target.address,
    port: target.port,
    credentials: target.credentials,
    connectTimeoutMs: target.connection.connectTimeoutMs,
    legacyAlgorithms: target.connection.legacyAlgorithms,
  };
}

type JumpRef = string | InlineJumpHostFile | null | undefined;

/** A host's jump host by name, ignoring an inherited reference to itself (the bastion does not jump via itself). */
function jumpNameOf(draft: Draft): { ref: JumpRef; layer?: Layer } {
  const { value, layer } = pick(draft.layers, 'jump_host');
  const inherited = layer !== undefined && layer.path[0] !== 'hosts';
  if (value === draft.host.name && inherited) return { ref: undefined };
  return { ref: value, layer };
}

function attachJumpHosts(drafts: Map<string, Draft>, options: ResolveOptions): InventoryProblem[] {
  const found = new Map<string, InventoryProblem>();
  const add = (key: string, p: InventoryProblem) => found.set(key, found.get(key) ?? p);
  for (const draft of drafts.values()) {
    const { ref, layer } = jumpNameOf(draft);
    if (ref === undefined || ref === null) continue;
    if (typeof ref !== 'string') {
      draft.host.jumpHost = inlineJumpHost(ref, draft.host, options);
      continue;
    }
    const name = draft.host.name;
    const path = [...(layer?.path ?? ['hosts', name]), 'jump_host'];
    if (ref === name) {
      add(
        `self:${name}`,
        problem(path, `"${name}" cannot be its own jump host: remove jump_host or name another host`),
      );
      continue;
    }
    const target = drafts.get(ref);
    if (!target) continue; // an unknown name is reported by the reference checks
    const chained = jumpNameOf(target).ref;
    if (chained !== undefined && chained !== null) {
      const via = typeof chained === 'string' ? chained : chained.address;
      const text = `jump host "${ref}" has its own jump host ("${via}"); chained jump hosts are not supported: set jump_host: null on "${ref}", or use a single jump host`;
      add(`chain:${ref}`, problem(['hosts', ref, 'jump_host'], text));
    } else if (target.host.transport !== 'ssh') {
      add(
        `telnet:${ref}`,
        problem(['hosts', ref, 'transport'], `"${ref}" is used as a jump host, so it must use ssh`),
      );
    } else {
      draft.host.jumpHost = namedJumpHost(target.host);
    }
  }
  return [...found.values()];
}

function groupInfos(file: InventoryFile, hosts: Host[]): GroupInfo[] {
  const counts = new Map<string, number>();
  for (const host of hosts) for (const g of host.groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  return Object.entries(file.groups ?? {}).map(([name, group]) =>
    withoutUndefined({
      name,
      description: group.description,
      parents: group.groups ?? [],
      concurrency: group.concurrency,
      hostCount: counts.get(name) ?? 0,
    }),
  );
}

/**
 * Host ⊕ groups ⊕ defaults for every host of a validated, reference-checked file. Pure: paths are
 * expanded but nothing is read. Problems found only after inheritance (no platform, jump host chains)
 * are returned, all of them.
 */
export function resolveInventory(
  file: InventoryFile,
  options: ResolveOptions,
): { inventory: Inventory; problems: InventoryProblem[] } {
  const groups = file.groups ?? {};
  const ctx: Context = { groups, defaults: file.defaults, ancestry: ancestryOf(groups), options };
  const drafts = new Map<string, Draft>();
  const problems: InventoryProblem[] = [];
  for (const [name, hostFile] of Object.entries(file.hosts)) {
    const result = resolveHost(name, hostFile, ctx);
    if (result === undefined) continue;
    if ('host' in result) drafts.set(name, result);
    else problems.push(result);
  }
  problems.push(...attachJumpHosts(drafts, options));
  const hosts = [...drafts.values()].map((d) => d.host);
  return { inventory: { source: options.source, hosts, groups: groupInfos(file, hosts) }, problems };
}
