import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliChild, killIfRunning, spawnCli } from '../../helpers/spawn-cli.js';
import { waitFor } from '../../helpers/wait-for.js';
import { messageText } from '../slack/helpers.js';
import { ALICE, type BotFixture, CHANNEL, getJson, readyPort, startBotFixture } from './bot-fixture.js';

/**
 * SIGTERM to a real `netrun start` process (src/cli.ts in a child Node) in the middle of a job: new
 * commands are refused politely and /healthz says 503 during the grace period, the devices still
 * running after it are stopped, the thread says "interrupted" (not "cancelled by"), and the process
 * exits 0.
 */

const FAST = ['fast-1', 'fast-2'];
// Every line typed on these answers after 20 s: they are still running when SIGTERM comes.
const SLOW = ['slow-1', 'slow-2'];

let fixture: BotFixture;
let cli: CliChild | undefined;

beforeAll(async () => {
  fixture = await startBotFixture(
    [
      ...FAST.map((name) => ({ name, platform: 'cisco_ios' })),
      ...SLOW.map((name) => ({ name, platform: 'cisco_ios', latency: { commandMs: 20_000 } })),
    ],
    { mixed: [...FAST, ...SLOW] },
  );
});

afterEach(() => {
  killIfRunning(cli);
  cli = undefined;
});

afterAll(async () => {
  await fixture?.stop();
});

describe('netrun start, stopped with SIGTERM during a job', () => {
  it('refuses new commands, interrupts what is left after the grace period, says so in the thread, exits 0', async () => {
    const env = { ...fixture.env, NETRUN_LOG_LEVEL: 'info', NETRUN_SHUTDOWN_GRACE_SECONDS: '2' };
    cli = spawnCli(['start'], env);
    const port = await readyPort(cli);
    const driver = fixture.driverFor(port);
    const { standin } = fixture;
    expect(
      (await driver.slashCommand({ text: 'show version mixed', user_id: ALICE, channel_id: CHANNEL })).status,
    ).toBe(200);
    const parent = await standin.waitFor(() => standin.channel(CHANNEL)[0], { timeoutMs: 10_000 });
    await standin.waitFor(
      () => {
        const thread = standin.thread(CHANNEL, parent.ts).map(messageText).join('\n');
        return FAST.every((host) => thread.includes(host));
      },
      { timeoutMs: 15_000, description: 'the fast devices in the thread' },
    );

    const sent = performance.now();
    cli.process.kill('SIGTERM');
    // Still listening during the grace period, but not ready, and refusing new work.
    await waitFor(
      () => cli!.stderr().includes('shutting down: refusing new commands'),
      5_000,
      'the shutdown to begin',
    );
    const health = await getJson(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      checks: { accepting: { ok: false, detail: expect.stringContaining('SIGTERM') } },
    });
    const refused = await driver.slashCommand({
      text: 'show clock mixed',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('netrun is restarting'),
    });

    expect(await cli.exited).toEqual({ code: 0, signal: null });
    // Grace (2 s) + the slow sessions closing + the summary: well under the 20 s they would have taken.
    expect(performance.now() - sent).toBeLessThan(15_000);

    const thread = standin.thread(CHANNEL, parent.ts);
    const summary = messageText(thread.at(-1)!);
    expect(summary).toContain('Summary');
    expect(summary).toContain('*Interrupted:* netrun is restarting (SIGTERM)');
    expect(summary).not.toContain('cancelled by');
    const finalParent = messageText(standin.message(CHANNEL, parent.ts)!);
    expect(finalParent).toContain('interrupted · 4 devices · 2 ok · 2 cancelled');
    // The refused command started nothing.
    expect(standin.channel(CHANNEL)).toHaveLength(1);

    const db = fixture.openDb();
    try {
      const [job] = db.jobs.list();
      expect(job).toMatchObject({ status: 'interrupted', threadTs: parent.ts, summary: { ok: 2, notOk: 2 } });
      expect(
        db.jobs
          .results(job!.id)
          .map((r) => [r.host, r.status, r.posted])
          .sort(),
      ).toEqual([
        ['fast-1', 'ok', true],
        ['fast-2', 'ok', true],
        ['slow-1', 'cancelled', true],
        ['slow-2', 'cancelled', true],
      ]);
      expect(db.audit.query({ action: 'interrupted' }).map((e) => e.jobId)).toEqual([job!.id]);
    } finally {
      db.close();
    }
  });
});
