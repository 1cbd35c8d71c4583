import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliChild, killIfRunning, spawnCli } from '../../helpers/spawn-cli.js';
import { waitFor } from '../../helpers/wait-for.js';
import { messageText } from '../slack/helpers.js';
import { ALICE, type BotFixture, CHANNEL, readyPort, startBotFixture } from './bot-fixture.js';

/**
 * kill -9 of a real `netrun start` process in the middle of a job, then a second process on the same
 * database: the thread is told which devices had finished and which had not, gets the results it
 * never received, and its parent message is finished.
 */

// fast-1 finishes and is posted; mid-1 finishes while Slack is stalled, so it is recorded but not
// posted; the slow ones are still running when the process dies.
const DEVICES = [
  { name: 'fast-1', platform: 'cisco_ios' },
  { name: 'mid-1', platform: 'arista_eos', latency: { commandMs: 2000 } },
  { name: 'slow-1', platform: 'cisco_ios', latency: { commandMs: 20_000 } },
  { name: 'slow-2', platform: 'cisco_ios', latency: { commandMs: 20_000 } },
];

let fixture: BotFixture;
const children: CliChild[] = [];

beforeAll(async () => {
  fixture = await startBotFixture(DEVICES, { mixed: DEVICES.map((d) => d.name) });
});

afterEach(() => {
  for (const child of children.splice(0)) killIfRunning(child);
  fixture.standin.faults.clear();
});

afterAll(async () => {
  await fixture?.stop();
});

function start(): CliChild {
  const child = spawnCli(['start'], {
    ...fixture.env,
    NETRUN_LOG_LEVEL: 'info',
    NETRUN_SHUTDOWN_GRACE_SECONDS: '1',
  });
  children.push(child);
  return child;
}

function results(jobId: string) {
  const db = fixture.openDb();
  try {
    return db.jobs.results(jobId);
  } finally {
    db.close();
  }
}

describe('restart after kill -9 during a job', () => {
  it('tells the thread which devices finished, posts what it missed, and finishes the parent', async () => {
    const { standin } = fixture;
    const first = start();
    const driver = fixture.driverFor(await readyPort(first));
    await driver.slashCommand({ text: 'show version mixed', user_id: ALICE, channel_id: CHANNEL });
    const parent = await standin.waitFor(() => standin.channel(CHANNEL)[0], { timeoutMs: 10_000 });
    const jobId = /job `([0-9a-f]+)`/.exec(messageText(parent))![1]!;
    await waitFor(() => results(jobId).some((r) => r.host === 'fast-1' && r.posted), 15_000, 'fast-1 posted');
    // Slack stalls: what finishes from now on is recorded but cannot reach the thread.
    standin.faults.set([{ kind: 'delay', delayMs: 60_000, methods: ['chat.postMessage'] }]);
    await waitFor(() => results(jobId).some((r) => r.host === 'mid-1'), 15_000, 'mid-1 recorded');
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    standin.faults.clear();
    const before = standin.thread(CHANNEL, parent.ts).length;

    const second = start();
    await readyPort(second);
    const notice = await standin.waitFor(
      () =>
        standin
          .thread(CHANNEL, parent.ts)
          .find((m) => messageText(m).includes('netrun stopped unexpectedly')),
      { timeoutMs: 15_000, description: 'the recovery notice' },
    );
    const said = messageText(notice);
    expect(said).toContain(`job \`${jobId}\` was running`);
    expect(said).toContain('*Finished before the stop* (2 of 4)');
    expect(said).toMatch(/2 devices ok: fast-1, mid-1/);
    expect(said).toContain('*Not finished* (2): slow-1, slow-2');
    expect(said).toContain('posted above: mid-1');
    // mid-1's output arrived once, from recovery, before the notice.
    const replies = standin.thread(CHANNEL, parent.ts).slice(before);
    expect(replies.map(messageText).filter((t) => t.includes('mid-1'))).toHaveLength(2);
    expect(messageText(replies[0]!)).toContain('mid-1');
    await standin.waitFor(
      () => messageText(standin.message(CHANNEL, parent.ts)!).includes('netrun restarted'),
      {
        timeoutMs: 10_000,
      },
    );
    expect(messageText(standin.message(CHANNEL, parent.ts)!)).toContain(
      'interrupted · 4 devices · 2 finished (2 ok) · 2 not finished · netrun restarted',
    );

    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const db = fixture.openDb();
    try {
      expect(db.jobs.get(jobId)?.status).toBe('interrupted');
      expect(db.jobs.results(jobId).map((r) => [r.host, r.posted])).toEqual([
        ['fast-1', true],
        ['mid-1', true],
      ]);
    } finally {
      db.close();
    }
  });
});
