import type { HostTask } from './result.js';

/** What a job does on each device: show commands, or a config push. */
export type DeviceWork =
  | { kind: 'run'; commands: string[] }
  | { kind: 'push'; lines: string[]; save: boolean };

/**
 * Turns a job's work into the per-device task the runner calls. Production wires the device
 * layer's sessions in (device-task.ts); tests may pass fakes. Reporters never see this.
 */
export type TaskFactory = (work: DeviceWork) => HostTask;
