/** What a CLI session needs from the device it runs on and from the connection it runs over. */
import type { Personality } from '../personality/schema.js';
import type { LabFault } from '../types.js';
import type { ConfigStore } from './config-model.js';
import type { TemplateContext } from './template.js';

/** A device's configuration databases; created on first use so idle devices stay small. */
export interface DeviceConfigState {
  running: ConfigStore;
  saved: ConfigStore;
  /** The shared candidate of platforms whose candidate lives on the device (Junos). */
  candidate: ConfigStore | undefined;
  candidateDirty: boolean;
  changedAt: Date;
  savedAt: Date;
}

export interface SessionDevice {
  readonly personality: Personality;
  readonly name: string;
  hostname(): string;
  /** Facts and per-device values for templates (serial, addresses, uptime, clock…). */
  vars(): TemplateContext;
  config(): DeviceConfigState;
  fault(): LabFault | undefined;
  readonly commandMs: number;
  readonly outputLines: number | undefined;
  logCommand(line: string): void;
  readonly secrets: { login: string; enable: string };
  readonly user: string;
}

export interface TerminalIO {
  /** '\r\n' on a terminal; the personality's exec newline on an exec channel without a PTY. */
  readonly newline: string;
  /** false = the peer is slow: wait for waitDrain() before writing more. */
  write(chunk: string | Buffer): boolean;
  waitDrain(): Promise<void>;
  /** The session is over (logout, end of an exec command): close the channel with this status. */
  end(status: number): void;
  /** Cut the connection now (the `drop` fault). */
  drop(): void;
}
