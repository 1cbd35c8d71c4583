import type { App } from '@slack/bolt';
import { refusalMessage } from '../../blocks/index.js';
import { BLOCK_IDS, CALLBACK_IDS } from '../../ids.js';
import type { ListenerDeps } from '../context.js';
import { readModalContext, readPushForm } from './push-form.js';
import { requestPush } from './request-push.js';
import { tellUser } from './tell-user.js';

/**
 * The push modal's submission. Slack waits 3 s for the answer, so only the inputs are checked
 * here (bad ones are named at their input and the modal stays open); the policy, the dry run and
 * the approval message follow after the modal has closed.
 */
export function registerPushSubmit(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK_IDS.pushRequest, async ({ ack, body, view, client }) => {
    const context = readModalContext(view.private_metadata);
    if (!context) {
      await ack({
        response_action: 'errors',
        errors: {
          [BLOCK_IDS.pushLinesInput]:
            'This form does not come from this netrun: close it and run `/netrun push <target>` again.',
        },
      });
      return;
    }
    const read = readPushForm(view.state.values);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const submission = { userId: body.user.id, ...context, form: read.form };
    void requestPush(deps, client, submission).catch(async (error: unknown) => {
      deps.log.error({ err: error, user: body.user.id, target: context.target }, 'push request failed');
      await tellUser(
        deps,
        client,
        { channel: context.channel, user: body.user.id },
        refusalMessage(
          'Your push request failed inside netrun; nothing was pushed. The log has the details.',
        ),
      );
    });
  });
}
