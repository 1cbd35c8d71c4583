import { describe, expect, it } from 'vitest';
import {
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
