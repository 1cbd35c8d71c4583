import { describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../src/lab/slack/index.js';
import {
  ACTION_IDS,
  BLOCK_IDS,
  CALLBACK_IDS,
  pushCheckingModal,
  pushModal,
  pushRefusalModal,
} from '../../../../src/slack/index.js';

describe('push modal', () => {
  it('asks for the lines (capped at 3,000 and saying so), save, canary, threshold and approvals', () => {
    const view = pushModal({
      target: 'core-routers',
      channel: 'C0NETOPS01',
      hostNames: ['r1', 'r2'],
      maxChars: 3_000,
    });
    expect(view).toMatchSnapshot();
    expect(view.callback_id).toBe(CALLBACK_IDS.pushRequest);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      target: 'core-routers',
      channel: 'C0NETOPS01',
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual([
      BLOCK_IDS.pushLinesInput,
      BLOCK_IDS.pushSaveInput,
      BLOCK_IDS.pushCanaryInput,
      BLOCK_IDS.pushStopAfterInput,
      BLOCK_IDS.pushApprovalsInput,
    ]);
    expect(inputs[0]).toMatchObject({
      element: { action_id: ACTION_IDS.pushLines, multiline: true, max_length: 3_000 },
      hint: { text: expect.stringContaining("At most 3,000 characters (Slack's limit for this box)") },
    });
    expect(inputs[1]).toMatchObject({ optional: true, element: { initial_options: [{ value: 'save' }] } });
    expect(inputs[2]).toMatchObject({
      element: { type: 'number_input', initial_value: '1', min_value: '0' },
    });
    expect(checkBlocks(view.blocks as never, { maxBlocks: 100, maxSectionTextChars: 3_000 })).toEqual([]);
  });

  it('has a checking view and a refusal view without inputs', () => {
    expect(JSON.stringify(pushCheckingModal('core-routers'))).toContain('Checking your `push` permission');
    const refusal = pushRefusalModal('You are not allowed <@U0BOB00001> <script>');
    expect(JSON.stringify(refusal)).toContain('<@U0BOB00001> &lt;script&gt;');
    expect(refusal.blocks.some((b) => b.type === 'input')).toBe(false);
  });
});
