import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../../src/demo/index.js';
import type { InteractionResponse } from '../../../src/lab/slack/index.js';
import { parseCommand } from '../../../src/slack/index.js';
import { fuzzTexts } from '../../unit/slack/fuzz-texts.js';
import { ALICE, CHANNEL, ERIN, lastAuditId, NETOPS_GROUP, startSecurityStack } from './helpers.js';

/**
 * Random texts through the real Slack handler over signed HTTP (the pure parser gets 10,000 in
 * test/unit/slack/parse-command-fuzz.test.ts). Every request must be acked within 3 s, answered
 * (in the ack, through response_url, or by a job in the channel) and audited; devices may be
 * touched only by the jobs the audit trail shows as accepted.
 */
/** All 10,000, as the issue asks (about 40 s); `NETRUN_FUZZ_HTTP_COUNT` sends fewer while developing. */
const COUNT = Number(process.env.NETRUN_FUZZ_HTTP_COUNT ?? 10_000);
const PARALLEL = 16;
const SEED = 77_031;

let stack: Stack;

beforeAll(async () => {
  stack = await startSecurityStack(undefined, {
    // Accepted jobs must finish quickly: no per-channel pacing here, the stand-in's limits off.
    pacing: { replyIntervalMs: 0, updateIntervalMs: 0 },
    standin: {
      channels: [{ id: CHANNEL, name: 'netops' }],
      usergroups: { [NETOPS_GROUP]: [ERIN] },
      limits: { enforce: false },
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

interface Sent {
  text: string;
  answer: InteractionResponse;
}

async function sendAll(texts: string[]): Promise<Sent[]> {
  const sent: Sent[] = new Array(texts.length);
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const index = next++;
      const text = texts[index] as string;
      const answer = await stack.driver.slashCommand({ text, user_id: ALICE, channel_id: CHANNEL });
      sent[index] = { text, answer };
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return sent;
}

/** The stand-in's id of a response_url: what follows /hooks/response/. */
function urlId(url: string): string {
  return url.slice(url.indexOf('/hooks/response/') + '/hooks/response/'.length);
}

describe(`${COUNT} random command texts through the Slack handler over HTTP`, () => {
  it('acks each within 3 s, answers each, audits each, and touches devices only for accepted jobs', async () => {
    const firstAudit = lastAuditId(stack);
    const texts = fuzzTexts(SEED, COUNT);
    const started = performance.now();
    const sent = await sendAll(texts);
    const sendMs = performance.now() - started;

    for (const { text, answer } of sent) {
      expect(answer.status, JSON.stringify(text.slice(0, 100))).toBe(200);
      expect(answer.ackMs).toBeLessThan(3_000);
    }
    const inAck = sent.filter(({ answer }) => answer.body !== '');
    for (const { answer } of inAck)
      expect((answer.json as { response_type?: string }).response_type).toBe('ephemeral');

    // Everyone not answered in the ack hears back through response_url, gets the push modal, or sees
    // their job start in the channel.
    const later = sent.filter(({ answer }) => answer.body === '');
    const unanswered = () => {
      const posted = new Set(stack.standin.responseUrlPosts().map((p) => p.id));
      const modals = new Set(stack.standin.calls('views.open').map((c) => c.args.trigger_id));
      const jobs = stack.store.audit
        .query({ action: 'request' })
        .filter((e) => e.id > firstAudit && e.jobId !== undefined)
        .map((e) => `${e.command}\u0000${e.target}`);
      return later.filter(({ text, answer }) => {
        if (posted.has(urlId(answer.responseUrl)) || modals.has(answer.triggerId)) return false;
        // The form encoding turns a lone surrogate into U+FFFD: parse what the bot received.
        const parsed = parseCommand(text.replace(/\p{Cs}/gu, '\ufffd'));
        const job = parsed.kind === 'run' ? jobs.indexOf(`${parsed.command}\u0000${parsed.target}`) : -1;
        if (job === -1) return true;
        jobs.splice(job, 1);
        return false;
      });
    };
    // Polled rather than re-checked on every stand-in change: each check walks every request.
    const deadline = Date.now() + 30_000;
    let missing = unanswered();
    while (missing.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      missing = unanswered();
    }
    const examples = missing.slice(0, 5).map(({ text }) => JSON.stringify(text.slice(0, 100)));
    expect(missing.length, `requests without an answer, e.g. ${examples.join(', ')}`).toBe(0);
    await stack.bot.settled();

    const entries = stack.store.audit.query().filter((e) => e.id > firstAudit);
    const fromRequests = entries.filter((e) => e.details?.via === 'slash');
    const pushes = texts.filter((text) => parseCommand(text).kind === 'push').length;
    // One entry per request (a push whose form opened is recorded when it is submitted).
    const pushForms = stack.standin.calls('views.open').length;
    expect(fromRequests.length).toBe(COUNT - pushForms);
    expect(fromRequests.filter((e) => e.outcome === 'invalid').length).toBe(inAck.length);

    const accepted = fromRequests.filter((e) => e.action === 'request' && e.jobId !== undefined);
    const jobs = stack.bot.jobs.list();
    expect(jobs.map((job) => job.id).sort()).toEqual(accepted.map((e) => e.jobId).sort());
    for (const job of jobs) expect(await job.reporter.parent).toMatch(/^\d+\.\d+$/);
    const sessions = stack.lab!.stats().totalSessions;
    expect(sessions).toBe(jobs.reduce((sum, job) => sum + job.header.hostCount, 0));
    // No answer was refused by Slack (a used or expired response_url, a message Slack would not take).
    const failedPosts = stack.standin.responseUrlPosts().filter((post) => post.status !== 200);
    expect(failedPosts).toEqual([]);

    const refused = fromRequests.filter((e) => e.action === 'refused').length;
    console.info(
      `[fuzz-http] ${COUNT} texts in ${(sendMs / 1000).toFixed(1)} s: ${inAck.length} refused in the ack, ` +
        `${refused} refused in all, ${accepted.length} jobs (${sessions} device sessions), ${pushes} push requests`,
    );
  }, 300_000);

  it('still runs a normal command afterwards', async () => {
    const before = stack.bot.jobs.list().length;
    await stack.driver.slashCommand({
      text: 'show version core-routers',
      user_id: ALICE,
      channel_id: CHANNEL,
    });
    const record = await stack.standin.waitFor(() => stack.bot.jobs.list()[before]);
    expect((await record.job.done).ok).toBe(2);
  });
});
