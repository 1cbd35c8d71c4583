/**
 * One simulated device: its personality, knobs, fault, counters and — created only when a session
 * first needs them — its configuration databases.
 */
import { LAB_CREDENTIALS } from '../credentials.js';
import { createStore, hostnameOf, renderStore } from '../engine/config-model.js';
import type { DeviceConfigState, SessionDevice } from '../engine/session-types.js';
import type { TemplateContext } from '../engine/template.js';
import type { Personality } from '../personality/schema.js';
import type { LabDeviceSpec, LabFault } from '../types.js';
import { deviceVars } from './device-vars.js';
import type { SessionCounter } from './session-counter.js';

const MAX_LOGGED = 20_000;

export interface LabDeviceOptions {
  spec: LabDeviceSpec;
  personality: Personality;
  index: number;
  labStart: number;
  counter: SessionCounter;
}

export class LabDeviceRuntime implements SessionDevice {
  readonly personality: Personality;
  readonly name: string;
  readonly index: number;
  readonly user = LAB_CREDENTIALS.username;
  readonly secrets = { login: LAB_CREDENTIALS.password, enable: LAB_CREDENTIALS.enableSecret };
  readonly counter: SessionCounter;
  readonly spec: LabDeviceSpec;
  private currentFault: LabFault | undefined;
  private state: DeviceConfigState | undefined;
  private readonly log: string[] = [];
  private readonly labStart: number;
  /** Told when the fault changes (the port listener opens or closes for `refuse`). */
  onFaultChange: ((fault: LabFault | undefined) => void) | undefined;

  constructor(opts: LabDeviceOptions) {
    this.spec = opts.spec;
    this.personality = opts.personality;
    this.name = opts.spec.name;
    this.index = opts.index;
    this.labStart = opts.labStart;
    this.counter = opts.counter;
    this.currentFault = opts.spec.fault;
  }

  get commandMs(): number {
    return this.spec.latency?.commandMs ?? 0;
  }

  get connectMs(): number {
    return this.spec.latency?.connectMs ?? 0;
  }

  get outputLines(): number | undefined {
    return this.spec.outputLines;
  }

  fault(): LabFault | undefined {
    return this.currentFault;
  }

  setFault(fault: LabFault | undefined): void {
    this.currentFault = fault;
    this.onFaultChange?.(fault);
  }

  hostname(): string {
    return (this.state && hostnameOf(this.personality, this.state.running)) ?? this.name;
  }

  vars(): TemplateContext {
    const id = { name: this.name, index: this.index, user: this.user, labStart: this.labStart };
    return { ...this.personality.facts, ...deviceVars(id), hostname: this.hostname() };
  }

  config(): DeviceConfigState {
    if (!this.state) {
      const running = createStore(this.personality, this.vars());
      const at = new Date(this.labStart);
      this.state = {
        running,
        saved: running.clone(),
        candidate: undefined,
        candidateDirty: false,
        changedAt: at,
        savedAt: at,
      };
    }
    return this.state;
  }

  logCommand(line: string): void {
    this.log.push(line);
    // Long benchmark runs: keep the most recent commands, not an ever-growing history.
    if (this.log.length > MAX_LOGGED) this.log.splice(0, this.log.length - MAX_LOGGED / 2);
  }

  commands(): string[] {
    return [...this.log];
  }

  runningConfig(): string {
    return `${renderStore(this.personality, this.config().running, 'native').join('\n')}\n`;
  }

  savedConfig(): string {
    return `${renderStore(this.personality, this.config().saved, 'native').join('\n')}\n`;
  }
}
