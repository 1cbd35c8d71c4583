import { describe, expect, it } from 'vitest';
import {
  BIG_GROUP,
  editLoadInventory,
  fairShare,
  heldWhileOthersWaited,
  loadFleet,
  loadPolicy,
  meanInFlight,
  predictedBesideMs,
} from '../../../reliability/support/load-helpers.js';

describe('loadFleet', () => {
  it('gives each user their own devices and spreads users over at most 10 channels', () => {
    const fleet = loadFleet(50, 20, 1_000);
    expect(fleet.specs).toHaveLength(1_000);
    const owned = fleet.users.flatMap((u) => u.devices);
    expect(new Set(owned).size).toBe(1_000);
    expect(new Set(fleet.users.map((u) => u.channel)).size).toBe(10);
    expect(fleet.channels).toHaveLength(11);
  });

  it('refuses users whose devices do not fit in the lab, saying what to give', () => {
    expect(() => loadFleet(10, 30, 200)).toThrow(/10 users × 30 devices must fit in the 200-device lab/);
  });

  it('puts every device in the big group, each user’s in theirs, and lists every user in the policy', () => {
    const fleet = loadFleet(2, 3, 10);
    const inventory = {
      defaults: {},
      groups: {},
      hosts: Object.fromEntries(fleet.specs.map((s) => [s.name, { groups: [] as string[] }])),
    };
    editLoadInventory(inventory, fleet);
    expect(Object.values(inventory.hosts).every((h) => h.groups.includes(BIG_GROUP))).toBe(true);
    const second = fleet.users[1]!;
    for (const name of second.devices) expect(inventory.hosts[name]?.groups).toContain(second.group);
    expect(inventory.defaults).toEqual({ connection: { host_key_check: 'strict' } });
    for (const id of fleet.users.map((u) => u.id)) expect(loadPolicy(fleet)).toContain(id);
  });
});

describe('fair share', () => {
  it('splits the bot-wide cap among the jobs that want slots, capped per job and by device count', () => {
    // 50 users × 20 devices: one slot each alone, 50/51 of one beside the big job.
    const many = fairShare(50, 20, 50, 20);
    expect(many.soloShare).toBe(1);
    expect(many.besideShare).toBeCloseTo(50 / 51);
    expect(many.soloWaves).toBe(20);
    expect(many.besideWaves).toBe(21);
    // 6 users: 8 slots alone (3 waves), 7 beside (3 waves).
    const few = fairShare(50, 20, 6, 20);
    expect([few.soloShare, few.soloWaves, few.besideWaves]).toEqual([50 / 6, 3, 3]);
    // 2 users: the per-job cap and the device count bound the share.
    expect(fairShare(50, 20, 2, 5).soloShare).toBe(5);
  });

  it('predicts the time beside the big job from the solo time, the extra waves and one device time', () => {
    expect(predictedBesideMs(6_000, fairShare(50, 20, 50, 20), 300)).toBeCloseTo((6_000 * 21) / 20 + 300);
  });
});

describe('devices in flight', () => {
  const span = (startedAt: number, finishedAt: number) => ({ startedAt, finishedAt });

  it('averages the devices running over a window', () => {
    expect(meanInFlight([span(0, 100), span(50, 150)], 0, 100)).toBe(1.5);
    expect(meanInFlight([span(0, 100)], 100, 100)).toBe(0);
  });

  it('measures the big job from when its running devices freed to when half the small jobs started their last', () => {
    const big = [span(0, 100), span(0, 100), span(100, 400), span(150, 400)];
    const small = [
      [span(100, 200), span(200, 300)],
      [span(100, 200), span(300, 400)],
    ];
    // From 100 (the devices running at 50 finished) to 200: the big job held 1 then 2 devices.
    expect(heldWhileOthersWaited(big, 50, small)).toBe(1.5);
    // Small jobs all started before the big job's slots freed: nothing to measure.
    expect(heldWhileOthersWaited(big, 50, [[span(10, 20)]])).toBeUndefined();
  });
});
