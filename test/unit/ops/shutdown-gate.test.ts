import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { RESTARTING_TEXT, refuseWhileStopping } from '../../../src/ops/index.js';

function call(stopping: boolean, body: Record<string, unknown>, withAck = true) {
  const gate = refuseWhileStopping(() => stopping, ['netrun_cancel_job'], silentLogger());
  const acks: unknown[] = [];
  const responds: unknown[] = [];
  let passed = false;
  const args = {
    body,
    next: async () => {
      passed = true;
    },
    ...(withAck ? { ack: async (response?: unknown) => void acks.push(response ?? null) } : {}),
    respond: async (message: unknown) => void responds.push(message),
  };
  return gate(args as never).then(() => ({ passed, acks, responds }));
}

describe('refusing new work while netrun stops', () => {
  it('lets everything through while running', async () => {
    expect((await call(false, { command: '/netrun', text: 'show version core' })).passed).toBe(true);
  });

  it('answers a slash command with the restarting notice and runs nothing', async () => {
    const outcome = await call(true, { command: '/netrun', text: 'show version core' });
    expect(outcome.passed).toBe(false);
    expect(outcome.acks).toEqual([{ response_type: 'ephemeral', text: RESTARTING_TEXT }]);
  });

  it('lets Cancel through (it stops work) but refuses Approve and Retry', async () => {
    const cancel = await call(true, { type: 'block_actions', actions: [{ action_id: 'netrun_cancel_job' }] });
    expect(cancel.passed).toBe(true);
    const approve = await call(true, {
      type: 'block_actions',
      actions: [{ action_id: 'netrun_approve_push' }],
    });
    expect(approve).toMatchObject({ passed: false, acks: [null] });
    expect(approve.responds).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: RESTARTING_TEXT },
    ]);
  });

  it('answers a modal submission by replacing the modal with the notice', async () => {
    const outcome = await call(true, {
      type: 'view_submission',
      view: { callback_id: 'netrun_push_request' },
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.acks).toEqual([
      expect.objectContaining({
        response_action: 'update',
        view: expect.objectContaining({ type: 'modal' }),
      }),
    ]);
  });

  it('passes events, which need no answer', async () => {
    expect((await call(true, { type: 'event_callback', event: { type: 'app_mention' } }, false)).passed).toBe(
      true,
    );
  });
});
