import { isKnown, notInPolicy, rolesOf } from '../../../engine/index.js';
import { isNetrunError } from '../../../errors.js';
import { listGroups, selectTargets } from '../../../inventory/index.js';
import {
  devicesMessage,
  groupsMessage,
  helpMessage,
  jobsMessage,
  refusalMessage,
  type SlackMessage,
} from '../../blocks/index.js';
import { type ListenerDeps, type ResolvedActor, withProblems } from '../context.js';

export function helpFor(deps: ListenerDeps, { actor }: ResolvedActor): SlackMessage {
  const runners = rolesOf(deps.policy(), actor).filter((role) => role.run);
  const allowed =
    runners.length > 0 ? [...new Set(runners.flatMap((r) => r.run?.commands ?? []))] : undefined;
  return helpMessage(allowed);
}

/** Listings show the inventory's names: only people the policy knows may see them. */
function refuseStranger(deps: ListenerDeps, { actor, problems }: ResolvedActor): SlackMessage | undefined {
  if (isKnown(deps.policy(), actor)) return undefined;
  return refusalMessage(withProblems(notInPolicy(deps.policy(), actor, 'use'), problems));
}

export function groupsFor(deps: ListenerDeps, who: ResolvedActor): SlackMessage {
  return refuseStranger(deps, who) ?? groupsMessage(listGroups(deps.inventory()));
}

export function devicesFor(deps: ListenerDeps, who: ResolvedActor, target: string): SlackMessage {
  const refused = refuseStranger(deps, who);
  if (refused) return refused;
  try {
    return devicesMessage(target, selectTargets(deps.inventory(), target));
  } catch (error) {
    return targetRefusal(error);
  }
}

export function jobsFor(deps: ListenerDeps, who: ResolvedActor): SlackMessage {
  const refused = refuseStranger(deps, who);
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

/** Unknown or empty targets say what was wrong and what is close (the inventory's own words). */
export function targetRefusal(error: unknown): SlackMessage {
  if (isNetrunError(error)) return refusalMessage(`${error.message}\n${error.hint}`);
  throw error;
}
