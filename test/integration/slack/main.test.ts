import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDeviceSpecs } from '../../../src/lab/index.js';
import { runBot, startBot, stopBot } from '../../../src/main.js';
import { type BotFixture, startBotFixture } from '../ops/bot-fixture.js';
import { ALICE, CHANNEL, messageText } from './helpers.js';

let fixture: BotFixture;

beforeAll(async () => {
  // The fixture's environment names a database in its temp folder: the bot never opens ./netrun.db.
  fixture = await startBotFixture(labDeviceSpecs(4, ['cisco_xr', 'juniper_junos']));
});

afterAll(async () => {
  await fixture?.stop();
});

describe('the bot process (src/main.ts)', () => {
  it('starts from the environment, runs a job, and stops cleanly', async () => {
    const { standin } = fixture;
    const running = await startBot(fixture.env);
    try {
      expect(running.port).toBeGreaterThan(0);
      const answer = await fixture.driverFor(running.port!).slashCommand({
        text: 'show version core-routers',
        user_id: ALICE,
        channel_id: CHANNEL,
      });
      expect(answer.status).toBe(200);
      const record = await standin.waitFor(() => running.bot.jobs.list()[0], { timeoutMs: 10_000 });
      const report = await record.reporter.done;
      expect(report.summary).toMatchObject({ total: 4, ok: 4 });
      expect(messageText(standin.message(CHANNEL, report.parentTs!)!)).toContain('done · 4 devices · 4 ok');
    } finally {
      await stopBot(running, 'SIGTERM');
    }
    expect(standin.calls('auth.test').length).toBeGreaterThanOrEqual(1);
  });

  it('refuses to start, in plain words, when Slack refuses the token', async () => {
    const errors: string[] = [];
    const code = await runBot({
      env: { ...fixture.env, SLACK_BOT_TOKEN: 'xoxb-not-the-right-one' },
      stderr: { write: (text: string) => errors.push(text) },
      onShutdownSignal: () => undefined,
    });
    expect(code).toBe(1);
    expect(errors.join('')).toContain('Slack refused SLACK_BOT_TOKEN (auth.test said: invalid_auth)');
    expect(errors.join('')).not.toContain('xoxb-not-the-right-one');
  });

  it('names a broken policy file and the line', async () => {
    const badPolicy = join(fixture.dir, 'bad-policy.yaml');
    writeFileSync(badPolicy, 'roles:\n  netops:\n    users: [alice]\n');
    const errors: string[] = [];
    const code = await runBot({
      env: { ...fixture.env, NETRUN_POLICY: badPolicy },
      stderr: { write: (text: string) => errors.push(text) },
      onShutdownSignal: () => undefined,
    });
    expect(code).toBe(1);
    expect(errors.join('')).toMatch(
      /bad-policy\.yaml:3: roles\.netops\.users\[0\]: expected a Slack user ID/,
    );
  });

  it('runs until the shutdown signal, then exits 0', async () => {
    let ready: (signal: (name: string) => void) => void = () => undefined;
    const listening = new Promise<(name: string) => void>((resolve) => {
      ready = resolve;
    });
    const exit = runBot({
      env: fixture.env,
      stderr: { write: () => undefined },
      onShutdownSignal: (handler) => ready(handler),
    });
    (await listening)('SIGTERM');
    expect(await exit).toBe(0);
  });
});
