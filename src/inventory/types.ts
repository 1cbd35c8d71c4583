/**
 * What the rest of netrun sees of the inventory: hosts with every inherited value already
 * resolved (host, then its groups in order, then defaults), secrets already read from the
 * environment or files. The YAML shape lives in schema.ts; these are the resolved forms.
 */

export type TransportKind = 'ssh' | 'telnet';
export type HostKeyCheck = 'strict' | 'accept-new' | 'off';

export interface Credentials {
  username?: string;
  password?: string;
  /** Path of a private key file (OpenSSH or PEM); read by the transport, never logged. */
  privateKeyFile?: string;
  passphrase?: string;
  /** Secret for the platform's privileged mode (Cisco `enable`). */
  enableSecret?: string;
}

export interface ConnectionOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** The whole device: connect, every command, close. */
  hostTimeoutMs: number;
  /** Allow old key exchanges, CBC ciphers and ssh-rsa host keys (old IOS). Off by default. */
  legacyAlgorithms: boolean;
  /** 0 = keepalives off (the default: some NOSes drop sessions that send them). */
  keepaliveIntervalMs: number;
  /** Unset: the process-wide setting from config applies. */
  hostKeyCheck?: HostKeyCheck;
}

export interface JumpHost {
  /** The inventory name when the jump host is itself an inventory host, else its address. */
  name: string;
  address: string;
  port: number;
  credentials: Credentials;
  connectTimeoutMs: number;
  legacyAlgorithms: boolean;
}

export interface GroupCap {
  group: string;
  limit: number;
}

export interface Host {
  name: string;
  address: string;
  port: number;
  platform: string;
  transport: TransportKind;
  credentials: Credentials;
  connection: ConnectionOptions;
  jumpHost?: JumpHost;
  /** Direct groups first, then their parents, each once, in inheritance order. */
  groups: string[];
  /** Every group of this host that sets a concurrency cap. */
  concurrencyCaps: GroupCap[];
  data: Record<string, unknown>;
}

export interface GroupInfo {
  name: string;
  description?: string;
  parents: string[];
  concurrency?: number;
  /** Hosts that belong to the group directly or through a child group. */
  hostCount: number;
}

export interface Inventory {
  /** The file it came from, for messages. */
  source: string;
  hosts: Host[];
  groups: GroupInfo[];
}
