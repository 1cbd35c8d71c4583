import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  BLOCK_IDS,
  context,
  replaceActions,
  summaryMessage,
} from '../../../../src/slack/index.js';
import { expectValidMessage, HEADER, summaryOf } from './messages.js';

describe('summary reply', () => {
  it('shows the timing table and no button when everything went well', () => {
    const message = summaryMessage(HEADER, summaryOf(12), { retryable: 0 });
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('offers Retry failed with the count when devices failed', () => {
    const message = summaryMessage(HEADER, summaryOf(9, ['r10', 'r11'], ['r12']), { retryable: 3 });
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      block_id: BLOCK_IDS.summaryActions,
      elements: [
        { action_id: ACTION_IDS.retryFailed, value: HEADER.jobId, text: { text: 'Retry failed (3)' } },
      ],
    });
  });

  it('says which results Slack never took, and who cancelled', () => {
    const message = summaryMessage(HEADER, summaryOf(12), {
      retryable: 0,
      cancelledBy: 'U0DAVE0001',
      unposted: [
        { hosts: ['r3', 'r4'], reason: 'invalid_blocks' },
        { hosts: ['r9'], reason: 'file upload: ratelimited' },
      ],
    });
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
  });

  it('replaces only the summary’s button block', () => {
    const message = summaryMessage(HEADER, summaryOf(1, ['r2']), { retryable: 1 });
    const replaced = replaceActions(message.blocks, BLOCK_IDS.summaryActions, context('retried'));
    expect(replaced).toHaveLength(message.blocks.length);
    expect(replaced.at(-1)).toEqual(context('retried'));
    expect(replaced.slice(0, -1)).toEqual(message.blocks.slice(0, -1));
  });
});
