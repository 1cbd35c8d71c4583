import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../ids.js';
import { answer, type ListenerDeps } from '../context.js';
import { cancelJobFor } from '../job-control.js';

/** Cancel on a running job's parent message. */
export function registerCancelButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION_IDS.cancelJob, async ({ ack, body, action, respond }) => {
    await ack();
    const jobId = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const reply = await cancelJobFor(deps, body.user.id, jobId);
    await answer(deps, respond, reply);
  });
}
