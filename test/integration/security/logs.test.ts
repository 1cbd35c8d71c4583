import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_SIGNING_SECRET, type Stack } from '../../../src/demo/index.js';
import { LAB_CREDENTIALS, labDeviceSpecs } from '../../../src/lab/index.js';
import { createLogger } from '../../../src/logger.js';
import { ACTION_IDS, BLOCK_IDS } from '../../../src/slack/index.js';
import { finishedJob } from '../slack/helpers.js';
import { ALICE, CHANNEL, DAVE, startSecurityStack } from './helpers.js';

const BOT_TOKEN = 'xoxb-log-test-token-4f9a1c';

interface LogLine {
  level: number;
  msg: string;
  jobId?: string;
  host?: string;
  component?: string;
  [key: string]: unknown;
}

const raw: string[] = [];
let stack: Stack;

beforeAll(async () => {
  // Every line, at the most detailed level, into memory.
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const logger = createLogger({ level: 'trace', destination });
  const devices = labDeviceSpecs(6, [
    'cisco_ios',
    'arista_eos',
    'cisco_xr',
    'juniper_junos',
    'cisco_nxos',
    'cisco_ios',
  ]).map((spec, index) => {
    if (index === 1) return { ...spec, fault: 'auth-reject' as const };
    if (index === 2 || index === 3) return { ...spec, latency: { commandMs: 2_000 } };
    return spec;
  });
  stack = await startSecurityStack(devices, {
    logger,
    standin: {
      tokens: [BOT_TOKEN],
      // Not "netrun-lab": that is also the lab's password, and the domain is in auth.test's answer.
      team: { id: 'T0NETRUN01', domain: 'lab-team', name: 'lab team' },
      channels: [{ id: CHANNEL, name: 'netops' }],
    },
  });
  // A job with an authentication failure and a privileged (enable) login on IOS and NX-OS…
  await stack.driver.slashCommand({ text: 'show running-config all', user_id: ALICE, channel_id: CHANNEL });
  await finishedJob(stack, 0);
  // …and one cancelled while its slow devices run.
  await stack.driver.slashCommand({ text: 'show version core-routers', user_id: ALICE, channel_id: CHANNEL });
  const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[1]);
  const parentTs = await record.reporter.parent;
  await stack.driver.click({
    action_id: ACTION_IDS.cancelJob,
    user: DAVE,
    channel: CHANNEL,
    message_ts: parentTs,
    value: record.id,
    block_id: BLOCK_IDS.jobActions,
  });
  await finishedJob(stack, 1);
  await stack.stop();
});

afterAll(async () => {
  await stack?.stop();
});

function lines(): LogLine[] {
  return raw.map((line) => JSON.parse(line) as LogLine);
}

/** Lines netrun writes itself (Bolt and the Web API log through component "slack"). */
function ownLines(): LogLine[] {
  return lines().filter((line) => line.component !== 'slack');
}

describe('the log of a job', () => {
  it('is JSON, one object a line, and has lines about the jobs and their devices', () => {
    expect(raw.length).toBeGreaterThan(50);
    const jobIds = stack.bot.jobs.list().map((record) => record.id);
    for (const jobId of jobIds) expect(lines().some((line) => line.jobId === jobId)).toBe(true);
    const deviceLines = lines().filter((line) => line.host !== undefined);
    expect(new Set(deviceLines.map((line) => line.host)).size).toBeGreaterThanOrEqual(6);
  });

  it('puts the job id on every device line, and the device on every device-task line', () => {
    for (const line of lines().filter((l) => l.host !== undefined)) {
      expect(line.jobId, JSON.stringify(line)).toMatch(/^[0-9a-f]{8}$/);
    }
    const tasks = lines().filter((line) => line.msg === 'device task finished');
    expect(tasks).toHaveLength(6 + 2);
    for (const line of tasks) expect(line.host).toBeDefined();
    const failed = tasks.find((line) => line.errorCode === 'AUTH_FAILED');
    expect(failed?.host).toBe('eos-001');
  });

  it('puts the job id on every line netrun writes about a job', () => {
    // The store's start-up lines name its tables ("jobs, device results"), not a job.
    const aboutJobs = ownLines().filter(
      (line) => /\bjob\b|\bdevice\b/i.test(line.msg) && !line.msg.startsWith('store:'),
    );
    expect(aboutJobs.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['job started from Slack', 'job cancelled from Slack', 'device task finished']),
    );
    for (const line of aboutJobs) expect(line.jobId, JSON.stringify(line)).toBeDefined();
  });

  it('never holds a secret: device passwords, the enable secret, the bot token, the signing secret', () => {
    const all = raw.join('\n');
    expect(all).toContain('show running-config');
    for (const secret of [
      LAB_CREDENTIALS.password,
      LAB_CREDENTIALS.enableSecret,
      BOT_TOKEN,
      STACK_SIGNING_SECRET,
    ]) {
      expect(all.includes(secret), `${secret} is in the log`).toBe(false);
    }
    // Device secrets stay masked too: running-config output reaches the log through Web API debug lines.
    expect(all.includes('NotARealHashJustLabData')).toBe(false);
    expect(all.includes('Lab.Only.Hash.Not.A.Real.Secret')).toBe(false);
  });
});
