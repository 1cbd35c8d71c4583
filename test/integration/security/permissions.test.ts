import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import { checkApprove, parsePolicy } from '../../../src/engine/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../../../src/slack/index.js';
import { finishedJob, nextEphemeral } from '../slack/helpers.js';
import {
  ALICE,
  auditSince,
  BOB,
  CAROL,
  CHANNEL,
  DAVE,
  deviceActivity,
  ERIN,
  fourDevices,
  lastAuditId,
  NETOPS_GROUP,
  OTHER_CHANNEL,
  SECURITY_POLICY,
  startSecurityStack,
  waitForAudit,
} from './helpers.js';

let stack: Stack;

beforeAll(async () => {
  // Core routers answer slowly, so a job on them is still running when someone presses Cancel.
  const devices = fourDevices().map((spec) =>
    spec.platform === 'cisco_xr' || spec.platform === 'juniper_junos'
      ? { ...spec, latency: { commandMs: 3_000 } }
      : spec,
  );
  stack = await startSecurityStack(devices);
});

afterAll(async () => {
  await stack?.stop();
});

function slash(text: string, user: string, channel = CHANNEL) {
  return nextEphemeral(stack.standin, user, async () => {
    const answer = await stack.driver.slashCommand({ text, user_id: user, channel_id: channel });
    expect(answer.status).toBe(200);
    expect(answer.ackMs).toBeLessThan(3_000);
  });
}

/** Runs a refused request and checks the whole contract: the words, no device, nothing in the channel, the audit entry. */
async function expectRefused(
  text: string,
  user: string,
  expected: { says: string; missing: string; channel?: string },
) {
  const channel = expected.channel ?? CHANNEL;
  const devices = deviceActivity(stack);
  const posted = stack.standin.channel(CHANNEL).length;
  const since = lastAuditId(stack);
  const refusal = await slash(text, user, channel);
  expect(refusal).toContain(expected.says);
  const entry = await waitForAudit(stack, since, (e) => e.action === 'refused', `the refusal of "${text}"`);
  expect(entry).toMatchObject({
    actor: user,
    channel,
    outcome: 'refused',
    details: { missing: expected.missing },
  });
  expect(entry.reason).toContain(`missing permission: ${expected.missing}`);
  expect(deviceActivity(stack)).toEqual(devices);
  expect(stack.standin.channel(CHANNEL)).toHaveLength(posted);
  expect(auditSince(stack, since).filter((e) => e.action !== 'refused')).toEqual([]);
  return refusal;
}

describe('users without the permission', () => {
  it('run: someone in no role is refused, and told their user id and the policy file', async () => {
    const refusal = await expectRefused('show version core-routers', BOB, {
      says: 'You are not allowed to run commands with netrun',
      missing: 'run',
    });
    expect(refusal).toContain(BOB);
    expect(refusal).toContain('policy.yaml');
  });

  it('run: a command outside the role’s patterns, and a chained command, are refused', async () => {
    await expectRefused('show clock core-routers', CAROL, {
      says: 'allow only `show version`',
      missing: 'run',
    });
    await expectRefused('"show version; reload" core-routers', ALICE, {
      says: 'matches the deny pattern `*;*`',
      missing: 'run',
    });
  });

  it('listings: someone in no role may not see the inventory’s names', async () => {
    for (const text of ['groups', 'devices core-routers', 'jobs']) {
      await expectRefused(text, BOB, { says: 'You are not allowed to use netrun', missing: 'role' });
    }
  });

  it('push: refused before any form opens to someone without `push`, and beyond the role’s targets', async () => {
    const forms = stack.standin.calls('views.open').length;
    await expectRefused('push edge-switches', BOB, { says: 'no role with `push`', missing: 'push' });
    await expectRefused('push edge-switches', CAROL, { says: 'no role with `push`', missing: 'push' });
    await expectRefused('push all', ALICE, { says: '`push` does not cover xr-001', missing: 'push' });
    expect(stack.standin.calls('views.open')).toHaveLength(forms);
    // Refusing to approve is a button on a push request: test/integration/push/approval-flow.test.ts.
  });

  it('self-approval: the policy lets alice approve, the store still refuses her own push', () => {
    const policy = parsePolicy(SECURITY_POLICY, 'policy.yaml');
    const edge = stack.inventory.hosts.filter((host) => host.groups.includes('edge-switches'));
    const alice = { userId: ALICE, usergroups: new Set<string>() };
    expect(checkApprove(policy, alice, edge).allowed).toBe(true);
    const now = Date.now();
    stack.store.approvals.create({
      id: 'sec-a1',
      requester: ALICE,
      channel: CHANNEL,
      target: 'edge-switches',
      hosts: edge.map((host) => host.name),
      lines: ['ntp server 192.0.2.1'],
      options: { save: false, canary: 0, stopAfterFailures: 1 },
      expiresAt: now + 60_000,
    });
    const own = stack.store.approvals.decide({
      id: 'sec-a1',
      user: ALICE,
      decision: 'approve',
      now,
      isApprover: true,
    });
    expect(own.kind).toBe('self-approval');
    expect(stack.store.approvals.get('sec-a1')).toMatchObject({ status: 'pending', votes: [] });
    const other = stack.store.approvals.decide({
      id: 'sec-a1',
      user: CAROL,
      decision: 'approve',
      now,
      isApprover: false,
    });
    expect(other.kind).toBe('not-approver');
    const dave = stack.store.approvals.decide({
      id: 'sec-a1',
      user: DAVE,
      decision: 'approve',
      now,
      isApprover: true,
    });
    expect(dave.kind).toBe('approved');
  });
});

