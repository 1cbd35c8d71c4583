import { describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, finishedParent, runningParent } from '../../../../src/slack/index.js';
import { expectValidMessage, HEADER, summaryOf } from './messages.js';

describe('parent message', () => {
  it('shows who ran what where, live progress and a Cancel button while running', () => {
    const message = runningParent(HEADER, { done: 5, ok: 4, failed: 1, cancelled: 0, elapsedMs: 3_400 });
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({
      block_id: BLOCK_IDS.jobActions,
      elements: [{ action_id: ACTION_IDS.cancelJob, value: HEADER.jobId }],
    });
  });

  it('drops the Cancel button once someone cancelled', () => {
    const message = runningParent(HEADER, {
      done: 5,
      ok: 5,
      failed: 0,
      cancelled: 0,
      elapsedMs: 1_000,
      cancellingBy: 'U0DAVE0001',
    });
    expectValidMessage(message);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(message.blocks)).toContain('cancelling (asked by <@U0DAVE0001>)');
  });

  it('ends with the summary line and no buttons', () => {
    const message = finishedParent(HEADER, summaryOf(11, ['r12']));
    expectValidMessage(message);
    expect(message).toMatchSnapshot();
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('names a retry and who cancelled', () => {
    const message = finishedParent(
      { ...HEADER, retryOf: '99887766', hostCount: 2 },
      summaryOf(1, ['r2']),
      'U0DAVE0001',
    );
    expect(message).toMatchSnapshot();
  });

  it('escapes what the user typed so it cannot become markup', () => {
    const message = runningParent(
      { ...HEADER, command: 'show run | include <@U0BOSS> & `x`', target: '<!channel>' },
      { done: 0, ok: 0, failed: 0, cancelled: 0, elapsedMs: 0 },
    );
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('<@U0BOSS>');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;@U0BOSS&gt; &amp; ˋxˋ');
  });
});
