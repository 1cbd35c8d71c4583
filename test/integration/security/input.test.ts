import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { MAX_TEXT_CHARS } from '../../../src/slack/index.js';
import { nextEphemeral } from '../slack/helpers.js';
import {
  ALICE,
  auditSince,
  CHANNEL,
  deviceActivity,
  lastAuditId,
  outbound,
  startSecurityStack,
  waitForAudit,
} from './helpers.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startSecurityStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** The refusal Bolt sent back in the ack itself (an ephemeral message as the HTTP answer). */
function ackText(json: unknown): string {
  const body = json as { response_type?: string; text?: string } | undefined;
  expect(body?.response_type).toBe('ephemeral');
  return body?.text ?? '';
}

/**
 * Refused in the ack, from the text alone: no Slack call at all (not even a user group lookup), no
 * response_url post, no device session, one `refused` audit entry with the parser's reason.
 */
async function expectRefusedInAck(text: string, problem: string): Promise<string> {
  const before = {
    outbound: outbound(stack.standin),
    devices: deviceActivity(stack),
    audit: lastAuditId(stack),
  };
  const answer = await stack.driver.slashCommand({ text, user_id: ALICE, channel_id: CHANNEL });
  expect(answer.status).toBe(200);
  expect(answer.ackMs).toBeLessThan(3_000);
  const refusal = ackText(answer.json);
  const entry = await waitForAudit(stack, before.audit, (e) => e.action === 'refused');
  expect(entry).toMatchObject({
    actor: ALICE,
    outcome: 'invalid',
    details: { problem, request: 'unparsed' },
  });
  expect(entry.details?.length).toBe(text.length);
  // Time for a wrongly started job or a late answer to show up before asserting there is none.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(outbound(stack.standin)).toBe(before.outbound);
  expect(deviceActivity(stack)).toEqual(before.devices);
  expect(stack.bot.jobs.list()).toHaveLength(0);
  expect(auditSince(stack, before.audit)).toHaveLength(1);
  return refusal;
}

describe('newlines and control characters', () => {
  const cases: Array<[string, string, string]> = [
    ['a newline', 'show version\nreload core-routers', 'a line break'],
    ['a carriage return', 'show version\rreload core-routers', 'a line break'],
    ['CRLF at the end', 'show version core-routers\r\n', 'a line break'],
    ['a Unicode line separator', 'show version\u2028reload core-routers', 'a line break'],
    ['a tab', 'show\tversion core-routers', 'a tab'],
    ['NUL', 'show version\u0000 core-routers', 'U+0000'],
    ['an ANSI escape', '\u001b[2Jshow version core-routers', 'U+001B'],
    ['DEL', 'show version\u007f core-routers', 'U+007F'],
    ['a C1 control', 'show version\u0085 core-routers', 'U+0085'],
    ['a zero-width space', 'show\u200bversion core-routers', 'U+200B'],
    ['a right-to-left override', 'show version \u202ecore-routers', 'U+202E'],
    ['a control character inside quotes', '"show version\u0007" core-routers', 'U+0007'],
  ];
  for (const [name, text, says] of cases) {
    it(`refuses ${name} in the ack; nothing is posted and no device is touched`, async () => {
      const refusal = await expectRefusedInAck(text, 'control-character');
      expect(refusal).toContain(says);
      expect(refusal).toContain('exactly one single-line command');
    });
  }
});

describe('100 KB of input', () => {
  const huge = [
    ['one token', 'x'.repeat(100 * 1024)],
    ['many words', 'show '.repeat(20 * 1024)],
    ['an unterminated quote', `"${'a'.repeat(100 * 1024)}`],
    ['multi-byte characters', 'ü'.repeat(50 * 1024)],
  ] as const;
  for (const [name, text] of huge) {
    it(`answers ${name} quickly with a clear refusal`, async () => {
      const refusal = await expectRefusedInAck(text, 'too-long');
      expect(refusal).toContain(
        `That is ${text.length} characters long; netrun takes at most ${MAX_TEXT_CHARS}`,
      );
    });
  }

  it('is still answering normally afterwards (no crash)', async () => {
    const answer = await nextEphemeral(stack.standin, ALICE, () =>
      stack.driver.slashCommand({ text: 'groups', user_id: ALICE, channel_id: CHANNEL }),
    );
    expect(answer).toContain('core-routers');
  });
});

describe('unknown targets', () => {
  it('refuses with "did you mean", touches no device, and audits the refusal', async () => {
    const since = lastAuditId(stack);
    const devices = deviceActivity(stack);
    const refusal = await nextEphemeral(stack.standin, ALICE, () =>
      stack.driver.slashCommand({ text: 'show version core-router', user_id: ALICE, channel_id: CHANNEL }),
    );
    expect(refusal).toContain('did you mean "core-routers"');
    const entry = await waitForAudit(stack, since, (e) => e.action === 'refused');
    expect(entry).toMatchObject({
      outcome: 'unknown-target',
      target: 'core-router',
      command: 'show version',
    });
    expect(deviceActivity(stack)).toEqual(devices);
    expect(stack.bot.jobs.list()).toHaveLength(0);
  });

  it('says the same for `devices` and for a typo among several targets', async () => {
    const devicesAnswer = await nextEphemeral(stack.standin, ALICE, () =>
      stack.driver.slashCommand({ text: 'devices egde-switches', user_id: ALICE, channel_id: CHANNEL }),
    );
    expect(devicesAnswer).toContain('did you mean "edge-switches"');
    const listAnswer = await nextEphemeral(stack.standin, ALICE, () =>
      stack.driver.slashCommand({
        text: 'show version core-routers,ios-01',
        user_id: ALICE,
        channel_id: CHANNEL,
      }),
    );
    expect(listAnswer).toContain('did you mean "ios-001"');
    expect(stack.bot.jobs.list()).toHaveLength(0);
  });
});
