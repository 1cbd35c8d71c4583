import type { HostTask } from './result.js';

/**
 * What a job does on each device: show commands, a config push, or reading the running config
 * (the push dry run: read-only, the platform's `showConfig` command, output redacted like any other).
 */
export type DeviceWork =
  | { kind: 'run'; commands: string[] }
  | { kind: 'push'; lines: string[]; save: boolean }
  | { kind: 'read-config' };

/**
 * Turns a job's work into the per-device task the runner calls. Production wires the device
 * layer's sessions in (device-task.ts); tests may pass fakes. Reporters never see this.
 */
export type TaskFactory = (work: DeviceWork) => HostTask;
