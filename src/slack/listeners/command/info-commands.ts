import { checkKnown, rolesOf } from '../../../engine/index.js';
import { listGroups, selectTargets } from '../../../inventory/index.js';
import {
  devicesMessage,
  groupsMessage,
  helpMessage,
  jobsMessage,
  type SlackMessage,
} from '../../blocks/index.js';
import type { ListenerDeps, ResolvedActor } from '../context.js';
import { type RequestAudit, refuse, targetRefusal } from '../request-audit.js';

export function helpFor(deps: ListenerDeps, { actor }: ResolvedActor): SlackMessage {
  const runners = rolesOf(deps.policy(), actor).filter((role) => role.run);
  const allowed =
    runners.length > 0 ? [...new Set(runners.flatMap((r) => r.run?.commands ?? []))] : undefined;
  return helpMessage(allowed);
}

/** Listings show the inventory's names: only people the policy knows may see them. */
function refuseStranger(
  deps: ListenerDeps,
  { actor, problems }: ResolvedActor,
  audit: RequestAudit,
): SlackMessage | undefined {
  const decision = checkKnown(deps.policy(), actor);
  return decision.allowed ? undefined : refuse(audit, decision, problems);
}

export function groupsFor(deps: ListenerDeps, who: ResolvedActor, audit: RequestAudit): SlackMessage {
  return refuseStranger(deps, who, audit) ?? groupsMessage(listGroups(deps.inventory()));
}

export function devicesFor(
  deps: ListenerDeps,
  who: ResolvedActor,
  target: string,
  audit: RequestAudit,
): SlackMessage {
  const refused = refuseStranger(deps, who, audit);
  if (refused) return refused;
  try {
    return devicesMessage(target, selectTargets(deps.inventory(), target));
  } catch (error) {
    return targetRefusal(error, audit);
  }
}

export function jobsFor(deps: ListenerDeps, who: ResolvedActor, audit: RequestAudit): SlackMessage {
  const refused = refuseStranger(deps, who, audit);
  if (refused) return refused;
  const now = deps.now();
  const listings = deps.jobs.running().map((record) => ({
    jobId: record.id,
    requester: record.header.requester,
    channel: record.channel,
    command: record.header.command,
    target: record.header.target,
    done: record.job.results().length,
    total: record.header.hostCount,
    elapsedMs: now - record.startedAt,
  }));
  return jobsMessage(listings);
}
