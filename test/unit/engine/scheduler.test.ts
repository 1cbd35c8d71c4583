import { describe, expect, it } from 'vitest';
import { HostQueue } from '../../../src/engine/host-queue.js';
import { type Grant, SlotScheduler, type SlotUser } from '../../../src/engine/scheduler.js';
import type { GroupCap } from '../../../src/inventory/types.js';
import { makeHost } from '../../helpers/make-host.js';

const aaa: GroupCap = { group: 'aaa', limit: 2 };
const dc: GroupCap = { group: 'dc', limit: 1 };

function user(names: string[], cap: number, caps: (name: string) => GroupCap[] = () => []): SlotUser {
  const queue = new HostQueue(
    names.map((name, index) => ({ host: makeHost(name, { caps: caps(name) }), index })),
  );
  return { cap, peek: (fits) => queue.peek(fits) };
}

function grantAll(scheduler: SlotScheduler): Grant[] {
  const grants: Grant[] = [];
  for (let grant = scheduler.next(); grant; grant = scheduler.next()) grants.push(grant);
  return grants;
}

const names = (grants: Grant[]) => grants.map((grant) => grant.item.host.name);

describe('HostQueue', () => {
  it('offers devices in job order, skipping ones whose groups are full, and drains in order', () => {
    const hosts = ['a1', 'a2', 'b1', 'a3', 'b2'].map((name, index) => ({
      host: makeHost(name, { caps: name.startsWith('a') ? [aaa] : [] }),
      index,
    }));
    const queue = new HostQueue(hosts);
    const first = queue.peek(() => true)!;
    expect(first.item.host.name).toBe('a1');
    first.take();
    const skipping = queue.peek((caps) => caps.length === 0)!;
    expect(skipping.item.host.name).toBe('b1');
    skipping.take();
    expect(queue.size).toBe(3);
    expect(queue.drain().map((item) => item.host.name)).toEqual(['a2', 'a3', 'b2']);
    expect(queue.size).toBe(0);
    expect(queue.peek(() => true)).toBeUndefined();
  });

  it('counts a group listed twice once, at its lower limit', () => {
    const host = makeHost('x', {
      caps: [
        { group: 'g', limit: 3 },
        { group: 'g', limit: 2 },
      ],
    });
    const candidate = new HostQueue([{ host, index: 0 }]).peek(() => true)!;
    expect(candidate.caps).toEqual([{ group: 'g', limit: 2 }]);
  });
});

describe('SlotScheduler', () => {
  it('never grants more than the global cap or a job cap', () => {
    const scheduler = new SlotScheduler(5);
    const big = user(['a', 'b', 'c', 'd', 'e', 'f'], 3);
    const other = user(['x', 'y', 'z'], 10);
    scheduler.register(big);
    scheduler.register(other);
    const grants = grantAll(scheduler);
    expect(grants).toHaveLength(5);
    expect(scheduler.runningOf(big)).toBe(3);
    expect(scheduler.runningOf(other)).toBe(2);
    expect(scheduler.running).toBe(5);
  });

  it('respects every group a device is in, and lets other devices pass a full group', () => {
    const scheduler = new SlotScheduler(50);
    const caps = (name: string): GroupCap[] =>
      name.startsWith('both') ? [aaa, dc] : name.startsWith('a') ? [aaa] : [];
    const job = user(['both1', 'both2', 'a1', 'a2', 'free1'], 50, caps);
    scheduler.register(job);
    const grants = grantAll(scheduler);
    // both1 takes aaa and dc; both2 waits on dc; a1 takes the second aaa slot; a2 waits on aaa.
    expect(names(grants)).toEqual(['both1', 'a1', 'free1']);
    expect(scheduler.groupRunning('aaa')).toBe(2);
    expect(scheduler.groupRunning('dc')).toBe(1);
    scheduler.release(grants[0]!);
    expect(names(grantAll(scheduler))).toEqual(['both2']);
  });

  it('gives freed slots to the job running the fewest devices, so a small job is not starved', () => {
    const scheduler = new SlotScheduler(4);
    const big = user(
      Array.from({ length: 100 }, (_, index) => `big${index}`),
      50,
    );
    scheduler.register(big);
    const bigGrants = grantAll(scheduler);
    expect(bigGrants).toHaveLength(4);
    const small = user(['s1', 's2', 's3'], 50);
    scheduler.register(small);
    const started: Grant[] = [];
    for (const grant of bigGrants) {
      scheduler.release(grant);
      started.push(...grantAll(scheduler));
    }
    // Small (0 running) beats big (3) until both run 2; from then on the global cap is shared 2:2.
    expect(names(started)).toEqual(['s1', 's2', 'big4', 'big5']);
    scheduler.release(started[0]!);
    expect(names(grantAll(scheduler))).toEqual(['s3']);
  });

  it('takes turns between equal jobs', () => {
    const scheduler = new SlotScheduler(1);
    const a = user(['a1', 'a2', 'a3'], 5);
    const b = user(['b1', 'b2', 'b3'], 5);
    scheduler.register(a);
    scheduler.register(b);
    const order: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const [grant] = grantAll(scheduler);
      order.push(grant!.item.host.name);
      scheduler.release(grant!);
    }
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  });

  it('shares group caps across jobs', () => {
    const scheduler = new SlotScheduler(50);
    const allAaa = () => [aaa];
    scheduler.register(user(['a1', 'a2', 'a3'], 10, allAaa));
    scheduler.register(user(['b1', 'b2'], 10, allAaa));
    expect(names(grantAll(scheduler))).toEqual(['a1', 'b1']);
    expect(scheduler.groupRunning('aaa')).toBe(2);
  });
});
