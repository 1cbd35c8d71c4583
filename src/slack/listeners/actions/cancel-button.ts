import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../ids.js';
import { answer, type ListenerDeps } from '../context.js';
import { cancelJobFor } from '../job-control.js';
import { buttonAudit, refuseButtonChannel } from './button-audit.js';

/** Cancel on a running job's parent message. */
export function registerCancelButton(app: App, deps: ListenerDeps): void {
  app.action(ACTION_IDS.cancelJob, async ({ ack, body, action, respond }) => {
    await ack();
    const jobId = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const audit = buttonAudit(deps, body, 'cancel', jobId);
    const reply = refuseButtonChannel(deps, audit) ?? (await cancelJobFor(deps, body.user.id, jobId, audit));
    await answer(deps, respond, reply);
  });
}
