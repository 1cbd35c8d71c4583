/**
 * Slack-shaped identifiers. Message `ts` values are "seconds.micro" strings that Slack guarantees
 * unique and increasing per channel; bots use them as message ids, so the stand-in makes them strictly
 * increasing across the whole workspace even when many posts land in the same microsecond.
 */

export type Clock = () => number;

export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${seconds}.${fraction}`;
}

/** The ts as whole microseconds, or undefined when it is not `digits.6digits`. */
export function parseTs(ts: string): number | undefined {
  const match = /^(\d{1,12})\.(\d{6})$/.exec(ts);
  if (!match) return undefined;
  return Number(match[1]) * 1_000_000 + Number(match[2]);
}

export function compareTs(a: string, b: string): number {
  return (parseTs(a) ?? 0) - (parseTs(b) ?? 0);
}

export function createTsClock(now: Clock): () => string {
  let last = 0;
  return () => {
    last = Math.max(Math.floor(now() * 1000), last + 1);
    return formatTs(last);
  };
}

/** Sequential ids with Slack's one-letter prefixes (F for files, V for views, ...). */
export function createIdFactory(): (prefix: string) => string {
  const counters = new Map<string, number>();
  return (prefix) => {
    const next = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, next);
    return `${prefix}${String(next).padStart(10, '0')}`;
  };
}

/** mulberry32: a tiny seeded generator, so fault fractions repeat run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
