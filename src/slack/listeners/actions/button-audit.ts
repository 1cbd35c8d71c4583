import type { SlackAction } from '@slack/bolt';
import { checkChannel } from '../../../engine/index.js';
import type { SlackMessage } from '../../blocks/index.js';
import type { ListenerDeps } from '../context.js';
import { createRequestAudit, type RequestAudit, type RequestKind, refuse } from '../request-audit.js';

/** The audit entry of one click: who, on which job, in which channel. */
export function buttonAudit(
  deps: ListenerDeps,
  body: SlackAction,
  request: RequestKind,
  jobId: string,
): RequestAudit {
  return createRequestAudit(deps, {
    actor: body.user.id,
    channel: channelOf(body),
    request,
    via: 'button',
    ...(jobId === '' ? {} : { jobId }),
  });
}

/**
 * Buttons obey the policy's channel list like slash commands: the list may have changed since the
 * message was posted, and a forged click can name any channel.
 */
export function refuseButtonChannel(deps: ListenerDeps, audit: RequestAudit): SlackMessage | undefined {
  const decision = checkChannel(deps.policy(), audit.context.channel);
  return decision.allowed ? undefined : refuse(audit, decision);
}

function channelOf(body: SlackAction): string {
  const channel = (body as { channel?: { id?: unknown } }).channel;
  return typeof channel?.id === 'string' ? channel.id : '';
}
