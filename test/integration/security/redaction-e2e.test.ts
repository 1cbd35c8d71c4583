import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { LAB_CREDENTIALS, labDeviceSpecs } from '../../../src/lab/index.js';
import { finishedJob, threadContent } from '../slack/helpers.js';
import { ALICE, CHANNEL, startSecurityStack } from './helpers.js';

/** The secrets in the lab personalities' running configs, and the lab's login secrets. */
const LAB_SECRETS = [
  'Lab.Only.Hash.Not.A.Real.Secret',
  '$9$6pLqdTm0B2Xz8U',
  '$9$Kq9sd0vZ3bX1nE',
  'NotARealHashJustLabData',
  '0x00000000000000000000000000000000',
  LAB_CREDENTIALS.password,
  LAB_CREDENTIALS.enableSecret,
];

let stack: Stack;

beforeAll(async () => {
  // One device of each platform with a secret in its configuration.
  stack = await startSecurityStack(
    labDeviceSpecs(5, ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos']),
  );
});

afterAll(async () => {
  await stack?.stop();
});

/** Everything the bot sent to Slack: every Web API call's arguments, every response_url body, every uploaded file. */
function everythingSent(): string {
  const calls = stack.standin.calls().map((call) => JSON.stringify(call.args));
  const posts = stack.standin.responseUrlPosts().map((post) => JSON.stringify(post.body));
  const files = stack.standin.files().map((file) => file.content?.toString('utf8') ?? '');
  return [...calls, ...posts, ...files].join('\n');
}

describe('no secret reaches Slack', () => {
  it('the lab devices really hold the secrets (so the check below means something)', () => {
    const configs = stack
      .lab!.devices.map((device) => stack.lab!.device(device.name).runningConfig())
      .join('\n');
    for (const secret of LAB_SECRETS.slice(0, 5)) expect(configs).toContain(secret);
  });

  it('`show running-config` and `show configuration` through Slack post configs with every secret masked', async () => {
    const jobs = [
      'show running-config ios-001,nxos-001,xr-001,eos-001',
      '"show configuration | display set" junos-001',
    ];
    for (const [index, text] of jobs.entries()) {
      await stack.driver.slashCommand({ text, user_id: ALICE, channel_id: CHANNEL });
      const { report } = await finishedJob(stack, index);
      expect(report.summary?.ok, text).toBe(report.summary?.total);
    }
    const parents = stack.bot.jobs.list().map((record) => record.reporter.parent);
    const shown = (await Promise.all(parents)).map((ts) => threadContent(stack.standin, ts)).join('\n');
    // The configs did reach Slack, with the secrets' places marked.
    expect(shown).toContain('hostname ios-001');
    expect(shown).toContain('set system login');
    // Slack text escapes < and > (&lt;redacted&gt;); files hold the plain mask.
    const masks = shown.match(/<redacted>|&lt;redacted&gt;/g) ?? [];
    expect(masks.length).toBeGreaterThanOrEqual(8);

    const sent = everythingSent();
    expect(sent.length).toBeGreaterThan(10_000);
    for (const secret of LAB_SECRETS)
      expect(sent.includes(secret), `${secret} was sent to Slack`).toBe(false);
    const audit = JSON.stringify(stack.store.audit.query());
    expect(audit).toContain('"action":"device"');
    for (const secret of LAB_SECRETS)
      expect(audit.includes(secret), `${secret} is in the audit trail`).toBe(false);
  });
});