describe('the wrong channel', () => {
  it('refuses every subcommand outside the policy’s channels, before anything else', async () => {
    for (const text of [
      'show version core-routers',
      'help',
      'groups',
      'devices all',
      'jobs',
      'cancel abc123',
      'push edge-switches',
    ]) {
      const refusal = await expectRefused(text, ALICE, {
        says: 'netrun does not take commands in this channel (C0RANDOM01)',
        missing: 'channel',
        channel: OTHER_CHANNEL,
      });
      expect(refusal).toContain('<#C0NETOPS01>');
    }
  });
});

describe('buttons obey the policy too', () => {
  it('Cancel: refused to a stranger and from another channel, accepted for an admin; each decision audited', async () => {
    const since = lastAuditId(stack);
    await stack.driver.slashCommand({
      text: 'show version core-routers',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[0]);
    const parentTs = await record.reporter.parent;
    const click = (user: string, channel = CHANNEL) =>
      stack.driver.click({
        action_id: ACTION_IDS.cancelJob,
        user,
        channel,
        message_ts: parentTs,
        value: record.id,
        block_id: BLOCK_IDS.jobActions,
      });

    const stranger = await nextEphemeral(stack.standin, BOB, () => click(BOB));
    expect(stranger).toContain('or a netrun admin (`admin` permission) may cancel it');
    const elsewhere = await nextEphemeral(stack.standin, ALICE, () => click(ALICE, OTHER_CHANNEL));
    expect(elsewhere).toContain('netrun does not take commands in this channel (C0RANDOM01)');
    expect(record.finished).toBeUndefined();

    await nextEphemeral(stack.standin, DAVE, () => click(DAVE));
    const { report } = await finishedJob(stack, 0);
    expect(report.summary?.byStatus.cancelled).toBeGreaterThan(0);

    const decisions = auditSince(stack, since).filter((e) => e.action === 'refused' || e.action === 'cancel');
    expect(
      decisions.map((e) => [e.actor, e.action, e.outcome, e.details?.missing ?? null, e.details?.via]),
    ).toEqual([
      [BOB, 'refused', 'refused', 'admin', 'button'],
      [ALICE, 'refused', 'refused', 'channel', 'button'],
      [DAVE, 'cancel', 'cancelled', null, 'button'],
    ]);
    expect(decisions[2]).toMatchObject({ jobId: record.id, channel: CHANNEL, command: 'show version' });
  });
});

describe('user groups', () => {
  it('lets a member of a policy user group run, looked up through usergroups.users.list', async () => {
    const since = lastAuditId(stack);
    await stack.driver.slashCommand({
      text: 'show version edge-switches',
      user_id: ERIN,
      channel_id: CHANNEL,
    });
    const accepted = await waitForAudit(stack, since, (e) => e.action === 'request' && e.actor === ERIN);
    expect(accepted).toMatchObject({ outcome: 'accepted', target: 'edge-switches', command: 'show version' });
    expect(stack.standin.calls('usergroups.users.list').map((c) => c.args.usergroup)).toContain(NETOPS_GROUP);
  });
});

describe('when Slack cannot list a user group', () => {
  let broken: Stack;

  beforeAll(async () => {
    broken = await startSecurityStack(fourDevices().slice(0, 1));
    broken.standin.faults.set([{ kind: 'http-error', status: 503, methods: ['usergroups.users.list'] }]);
  });

  afterAll(async () => {
    await broken?.stop();
  });

  it('the group grants nothing (default deny) and the refusal says which group could not be checked', async () => {
    const refusal = await nextEphemeral(broken.standin, ERIN, () =>
      broken.driver.slashCommand({ text: 'show version all', user_id: ERIN, channel_id: CHANNEL }),
    );
    expect(refusal).toContain('You are not allowed to run commands with netrun');
    expect(refusal).toContain(`netrun could not check the user groups ${NETOPS_GROUP}`);
    expect(refusal).toContain('grant nothing for now');
    const entry = broken.store.audit.query({ action: 'refused' }).at(-1);
    expect(entry).toMatchObject({
      actor: ERIN,
      details: { missing: 'run', usergroupProblems: [expect.stringContaining(NETOPS_GROUP)] },
    });
    expect(broken.lab!.stats().totalSessions).toBe(0);
  });

  it('someone named by user id is not affected', async () => {
    await broken.driver.slashCommand({ text: 'show version all', user_id: ALICE, channel_id: CHANNEL });
    const { report } = await finishedJob(broken, 0);
    expect(report.summary).toMatchObject({ total: 1, ok: 1 });
  });
});
