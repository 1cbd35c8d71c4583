import { checkRun } from '../../../engine/index.js';
import type { Host } from '../../../inventory/index.js';
import { selectTargets } from '../../../inventory/index.js';
import { refusalMessage, type SlackMessage } from '../../blocks/index.js';
import { launchJob, newJobId } from '../../jobs/index.js';
import type { ListenerDeps, ResolvedActor } from '../context.js';
import { type RequestAudit, refuse, targetRefusal } from '../request-audit.js';

export interface RunRequest {
  command: string;
  target: string;
  channel: string;
}

/**
 * Policy, then targets, then the job (the channel was checked before, for every subcommand).
 * Returns a message for the requester only when refused; a started job answers in the channel.
 * `onParentFailed` hears if the channel will not take the job's message (the bot is not in it, say).
 */
export function runFor(
  deps: ListenerDeps,
  { actor, problems }: ResolvedActor,
  request: RunRequest,
  audit: RequestAudit,
  onParentFailed: (message: SlackMessage) => void,
): SlackMessage | undefined {
  const policy = deps.policy();
  // The command alone first: a refused command says so without revealing what the target selects.
  const decision = checkRun(policy, actor, request.command);
  if (!decision.allowed) return refuse(audit, decision, problems);
  let hosts: Host[];
  try {
    hosts = selectTargets(deps.inventory(), request.target);
  } catch (error) {
    return targetRefusal(error, audit);
  }
  const onTargets = checkRun(policy, actor, request.command, hosts);
  if (!onTargets.allowed) return refuse(audit, onTargets, problems);
  // The id is known before the job starts, so the request's entry comes before the job's own.
  const id = newJobId(deps);
  audit.accepted({ jobId: id, details: { devices: hosts.length, role: onTargets.role } });
  const record = launchJob(deps, { ...request, id, requester: actor.userId, hosts });
  record.reporter.parent.catch((reason: string) => onParentFailed(parentRefusal(reason)));
  return undefined;
}

function parentRefusal(reason: string): SlackMessage {
  const fix =
    reason === 'not_in_channel' || reason === 'channel_not_found'
      ? ' Invite netrun to this channel (`/invite @netrun`) and try again.'
      : '';
  return refusalMessage(
    `netrun could not post the job in this channel (Slack said: ${reason}), so the job was cancelled.${fix}`,
  );
}
