import { describe, expect, it } from 'vitest';
import {
  interruptedListsFile,
  interruptedParent,
  interruptedPushNotice,
  interruptedSummary,
  type RecoveredJob,
  recoveredJobNotice,
  recoveredParent,
  summaryMessage,
} from '../../../../src/slack/index.js';
import { expectValidMessage, HEADER, summaryOf } from './messages.js';

const REASON = 'netrun is restarting (SIGTERM)';

function recovered(overrides: Partial<RecoveredJob> = {}): RecoveredJob {
  return {
    jobId: HEADER.jobId,
    kind: 'run',
    finished: [
      { host: 'r1', status: 'ok', posted: true },
      { host: 'r2', status: 'failed', errorCode: 'AUTH_FAILED', posted: false },
    ],
    unfinished: ['r3', 'r4'],
    postedNow: ['r2'],
    stillUnposted: [],
    ...overrides,
  };
}

describe('interrupted and recovered messages', () => {
  it('puts the interrupted banner under the summary title and drops the Retry button', () => {
    const plain = summaryMessage(HEADER, summaryOf(9, ['r10'], ['r11', 'r12']), { retryable: 1 });
    const message = interruptedSummary(plain, REASON);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(message.blocks[0]).toEqual(plain.blocks[0]);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(message.text).toContain(`interrupted: ${REASON}`);
  });

  it('finishes the parent as interrupted, with the summary line', () => {
    const message = interruptedParent(HEADER, summaryOf(9, [], ['r10', 'r11', 'r12']), REASON);
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
  });

  it('tells a recovered thread which devices finished, which did not, and what was posted now', () => {
    const message = recoveredJobNotice(recovered());
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expectValidMessage(recoveredParent(HEADER, recovered()));
  });

  it('stays within Slack limits for a 5,000-device job', () => {
    const hosts = Array.from({ length: 5_000 }, (_, i) => `edge-switch-${i.toString().padStart(4, '0')}`);
    const message = recoveredJobNotice(
      recovered({
        finished: hosts.slice(0, 2_500).map((host) => ({ host, status: 'ok', posted: false })),
        unfinished: hosts.slice(2_500),
        postedNow: hosts.slice(0, 1_000),
        stillUnposted: hosts.slice(1_000, 2_500),
      }),
    );
    expectValidMessage(message);
    expect(JSON.stringify(message)).toContain('more');
  });

  it('names every device in a lists file when the notice cuts a list short, and points at it', () => {
    const hosts = Array.from({ length: 300 }, (_, i) => `edge-switch-${i.toString().padStart(4, '0')}`);
    const job = recovered({
      finished: [
        ...hosts.slice(0, 150).map((host) => ({ host, status: 'ok' as const, posted: true })),
        { host: 'r9', status: 'failed', errorCode: 'AUTH_FAILED', posted: true },
      ],
      unfinished: hosts.slice(150),
      postedNow: [],
    });
    const file = interruptedListsFile(job);
    expect(file?.filename).toBe(`netrun-${HEADER.jobId}-interrupted.txt`);
    const lines = file?.content.split('\n') ?? [];
    for (const host of hosts) expect(lines).toContain(host);
    expect(lines).toContain('Not finished (150):');
    expect(lines).toContain('Finished before the stop, failed (AUTH_FAILED) (1):');
    for (const message of [recoveredJobNotice(job), interruptedPushNotice({ approvalId: 'a1', job })]) {
      expectValidMessage(message);
      expect(JSON.stringify(message)).toContain(
        `every device is named in \`netrun-${HEADER.jobId}-interrupted.txt\``,
      );
    }
  });

  it('needs no lists file when every list fits', () => {
    expect(interruptedListsFile(recovered())).toBeUndefined();
    expect(JSON.stringify(recoveredJobNotice(recovered()))).not.toContain('interrupted.txt');
  });

  it('says a push will not be run again, even without a record of its devices', () => {
    const withJob = interruptedPushNotice({
      approvalId: 'apr-1',
      jobId: 'job9',
      job: recovered({ kind: 'push' }),
    });
    expectValidMessage(withJob);
    expect(withJob).toMatchSnapshot();
    const bare = interruptedPushNotice({ approvalId: 'apr-1' });
    expectValidMessage(bare);
    expect(bare.text).toContain('will not be run again');
  });
});
