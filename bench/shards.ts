/** How a lab of N devices is split over processes and ports (pure: unit-tested). */

export interface LabShard {
  /** Index of the shard's first device in the whole lab. */
  offset: number;
  count: number;
  portBase: number;
}

export interface ShardPlanOptions {
  devices: number;
  /** Devices per lab process at most (each listens on one port per device). */
  maxPerProcess: number;
  /** At least this many processes, when there are devices enough (spreads the SSH server CPU). */
  minProcesses?: number;
  portBase: number;
  /**
   * First port that must stay free: Linux hands out ephemeral (client) ports from 32768, and a
   * lab listening there would collide with the bench's own outgoing connections.
   */
  portCeiling: number;
}

/** Contiguous, equal-as-possible shards on consecutive port ranges; throws when the ports run out. */
export function planLabShards(options: ShardPlanOptions): LabShard[] {
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
  const processes = Math.min(wanted, devices);
  const shards: LabShard[] = [];
  let offset = 0;
  for (let i = 0; i < processes; i += 1) {
    const count = Math.floor(devices / processes) + (i < devices % processes ? 1 : 0);
    shards.push({ offset, count, portBase: portBase + offset });
    offset += count;
  }
  return shards;
}
