import { describe, expect, it } from 'vitest';
import { auditThread, checkThread, type ThreadMessage } from '../../../reliability/support/thread-audit.js';
import { type HostResult, summarise } from '../../../src/engine/index.js';
import {
  interruptedListsFile,
  planReply,
  type RecoveredJob,
  recoveredJobNotice,
  summaryMessage,
} from '../../../src/slack/index.js';
import { makeResult } from '../../helpers/make-result.js';

/** A job's thread as the product writes it: planned replies (and their files), then the summary. */
function threadFor(results: HostResult[]) {
  const replies: ThreadMessage[] = [];
  const files: string[] = [];
  let rest = results;
  while (rest.length > 0) {
    const { plan, remaining } = planReply(rest, {
      jobId: 'j1',
      part: replies.length + 1,
      command: 'show version',
    });
    replies.push(plan.message);
    if (plan.file) files.push(plan.file.content);
    rest = remaining;
  }
  const summary = summarise(results, { wallMs: 5_000, concurrency: 20 });
  const header = {
    jobId: 'j1',
    requester: 'U1',
    command: 'show version',
    target: 'all',
    hostCount: results.length,
  };
  replies.push(summaryMessage(header, summary, { retryable: 0 }));
  return { replies, files };
}

const RESULTS = [
  ...Array.from({ length: 30 }, (_, i) =>
    makeResult({ host: `r${i + 1}`, outputs: [['show version', `Cisco IOS XE Software\nhost r${i + 1}`]] }),
  ),
  // 80 identical results: a group too big to name in a header, which goes to a file.
  ...Array.from({ length: 80 }, (_, i) =>
    makeResult({
      host: `leaf-switch-${String(i + 1).padStart(3, '0')}`,
      outputs: [['show version', 'same']],
    }),
  ),
  makeResult({ host: 'big1', outputs: [['show version', 'x'.repeat(20_000)]] }),
  makeResult({ host: 'bad1', code: 'AUTH_FAILED' }),
  makeResult({ host: 'slow1', status: 'timeout', code: 'COMMAND_TIMEOUT' }),
];
const DEVICES = RESULTS.map((r) => r.host);

describe('auditThread on the product’s own replies', () => {
  it('finds every device exactly once, with its status and code, and the summary last', () => {
    const { replies, files } = threadFor(RESULTS);
    const audit = auditThread(replies, files);
    const verdict = checkThread(audit, DEVICES);
    expect(verdict).toEqual({
      lost: [],
      duplicated: [],
      duplicateEntries: 0,
      unexpected: [],
      falselyUnposted: [],
    });
    expect(audit.hiddenNames).toBe(0);
    expect(audit.afterSummary).toBe(0);
    expect(audit.summaryIndex).toBeGreaterThan(0);
    expect(audit.entries.get('bad1')).toEqual([
      expect.objectContaining({ status: 'failed', code: 'AUTH_FAILED' }),
    ]);
    expect(audit.entries.get('slow1')?.[0]).toMatchObject({ status: 'timeout', code: 'COMMAND_TIMEOUT' });
    expect(audit.entries.get('leaf-switch-080')?.[0]?.where).toMatch(/^file:/);
  });

  it('counts a reply posted twice as duplicates, a missing one as lost, and a reply after the summary', () => {
    const { replies, files } = threadFor(RESULTS);
    const summary = replies.pop() as ThreadMessage;
    const first = replies[0] as ThreadMessage;
    const audit = auditThread([...replies.slice(1), first, summary, first], files);
    const verdict = checkThread(audit, DEVICES);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated.length).toBeGreaterThan(0);
    expect(audit.afterSummary).toBe(1);
    const dropped = auditThread([...replies.slice(1), summary], files);
    const lost = checkThread(dropped, DEVICES).lost;
    expect(lost.length).toBeGreaterThan(0);
    expect(lost).toContain('r1');
  });

  it('accepts a recovery notice that cuts its lists short only with the lists file that names everyone', () => {
    const hosts = Array.from({ length: 300 }, (_, i) => `edge-switch-${String(i).padStart(4, '0')}`);
    const job: RecoveredJob = {
      jobId: 'j1',
      kind: 'run',
      finished: hosts.slice(0, 100).map((host) => ({ host, status: 'ok', posted: true })),
      unfinished: hosts.slice(100),
      postedNow: [],
      stillUnposted: [],
    };
    const notice = recoveredJobNotice(job);
    const without = auditThread([notice], []);
    expect(without.hiddenNames).toBeGreaterThan(0);
    expect(checkThread(without, hosts.slice(100)).lost.length).toBeGreaterThan(0);
    const lists = [interruptedListsFile(job)?.content ?? ''];
    const withLists = auditThread([notice], [], lists);
    expect(withLists.hiddenNames).toBe(0);
    expect(checkThread(withLists, hosts).lost).toEqual([]);
  });
});
