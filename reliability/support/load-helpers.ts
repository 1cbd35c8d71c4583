/**
 * The load scenario as data: who the users are, which devices and channel each one has, the
 * inventory groups and policy they need, and what the fair scheduler predicts for a small job's
 * time beside a big one. Pure, so the arithmetic can be read (and tested) without a lab.
 */
import { type LabDeviceSpec, labDeviceSpecs } from '../../src/lab/index.js';
import { NETWORK_PLATFORMS } from '../scenarios/fault-fleet.js';
import type { InventoryData } from './remote-lab.js';

/** The team's channels: spread out, so Slack's 1 message/s/channel paces the team, not netrun. */
export const LOAD_CHANNELS = 10;
/** Whoever runs the big job, in a channel of its own. */
export const BIG_USER = 'U0LOADOPS1';
export const BIG_CHANNEL = 'C0LOADOPS1';
export const BIG_GROUP = 'load-all';

export interface LoadFleet {
  specs: LabDeviceSpec[];
  users: LoadUser[];
  channels: { id: string; name: string }[];
}

export interface LoadUser {
  id: string;
  name: string;
  channel: string;
  group: string;
  devices: string[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `bigJobDevices` lab devices; user i owns the i-th run of `devicesPerUser` of them (platforms mixed,
 * as labDeviceSpecs deals them round-robin). Every device is also in the big job's group.
 */
export function loadFleet(users: number, devicesPerUser: number, bigJobDevices: number): LoadFleet {
  if (users < 1 || devicesPerUser < 1 || users * devicesPerUser > bigJobDevices)
    throw new Error(
      `load scenario: ${users} users × ${devicesPerUser} devices must fit in the ${bigJobDevices}-device lab ` +
        '(the big job targets every device, so give at least users × devicesPerUser)',
    );
  const specs = labDeviceSpecs(bigJobDevices, NETWORK_PLATFORMS);
  const channelCount = Math.min(LOAD_CHANNELS, users);
  const channels = Array.from({ length: channelCount }, (_, i) => ({
    id: `C0LOAD${pad(i + 1, 4)}`,
    name: `load-team-${i + 1}`,
  }));
  const team = Array.from({ length: users }, (_, i) => ({
    id: `U0LOAD${pad(i + 1, 4)}`,
    name: `load-user-${i + 1}`,
    channel: (channels[i % channelCount] as { id: string }).id,
    group: `load-u${pad(i + 1, 2)}`,
    devices: specs.slice(i * devicesPerUser, (i + 1) * devicesPerUser).map((s) => s.name),
  }));
  return { specs, users: team, channels: [{ id: BIG_CHANNEL, name: 'load-ops' }, ...channels] };
}

/** A group per user, one for the big job, and strict host keys against the lab's own. */
export function editLoadInventory(inventory: InventoryData, fleet: LoadFleet): void {
  inventory.defaults.connection = { ...inventory.defaults.connection, host_key_check: 'strict' };
  inventory.groups[BIG_GROUP] = { description: 'every device of the load lab' };
  for (const spec of fleet.specs) inventory.hosts[spec.name]?.groups.push(BIG_GROUP);
  for (const user of fleet.users) {
    inventory.groups[user.group] = { description: `${user.name}'s devices` };
    for (const name of user.devices) inventory.hosts[name]?.groups.push(user.group);
  }
}

/** Everyone may run read-only commands anywhere. */
export function loadPolicy(fleet: LoadFleet): string {
  const ids = [BIG_USER, ...fleet.users.map((u) => u.id)];
  return `roles:\n  load:\n    users: [${ids.join(', ')}]\n    run: {}\n`;
}

export interface FairShare {
  /** Slots one small job holds when the users run alone (all at once). */
  soloShare: number;
  /** Slots one small job holds beside the big job. */
  besideShare: number;
  /** How many devices-in-a-row a small job runs in each case. */
  soloWaves: number;
  besideWaves: number;
}

/**
 * What the scheduler promises: every job with a device waiting gets the next slot in turn (fewest
 * running first), each up to its own cap. So a small job's share is the bot-wide cap divided by the
 * jobs that want slots, never more than its cap or its device count. The big job is one job more,
 * not 1,000 devices more.
 */
export function fairShare(
  globalCap: number,
  jobCap: number,
  users: number,
  devicesPerUser: number,
): FairShare {
  const share = (jobs: number) => Math.min(jobCap, devicesPerUser, globalCap / jobs);
  const soloShare = share(users);
  const besideShare = share(users + 1);
  // A whole number of slots is what a job can hold; a fraction of one means taking turns.
  const waves = (s: number) => Math.ceil(devicesPerUser / (s >= 1 ? Math.floor(s) : s) - 1e-9);
  return { soloShare, besideShare, soloWaves: waves(soloShare), besideWaves: waves(besideShare) };
}

/**
 * A small job's fair time beside the big job: its solo time scaled by the extra waves its smaller
 * share costs, plus one device time, since it arrives while the big job holds its cap and waits for
 * the first of those slots to free.
 */
export function predictedBesideMs(soloMs: number, fair: FairShare, deviceMs: number): number {
  return (soloMs * fair.besideWaves) / fair.soloWaves + deviceMs;
}

interface Span {
  startedAt: number;
  finishedAt: number;
}

/**
 * How many of these devices were in flight on average between `from` and `to` (epoch ms): the share
 * of the bot's slots a job actually held over that time.
 */
export function meanInFlight(results: readonly Span[], from: number, to: number): number {
  if (to <= from) return 0;
  let busy = 0;
  for (const r of results) busy += Math.max(0, Math.min(r.finishedAt, to) - Math.max(r.startedAt, from));
  return busy / (to - from);
}

/**
 * The big job's average devices in flight while the small jobs still had devices waiting: from when
 * the devices it ran at `fired` had finished (a scheduler can only hand back slots as they free) to
 * when half the small jobs had started their last device. Undefined when that window is empty.
 */
export function heldWhileOthersWaited(
  big: readonly Span[],
  fired: number,
  small: readonly (readonly Span[])[],
): number | undefined {
  const from = Math.max(fired, ...big.filter((r) => r.startedAt <= fired).map((r) => r.finishedAt));
  const lastStarts = small
    .map((results) => Math.max(0, ...results.map((r) => r.startedAt)))
    .sort((a, b) => a - b);
  const to = lastStarts[Math.ceil(lastStarts.length / 2) - 1] ?? 0;
  return to > from ? meanInFlight(big, from, to) : undefined;
}
