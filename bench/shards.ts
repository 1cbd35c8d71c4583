/** How many lab processes a lab of N devices needs, on ports that stay clear (pure: unit-tested). */

export interface ShardPlanOptions {
  devices: number;
  /** Devices per lab process at most (each listens on one port per device). */
  maxPerProcess: number;
  /** At least this many processes, when there are devices enough (spreads the SSH server CPU). */
  minProcesses?: number;
  /** The lab's ports run from here, one per device (remote-lab.ts gives each process the next range). */
  portBase: number;
  /**
   * First port that must stay free: Linux hands out ephemeral (client) ports from 32768, and a
   * lab listening there would collide with the bench's own outgoing connections.
   */
  portCeiling: number;
}

/** Throws when the ports would run into the ceiling or the sizes make no sense. */
export function labProcessCount(options: ShardPlanOptions): number {
  const { devices, maxPerProcess, portBase, portCeiling } = options;
  if (!Number.isInteger(devices) || devices < 1) throw new Error(`devices must be ≥ 1 (got ${devices})`);
  if (!Number.isInteger(maxPerProcess) || maxPerProcess < 1)
    throw new Error(`maxPerProcess must be ≥ 1 (got ${maxPerProcess})`);
  if (portBase + devices > portCeiling) {
    throw new Error(
      `${devices} devices from port ${portBase} would reach port ${portBase + devices - 1}; ` +
        `lab ports must stay below ${portCeiling} (the ephemeral range): lower the port base`,
    );
  }
  const wanted = Math.max(Math.ceil(devices / maxPerProcess), options.minProcesses ?? 1);
  return Math.min(wanted, devices);
}
