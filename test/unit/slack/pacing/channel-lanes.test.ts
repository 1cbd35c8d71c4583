import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/logger.js';
import { ChannelLanes, type LaneSender, type LaneTask, sleep } from '../../../../src/slack/index.js';
import { FakeTimers } from '../fake-timers.js';

function rateLimited(seconds: number): Error {
  return Object.assign(new Error('ratelimited'), {
    code: 'slack_webapi_rate_limited_error',
    retryAfter: seconds,
  });
}

/** A sender whose items are sent one per task; records when each went out. */
class QueueSender implements LaneSender {
  readonly items: string[] = [];
  readonly sent: { at: number; batch: string[] }[] = [];
  constructor(
    readonly timers: FakeTimers,
    readonly batch = false,
  ) {}
  nextTask(): LaneTask | undefined {
    if (this.items.length === 0) return undefined;
    const taken = this.batch ? this.items.splice(0) : this.items.splice(0, 1);
    return {
      run: async () => {
        this.sent.push({ at: this.timers.now(), batch: taken });
      },
      fail: () => undefined,
    };
  }
}

function setup(intervalMs = 1_000) {
  const timers = new FakeTimers(0);
  const lanes = new ChannelLanes({ intervalMs, timers, log: silentLogger() });
  return { timers, lanes };
}

describe('ChannelLanes', () => {
  it('sends into one channel at most once per interval, the first at once', async () => {
    const { timers, lanes } = setup();
    const sender = new QueueSender(timers);
    sender.items.push('a', 'b', 'c', 'd');
    lanes.wake('C1', sender);
    await timers.runAll();
    expect(sender.sent.map((s) => s.at)).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('counts the interval from the end of a slow message (a file is counted at its last call)', async () => {
    const { timers, lanes } = setup();
    const starts: number[] = [];
    const slow = () =>
      lanes.post('C1', async () => {
        starts.push(timers.now());
        await sleep(timers, 400);
      });
    const both = Promise.all([slow(), slow()]);
    await timers.runAll();
    await both;
    expect(starts).toEqual([0, 1_400]);
  });

  it('paces channels independently', async () => {
    const { timers, lanes } = setup();
    const one = new QueueSender(timers);
    const two = new QueueSender(timers);
    one.items.push('a', 'b');
    two.items.push('x', 'y');
    lanes.wake('C1', one);
    lanes.wake('C2', two);
    await timers.runAll();
    expect(one.sent.map((s) => s.at)).toEqual([0, 1_000]);
    expect(two.sent.map((s) => s.at)).toEqual([0, 1_000]);
  });

  it('asks a sender only at its turn, so everything that arrived meanwhile goes in one message', async () => {
    const { timers, lanes } = setup();
    const sender = new QueueSender(timers, true);
    sender.items.push('r1');
    lanes.wake('C1', sender);
    await timers.advance(10);
    for (const item of ['r2', 'r3', 'r4']) {
      sender.items.push(item);
      lanes.wake('C1', sender);
      await timers.advance(200);
    }
    await timers.runAll();
    expect(sender.sent).toEqual([
      { at: 0, batch: ['r1'] },
      { at: 1_000, batch: ['r2', 'r3', 'r4'] },
    ]);
  });

  it('puts urgent messages (a new job’s parent) ahead of queued replies, still paced', async () => {
    const { timers, lanes } = setup();
    const sender = new QueueSender(timers);
    sender.items.push('reply1', 'reply2');
    lanes.wake('C1', sender);
    await timers.advance(100);
    const order: string[] = [];
    const parent = lanes.post('C1', async () => {
      order.push(`parent@${timers.now()}`);
      return 'ts-1';
    });
    await timers.runAll();
    await expect(parent).resolves.toBe('ts-1');
    expect(order).toEqual(['parent@1000']);
    expect(sender.sent.map((s) => `${s.batch[0]}@${s.at}`)).toEqual(['reply1@0', 'reply2@2000']);
  });

  it('lets the jobs of one channel take turns', async () => {
    const { timers, lanes } = setup();
    const a = new QueueSender(timers);
    const b = new QueueSender(timers);
    a.items.push('a1', 'a2', 'a3');
    b.items.push('b1', 'b2');
    lanes.wake('C1', a);
    lanes.wake('C1', b);
    await timers.runAll();
    const all = [...a.sent, ...b.sent].sort((x, y) => x.at - y.at).map((s) => s.batch[0]);
    expect(all).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('on a 429 pauses only that channel for Retry-After, then resends the same message', async () => {
    const { timers, lanes } = setup();
    const attempts: number[] = [];
    const other: number[] = [];
    const sent = lanes.post('C1', async () => {
      attempts.push(timers.now());
      if (attempts.length === 1) throw rateLimited(3);
      return 'ok';
    });
    const elsewhere = new QueueSender(timers);
    elsewhere.items.push('x', 'y');
    lanes.wake('C2', elsewhere);
    await timers.runAll();
    await expect(sent).resolves.toBe('ok');
    expect(attempts).toEqual([0, 3_000]);
    other.push(...elsewhere.sent.map((s) => s.at));
    expect(other).toEqual([0, 1_000]);
  });

  it('gives up after repeated 429s and reports the failure once', async () => {
    const timers = new FakeTimers(0);
    const lanes = new ChannelLanes({
      intervalMs: 1_000,
      maxRateLimitRetries: 2,
      timers,
      log: silentLogger(),
    });
    let calls = 0;
    const failures: unknown[] = [];
    const task: LaneTask = {
      run: async () => {
        calls += 1;
        throw rateLimited(1);
      },
      fail: (error) => failures.push(error),
    };
    const tasks = [task];
    lanes.wake('C1', { nextTask: () => tasks.shift() });
    await timers.runAll();
    expect(calls).toBe(3);
    expect(failures).toHaveLength(1);
  });

  it('reports other errors at once, without retrying', async () => {
    const { timers, lanes } = setup();
    let calls = 0;
    const outcome = lanes
      .post('C1', async () => {
        calls += 1;
        throw Object.assign(new Error('invalid_blocks'), { data: { error: 'invalid_blocks' } });
      })
      .then(
        () => 'sent',
        (error: Error) => error.message,
      );
    await timers.runAll();
    await expect(outcome).resolves.toBe('invalid_blocks');
    expect(calls).toBe(1);
  });

  it('resolves idle() once nothing is queued or in flight', async () => {
    const { timers, lanes } = setup();
    const sender = new QueueSender(timers);
    sender.items.push('a', 'b', 'c');
    lanes.wake('C1', sender);
    let idle = false;
    void lanes.idle().then(() => {
      idle = true;
    });
    await timers.advance(1_500);
    expect(idle).toBe(false);
    await timers.runAll();
    expect(idle).toBe(true);
    expect(sender.sent).toHaveLength(3);
  });
});
