import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, labDeviceSpecs, startLab } from '../../../src/lab/index.js';
import { createSlackDriver, type SlackStandin, startSlackStandin } from '../../../src/lab/slack/index.js';
import { runBot, startBot, stopBot } from '../../../src/main.js';
import { ALICE, CHANNEL, messageText, POLICY_YAML } from './helpers.js';

const SECRET = 'main-test-signing-secret';
let lab: Lab;
let standin: SlackStandin;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  lab = await startLab({ devices: labDeviceSpecs(4, ['cisco_xr', 'juniper_junos']) });
  standin = await startSlackStandin();
  dir = mkdtempSync(join(tmpdir(), 'netrun-main-'));
  writeFileSync(join(dir, 'inventory.yaml'), lab.inventoryYaml({ literalCredentials: true }));
  writeFileSync(join(dir, 'policy.yaml'), POLICY_YAML);
  env = {
    SLACK_BOT_TOKEN: standin.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standin.apiUrl,
    PORT: '0',
    NETRUN_HTTP_HOST: '127.0.0.1',
    NETRUN_INVENTORY: join(dir, 'inventory.yaml'),
    NETRUN_POLICY: join(dir, 'policy.yaml'),
    NETRUN_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETRUN_LOG_LEVEL: 'silent',
  };
});

afterAll(async () => {
  await standin?.close();
  await lab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the bot process (src/main.ts)', () => {
  it('starts from the environment, runs a job, and stops cleanly', async () => {
    const running = await startBot(env);
    try {
      expect(running.port).toBeGreaterThan(0);
      const driver = createSlackDriver({
        url: `http://127.0.0.1:${running.port}/slack/events`,
        signingSecret: SECRET,
        standin,
      });
      const answer = await driver.slashCommand({
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
      env: { ...env, SLACK_BOT_TOKEN: 'xoxb-not-the-right-one' },
      stderr: { write: (text: string) => errors.push(text) },
      onShutdownSignal: () => undefined,
    });
    expect(code).toBe(1);
    expect(errors.join('')).toContain('Slack refused SLACK_BOT_TOKEN (auth.test said: invalid_auth)');
    expect(errors.join('')).not.toContain('xoxb-not-the-right-one');
  });

  it('names a broken policy file and the line', async () => {
    writeFileSync(join(dir, 'bad-policy.yaml'), 'roles:\n  netops:\n    users: [alice]\n');
    const errors: string[] = [];
    const code = await runBot({
      env: { ...env, NETRUN_POLICY: join(dir, 'bad-policy.yaml') },
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
      env,
      stderr: { write: () => undefined },
      onShutdownSignal: (handler) => ready(handler),
    });
    (await listening)('SIGTERM');
    expect(await exit).toBe(0);
  });
});
