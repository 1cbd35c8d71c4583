/**
 * The lab's public contract (see notes/lab-api.md): other modules and tests program against these
 * shapes, so they change only by addition.
 */

export const LAB_FAULTS = [
  'auth-reject',
  'auth-silence',
  'refuse',
  'black-hole',
  'hang',
  'drop',
  'trickle',
  'garbage',
  'huge-output',
  'hostkey-change',
  'pager',
  'invalid',
] as const;

export type LabFault = (typeof LAB_FAULTS)[number];

export interface LabDeviceSpec {
  name: string;
  /** Personality: one of the files in src/lab/personalities (see `labPlatforms()`). */
  platform: string;
  transport?: 'ssh' | 'telnet';
  /** Default: portBase + index, or an ephemeral port when no portBase. */
  port?: number;
  latency?: { connectMs?: number; commandMs?: number };
  /** Pad `show` outputs to about this many lines (size knob). */
  outputLines?: number;
  fault?: LabFault;
  /** Offers only legacy algorithms (dh-group14-sha1/group1, aes-cbc, ssh-rsa). */
  legacyOnly?: boolean;
}

export interface LabHostKey {
  type: string;
  /** 'SHA256:...' as OpenSSH prints it. */
  fingerprint: string;
  /** `[127.0.0.1]:port type base64` — the line a client records for this device. */
  knownHostsLine: string;
}

export interface LabDevice {
  name: string;
  platform: string;
  transport: 'ssh' | 'telnet';
  address: '127.0.0.1';
  port: number;
  /** The key a client should have on record; a `hostkey-change` device presents another one. */
  hostKey: LabHostKey;
}

export interface LabStats {
  activeSessions: number;
  peakSessions: number;
  totalSessions: number;
}

export interface LabDeviceHandle {
  /** The configuration `show running-config` (or the platform's equivalent) shows now, without headers. */
  runningConfig(): string;
  /** What was last saved (write memory / copy run start) or committed. */
  savedConfig(): string;
  /** Every command line typed on this device, in order (passwords, answers and pager keys excluded; the last 20,000). */
  commands(): string[];
  stats(): LabStats;
  setFault(fault: LabFault | undefined): void;
  /** The fault in force now. */
  fault(): LabFault | undefined;
  /** Resolves once the port reflects the last setFault (`refuse` closes it, clearing reopens it). */
  settled(): Promise<void>;
}

export interface InventoryYamlOptions {
  /** Write the lab password and enable secret literally instead of `${env:NETRUN_LAB_…}` references. */
  literalCredentials?: boolean;
}

export interface Lab {
  devices: LabDevice[];
  /** Across the whole lab; a session is one TCP connection to a device port, from accept to close. */
  stats(): LabStats;
  resetStats(): void;
  /** Throws on an unknown name. */
  device(name: string): LabDeviceHandle;
  /** A netrun inventory for these devices: one group per platform, plus `core-routers` and `edge-switches`. */
  inventoryYaml(options?: InventoryYamlOptions): string;
  /** known_hosts lines for every SSH device (the lab's usual keys). */
  knownHosts(): string;
  stop(): Promise<void>;
}

export interface StartLabOptions {
  devices: LabDeviceSpec[];
  portBase?: number;
  /** Applied to every device; a device's own values win. */
  defaults?: Partial<Omit<LabDeviceSpec, 'name'>>;
}
