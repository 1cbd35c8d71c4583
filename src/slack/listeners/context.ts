import type { RespondArguments, RespondFn } from '@slack/bolt';
import { type Actor, type Policy, policyUsergroups } from '../../engine/index.js';
import type { Inventory } from '../../inventory/index.js';
import type { Store } from '../../store/index.js';
import type { SlackMessage } from '../blocks/index.js';
import type { LaunchDeps } from '../jobs/index.js';
import type { Membership } from '../membership.js';
import type { ApprovalSettings } from './push/settings.js';

/** What every listener may use. Inventory and policy are functions so a reload can swap them. */
export interface ListenerDeps extends LaunchDeps {
  inventory: () => Inventory;
  policy: () => Policy;
  membership: Membership;
  store: Store;
  /** Config push approvals: expiry, the dry run's config styles (defaults when absent). */
  approvals?: ApprovalSettings;
}

export interface ResolvedActor {
  actor: Actor;
  /** User groups that could not be checked (Slack's error), said in refusals. */
  problems: string[];
}

export async function resolveActor(deps: ListenerDeps, userId: string): Promise<ResolvedActor> {
  const { usergroups, problems } = await deps.membership.usergroupsOf(
    userId,
    policyUsergroups(deps.policy()),
  );
  return { actor: { userId, usergroups }, problems };
}

export { withProblems } from './request-audit.js';

/** Only the person who asked sees it. */
export function ephemeral(message: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', text: message.text, blocks: message.blocks };
}

/** response_url answers are best effort: an expired URL is logged, never thrown into Bolt. */
export async function answer(
  deps: Pick<ListenerDeps, 'log'>,
  respond: RespondFn,
  message: SlackMessage,
): Promise<void> {
  try {
    // replace_original false: an answer to a button leaves the button's message as it was.
    await respond({ ...ephemeral(message), replace_original: false });
  } catch (error) {
    deps.log.warn({ err: error }, 'could not answer through response_url');
  }
}
