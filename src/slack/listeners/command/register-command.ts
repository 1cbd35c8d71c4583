import type { App, RespondFn } from '@slack/bolt';
import { noticeMessage, refusalMessage, type SlackMessage } from '../../blocks/index.js';
import { SLASH_COMMAND } from '../../ids.js';
import { type ParsedCommand, parseCommand } from '../../parse-command.js';
import { answer, ephemeral, type ListenerDeps, resolveActor } from '../context.js';
import { cancelJobFor } from '../job-control.js';
import { devicesFor, groupsFor, helpFor, jobsFor } from './info-commands.js';
import { runFor } from './run-command.js';

interface Invocation {
  userId: string;
  channel: string;
  respond: RespondFn;
}

/**
 * `/netrun`: acked at once — with the refusal itself when the text alone is enough to refuse —
 * then policy, targets and the job, answering through response_url.
 */
export function registerNetrunCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const parsed = parseCommand(command.text);
    if (parsed.kind === 'invalid') {
      await ack(ephemeral(refusalMessage(parsed.message)));
      return;
    }
    await ack();
    const invocation = { userId: command.user_id, channel: command.channel_id, respond };
    try {
      const reply = await dispatch(deps, parsed, invocation);
      if (reply) await answer(deps, respond, reply);
    } catch (error) {
      deps.log.error({ err: error, user: command.user_id }, '/netrun failed');
      await answer(
        deps,
        respond,
        refusalMessage('Something went wrong inside netrun; the log has the details.'),
      );
    }
  });
}

async function dispatch(
  deps: ListenerDeps,
  parsed: Exclude<ParsedCommand, { kind: 'invalid' }>,
  invocation: Invocation,
): Promise<SlackMessage | undefined> {
  if (parsed.kind === 'cancel') return cancelJobFor(deps, invocation.userId, parsed.jobId);
  const who = await resolveActor(deps, invocation.userId);
  switch (parsed.kind) {
    case 'help':
      return helpFor(deps, who);
    case 'groups':
      return groupsFor(deps, who);
    case 'devices':
      return devicesFor(deps, who, parsed.target);
    case 'jobs':
      return jobsFor(deps, who);
    case 'push':
      return noticeMessage('Config pushes from Slack are not available in this version of netrun yet.');
    case 'run': {
      const request = { command: parsed.command, target: parsed.target, channel: invocation.channel };
      return runFor(deps, who, request, (message) => void answer(deps, invocation.respond, message));
    }
  }
}
