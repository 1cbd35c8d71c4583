import type { App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Decision } from '../../../store/index.js';
import { refusalMessage } from '../../blocks/index.js';
import { ACTION_IDS } from '../../ids.js';
import { answer, type ListenerDeps } from '../context.js';
import { decidePush } from './decide-push.js';

/**
 * Approve and Reject on an approval message. Everything they need is in the store (the button's
 * value is the request id), so they work the same after a restart.
 */
export function registerApprovalButtons(app: App, deps: ListenerDeps): void {
  const handler =
    (decision: Decision) =>
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockAction>) => {
      await ack();
      const approvalId = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const channel = body.channel?.id ?? '';
      try {
        const reply = await decidePush(deps, { approvalId, userId: body.user.id, decision, channel });
        await answer(deps, respond, reply);
      } catch (error) {
        deps.log.error({ err: error, approvalId, user: body.user.id }, 'push decision failed');
        await answer(
          deps,
          respond,
          refusalMessage('Your click failed inside netrun; nothing changed. The log has the details.'),
        );
      }
    };
  app.action<BlockAction>(ACTION_IDS.approvePush, handler('approve'));
  app.action<BlockAction>(ACTION_IDS.rejectPush, handler('reject'));
}
