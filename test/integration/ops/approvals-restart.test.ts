import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, stopBot } from '../../../src/main.js';
import { makeResult } from '../../helpers/make-result.js';
import { type CliChild, killIfRunning, spawnCli } from '../../helpers/spawn-cli.js';
import { newApproval } from '../../unit/store/store-fixtures.js';
import { CAROL, messageText } from '../slack/helpers.js';
import { type BotFixture, CHANNEL, readyPort, startBotFixture } from './bot-fixture.js';

/**
 * Approvals across a crash, at the store level: a pending request survives kill -9 of the bot and
 * can still be decided and claimed once; a push that was executing when the bot died is reported in
 * its thread and closed as interrupted — never run again.
 */

const DEVICES = ['edge-1', 'edge-2'];

let fixture: BotFixture;
let child: CliChild | undefined;

beforeAll(async () => {
  fixture = await startBotFixture(DEVICES.map((name) => ({ name, platform: 'cisco_ios' })));
});

afterEach(() => killIfRunning(child));

afterAll(async () => {
  await fixture?.stop();
});

/** An approval message in the stand-in, as the push flow would have posted it. */
async function approvalMessageTs(): Promise<string> {
  const client = new webApi.WebClient(fixture.standin.token, { slackApiUrl: fixture.standin.apiUrl });
  const answer = await client.chat.postMessage({ channel: CHANNEL, text: 'netrun: push request (approval)' });
  return answer.ts as string;
}

describe('approvals across a restart', () => {
  it('keeps a pending request valid through kill -9: it can still be approved, and claimed once', async () => {
    child = spawnCli(['start'], { ...fixture.env, NETRUN_LOG_LEVEL: 'info' });
    await readyPort(child);
    // The request arrives while this bot runs (as the push flow would write it), then the bot dies.
    const store = fixture.openDb();
    const ts = await approvalMessageTs();
    store.approvals.create(
      newApproval(Date.now() + 30 * 60_000, { id: 'apr-pending', hosts: DEVICES, channel: CHANNEL }),
    );
    store.approvals.setMessage('apr-pending', ts);
    store.close();
    child.process.kill('SIGKILL');
    await child.exited;

    const running = await startBot(fixture.env);
    try {
      await running.recovered;
      const approvals = running.store.approvals;
      expect(approvals.get('apr-pending')).toMatchObject({ status: 'pending', messageTs: ts });
      // Nothing was said in its thread: a pending request was not interrupted.
      expect(fixture.standin.thread(CHANNEL, ts)).toEqual([]);
      const vote = { id: 'apr-pending', decision: 'approve' as const, now: Date.now(), isApprover: true };
      expect(approvals.decide({ ...vote, user: CAROL }).kind).toBe('approved');
      expect(approvals.decide({ ...vote, user: 'U0DAVE0001' }).kind).toBe('already-decided');
      expect(approvals.claimExecution('apr-pending', 'job-a').claimed).toBe(true);
      expect(approvals.claimExecution('apr-pending', 'job-b')).toMatchObject({
        claimed: false,
        jobId: 'job-a',
      });
      // As if job-a had run: nothing is left executing for the next test's restart to find.
      expect(approvals.finish('apr-pending', { result: 'done' })).toBe(true);
    } finally {
      await stopBot(running, 'SIGTERM');
    }
  });

  it('reports a push left executing by a crash in its thread, closes it as interrupted, and never runs it', async () => {
    const ts = await approvalMessageTs();
    const store = fixture.openDb();
    // What kill -9 during a push leaves: the request claimed, its job running, one device done.
    store.approvals.create(
      newApproval(Date.now() + 30 * 60_000, { id: 'apr-exec', hosts: DEVICES, channel: CHANNEL }),
    );
    store.approvals.setMessage('apr-exec', ts);
    store.approvals.decide({
      id: 'apr-exec',
      user: CAROL,
      decision: 'approve',
      now: Date.now(),
      isApprover: true,
    });
    store.approvals.claimExecution('apr-exec', 'push-job');
    store.jobs.create({
      id: 'push-job',
      kind: 'push',
      requester: 'U_BOB',
      channel: CHANNEL,
      threadTs: ts,
      lines: ['ntp server 10.0.0.1'],
      target: 'edge',
      hosts: DEVICES,
      approvalId: 'apr-exec',
    });
    store.jobs.recordResult('push-job', makeResult({ host: 'edge-1' }), { posted: true });
    store.close();
    fixture.lab.resetStats();

    const running = await startBot(fixture.env);
    try {
      const report = await running.recovered;
      expect(report).toMatchObject({ jobs: 1, pushes: 1, threadsTold: 1, failures: 0 });
      const thread = fixture.standin.thread(CHANNEL, ts).map(messageText);
      expect(thread).toHaveLength(1);
      expect(thread[0]).toContain('will *not* be run again');
      expect(thread[0]).toMatch(/1 device ok: edge-1/);
      expect(thread[0]).toContain('*Not finished* (1): edge-2');
      // The approval message itself no longer says "pushing now".
      expect(messageText(fixture.standin.message(CHANNEL, ts)!)).toContain(
        'push interrupted: netrun stopped while applying this push; it was not run again',
      );
      expect(running.store.approvals.get('apr-exec')).toMatchObject({
        status: 'finished',
        outcome: { result: 'interrupted' },
      });
      expect(running.store.approvals.claimExecution('apr-exec', 'again')).toMatchObject({
        claimed: false,
        reason: 'already-claimed',
      });
      expect(running.store.jobs.get('push-job')?.status).toBe('interrupted');
      expect(running.store.jobs.list().map((job) => job.id)).toEqual(['push-job']);
    } finally {
      await stopBot(running, 'SIGTERM');
    }
    // No device was touched: the push did not run again.
    expect(fixture.lab.stats().totalSessions).toBe(0);
  });
});
