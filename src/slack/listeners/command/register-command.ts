import type { App, RespondFn, webApi } from '@slack/bolt';
import { checkChannel } from '../../../engine/index.js';
import { refusalMessage, type SlackMessage } from '../../blocks/index.js';
import { SLASH_COMMAND } from '../../ids.js';
import { type ParsedCommand, parseCommand } from '../../parse-command.js';
import { answer, ephemeral, type ListenerDeps, resolveActor } from '../context.js';
import { cancelJobFor } from '../job-control.js';
import { pushFor } from '../push/index.js';
import { createRequestAudit, type RequestAudit, type RequestKind, refuse } from '../request-audit.js';
import { devicesFor, groupsFor, helpFor, jobsFor } from './info-commands.js';
import { runFor } from './run-command.js';

export interface Invocation {
  userId: string;
  channel: string;
  respond: RespondFn;
  /** The request's audit entry: handlers record their refusal or acceptance through it. */
  audit: RequestAudit;
  /** For the push modal: valid 3 s, once. */
  triggerId: string;
  client: webApi.WebClient;
}

/**
 * `/netrun`: acked at once — with the refusal itself when the text alone is enough to refuse —
 * then channel, policy, targets and the job, answering through response_url. Every request leaves
 * one audit entry, accepted or refused.
 */
export function registerNetrunCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text);
    const audit = createRequestAudit(deps, {
      actor: command.user_id,
      channel: command.channel_id,
      via: 'slash',
      ...describeRequest(parsed, command.text),
    });
    if (parsed.kind === 'invalid') {
      await ack(ephemeral(refusalMessage(parsed.message)));
      const length = typeof command.text === 'string' ? command.text.length : 0;
      audit.refused({
        outcome: 'invalid',
        reason: parsed.message,
        details: { problem: parsed.problem, length },
      });
      return;
    }
    await ack();
    const invocation = {
      ...{ userId: command.user_id, channel: command.channel_id, respond, audit },
      ...{ triggerId: command.trigger_id, client },
    };
    try {
      const reply = await dispatch(deps, parsed, invocation);
      // Push requests are recorded by the push listener (approval-request), unless refused here.
      if (!audit.recorded && parsed.kind !== 'push') audit.accepted();
      if (reply) await answer(deps, respond, reply);
    } catch (error) {
      deps.log.error({ err: error, user: command.user_id }, '/netrun failed');
      if (!audit.recorded) audit.refused({ outcome: 'error', reason: 'netrun failed inside (see the log)' });
      await answer(
        deps,
        respond,
        refusalMessage('Something went wrong inside netrun; the log has the details.'),
      );
    }
  });
}

/** The request's kind and its words, as far as the text says them. */
function describeRequest(
  parsed: ParsedCommand,
  text: unknown,
): { request: RequestKind; command?: string; target?: string; jobId?: string } {
  switch (parsed.kind) {
    case 'invalid':
      return { request: 'unparsed', ...(typeof text === 'string' ? { command: text } : {}) };
    case 'run':
      return { request: 'run', command: parsed.command, target: parsed.target };
    case 'devices':
    case 'push':
      return { request: parsed.kind, target: parsed.target };
    case 'cancel':
      return { request: 'cancel', jobId: parsed.jobId };
    default:
      return { request: parsed.kind };
  }
}

async function dispatch(
  deps: ListenerDeps,
  parsed: Exclude<ParsedCommand, { kind: 'invalid' }>,
  invocation: Invocation,
): Promise<SlackMessage | undefined> {
  // The channel first, for every subcommand: a channel off the policy's list gets nothing at all.
  const channel = checkChannel(deps.policy(), invocation.channel);
  if (!channel.allowed) return refuse(invocation.audit, channel);
  if (parsed.kind === 'cancel') return cancelJobFor(deps, invocation.userId, parsed.jobId, invocation.audit);
  // Before any lookup: the modal must open while the trigger_id lives (3 s).
  if (parsed.kind === 'push') return pushFor(deps, parsed.target, invocation);
  const who = await resolveActor(deps, invocation.userId);
  const { audit } = invocation;
  switch (parsed.kind) {
    case 'help':
      return helpFor(deps, who);
    case 'groups':
      return groupsFor(deps, who, audit);
    case 'devices':
      return devicesFor(deps, who, parsed.target, audit);
    case 'jobs':
      return jobsFor(deps, who, audit);
    case 'run': {
      const request = { command: parsed.command, target: parsed.target, channel: invocation.channel };
      return runFor(deps, who, request, audit, (message) => void answer(deps, invocation.respond, message));
    }
  }
}
