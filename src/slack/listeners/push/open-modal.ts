import type { webApi } from '@slack/bolt';
import { type Actor, checkPush, type Decision } from '../../../engine/index.js';
import { type Host, selectTargets } from '../../../inventory/index.js';
import { SLACK_CONFIG_MAX_CHARS } from '../../../push/index.js';
import {
  type ModalView,
  pushCheckingModal,
  pushModal,
  pushRefusalModal,
  type SlackMessage,
} from '../../blocks/index.js';
import { slackErrorCode } from '../../membership.js';
import { type ListenerDeps, resolveActor, withProblems } from '../context.js';
import { type RequestAudit, refuse, refuseWith, targetRefusal } from '../request-audit.js';

export interface PushInvocation {
  userId: string;
  channel: string;
  triggerId: string;
  client: webApi.WebClient;
  audit: RequestAudit;
}

/**
 * `/netrun push <target>`: the modal opens before anything slow happens, because Slack's trigger_id
 * dies 3 s after the command. The target is resolved in memory, and the `push` permission is
 * decided from the user id alone when it can be. Only when a user group might grant it does netrun
 * ask Slack, and then behind a "checking" modal that becomes the form or the refusal. Returns the
 * ephemeral answer, if any. The submission checks everything again.
 */
export async function pushFor(
  deps: ListenerDeps,
  target: string,
  invocation: PushInvocation,
): Promise<SlackMessage | undefined> {
  const { audit } = invocation;
  let hosts: Host[];
  try {
    hosts = selectTargets(deps.inventory(), target);
  } catch (error) {
    return targetRefusal(error, audit);
  }
  const form = pushModal({
    target,
    channel: invocation.channel,
    hostNames: hosts.map((h) => h.name),
    maxChars: SLACK_CONFIG_MAX_CHARS,
  });
  const byId: Actor = { userId: invocation.userId, usergroups: new Set() };
  const quick = checkPush(deps.policy(), byId, hosts);
  if (quick.allowed) return refusalOf(await openView(deps, invocation, form));
  if (!usergroupsMightGrant(deps)) return refuse(audit, quick);
  const opened = await openView(deps, invocation, pushCheckingModal(target));
  if ('refusal' in opened) return opened.refusal;
  return afterCheck(deps, invocation, hosts, { form, viewId: opened.viewId });
}

/** User groups matter only when some role with `push` lists one. */
function usergroupsMightGrant(deps: ListenerDeps): boolean {
  return deps.policy().roles.some((role) => role.push && role.usergroups.size > 0);
}

async function afterCheck(
  deps: ListenerDeps,
  invocation: PushInvocation,
  hosts: readonly Host[],
  views: { form: ModalView; viewId: string | undefined },
): Promise<SlackMessage | undefined> {
  const { actor, problems } = await resolveActor(deps, invocation.userId);
  const decision: Decision = checkPush(deps.policy(), actor, hosts);
  if (decision.allowed) {
    await updateView(deps, invocation.client, views.viewId, views.form);
    return undefined;
  }
  const refusal = pushRefusalModal(withProblems(decision.reason, problems));
  await updateView(deps, invocation.client, views.viewId, refusal);
  return refuse(invocation.audit, decision, problems);
}

type Opened = { viewId: string | undefined } | { refusal: SlackMessage };

function refusalOf(opened: Opened): SlackMessage | undefined {
  return 'refusal' in opened ? opened.refusal : undefined;
}

async function openView(deps: ListenerDeps, invocation: PushInvocation, view: ModalView): Promise<Opened> {
  try {
    const answer = await invocation.client.views.open({ trigger_id: invocation.triggerId, view });
    return { viewId: answer.view?.id };
  } catch (error) {
    const code = slackErrorCode(error);
    deps.log.warn({ err: error, user: invocation.userId }, 'could not open the push modal');
    const refusal = refuseWith(
      invocation.audit,
      'error',
      `Slack would not open the push form (${code}): Slack allows 3 seconds for it. Try \`/netrun push\` again.`,
    );
    return { refusal };
  }
}

async function updateView(
  deps: ListenerDeps,
  client: webApi.WebClient,
  viewId: string | undefined,
  view: ModalView,
): Promise<void> {
  if (viewId === undefined) return;
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    deps.log.warn({ err: error, viewId }, 'could not update the push modal');
  }
}
