import type { GroupCap, Host } from '../inventory/types.js';

export interface QueuedHost {
  host: Host;
  /** Position in the job's host list: the order devices are started in, caps permitting. */
  index: number;
}

export interface Candidate {
  item: QueuedHost;
  caps: readonly GroupCap[];
  /** Removes the candidate from the queue; call only right after peek(). */
  take(): void;
}

interface Bucket {
  caps: GroupCap[];
  items: QueuedHost[];
  head: number;
}

/**
 * A job's devices still waiting for a slot, bucketed by the set of capped groups they belong to.
 * Devices in one bucket are interchangeable as far as caps go, so finding the next device that
 * fits is one look per bucket rather than a scan of 10,000 hosts stuck behind a full group.
 */
export class HostQueue {
  readonly #buckets: Bucket[] = [];
  #size = 0;

  constructor(items: readonly QueuedHost[]) {
    const byKey = new Map<string, Bucket>();
    for (const item of items) {
      const caps = uniqueCaps(item.host.concurrencyCaps);
      const key = caps.map((cap) => `${cap.group}=${cap.limit}`).join('\n');
      let bucket = byKey.get(key);
      if (!bucket) {
        bucket = { caps, items: [], head: 0 };
        byKey.set(key, bucket);
        this.#buckets.push(bucket);
      }
      bucket.items.push(item);
    }
    this.#size = items.length;
  }

  get size(): number {
    return this.#size;
  }

  /** The waiting device that comes first in the job's order among those whose caps `fits` accepts. */
  peek(fits: (caps: readonly GroupCap[]) => boolean): Candidate | undefined {
    let best: Bucket | undefined;
    for (const bucket of this.#buckets) {
      const head = bucket.items[bucket.head];
      if (!head || (best && best.items[best.head]!.index < head.index)) continue;
      if (fits(bucket.caps)) best = bucket;
    }
    if (!best) return undefined;
    const chosen = best;
    return {
      item: chosen.items[chosen.head]!,
      caps: chosen.caps,
      take: () => {
        chosen.head += 1;
        this.#size -= 1;
      },
    };
  }

  /** Empties the queue and returns what was waiting, in the job's order. */
  drain(): QueuedHost[] {
    const rest = this.#buckets.flatMap((bucket) => bucket.items.slice(bucket.head));
    for (const bucket of this.#buckets) bucket.head = bucket.items.length;
    this.#size = 0;
    return rest.sort((a, b) => a.index - b.index);
  }
}

/** A group listed twice must not take two of its own slots. */
function uniqueCaps(caps: readonly GroupCap[]): GroupCap[] {
  const byGroup = new Map<string, GroupCap>();
  for (const cap of caps) {
    const seen = byGroup.get(cap.group);
    if (!seen || cap.limit < seen.limit) byGroup.set(cap.group, { group: cap.group, limit: cap.limit });
  }
  return [...byGroup.values()].sort((a, b) => a.group.localeCompare(b.group));
}
