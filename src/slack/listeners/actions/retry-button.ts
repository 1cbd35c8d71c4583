import type { App, BlockAction, RespondFn } from '@slack/bolt';
import { checkManageJob, checkRun, type HostResult } from '../../../engine/index.js';
import type { Host } from '../../../inventory/index.js';
import {
  type Block,
  context,
  inlineCode,
  plural,
  replaceActions,
  type SlackMessage,
} from '../../blocks/index.js';
import { ACTION_IDS, BLOCK_IDS } from '../../ids.js';
import { type JobRecord, launchJob, newJobId } from '../../jobs/index.js';
import { answer, type ListenerDeps, resolveActor } from '../context.js';
import { type RequestAudit, refuse, refuseWith } from '../request-audit.js';
import { buttonAudit, refuseButtonChannel } from './button-audit.js';

/** Devices a retry runs again: those that failed or timed out (not the ones someone cancelled). */
export function retryableHosts(results: readonly HostResult[]): string[] {
  return results.filter((r) => r.status === 'failed' || r.status === 'timeout').map((r) => r.host);
}

/** Retry failed on a summary: a new job, in a new thread, on the failed devices only. */
export function registerRetryButton(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(ACTION_IDS.retryFailed, async ({ ack, body, action, respond }) => {
    await ack();
    const jobId = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const audit = buttonAudit(deps, body, 'retry', jobId);
    const wrongChannel = refuseButtonChannel(deps, audit);
    const outcome = wrongChannel ? { refusal: wrongChannel } : await retry(deps, body.user.id, jobId, audit);
    if ('refusal' in outcome) return answer(deps, respond, outcome.refusal);
    await markRetried(deps, respond, body, outcome.note);
  });
}

async function retry(
  deps: ListenerDeps,
  userId: string,
  jobId: string,
  audit: RequestAudit,
): Promise<{ refusal: SlackMessage } | { note: string }> {
  const record = deps.jobs.get(jobId);
  if (!record?.finished) {
    const reason = record
      ? `Job \`${jobId}\` is still running: retry its failed devices once it has finished.`
      : `Job \`${jobId}\` is not known any more (netrun keeps recent jobs only, and not across restarts).`;
    return { refusal: refuseWith(audit, record ? 'not-running' : 'not-found', reason) };
  }
  audit.note({ command: record.header.command, target: record.header.target });
  const { actor, problems } = await resolveActor(deps, userId);
  const policy = deps.policy();
  for (const decision of [
    checkManageJob(policy, actor, record.header.requester, 'retry'),
    checkRun(policy, actor, record.header.command, retryHosts(deps, record)),
  ]) {
    if (!decision.allowed) return { refusal: refuse(audit, decision, problems) };
  }
  return start(deps, record, userId, audit);
}

function start(
  deps: ListenerDeps,
  record: JobRecord,
  userId: string,
  audit: RequestAudit,
): { refusal: SlackMessage } | { note: string } {
  const hosts = retryHosts(deps, record);
  if (hosts.length === 0) {
    const reason = `Job \`${record.id}\` has no failed devices left to retry.`;
    return { refusal: refuseWith(audit, 'not-found', reason) };
  }
  const id = newJobId(deps);
  if (!deps.jobs.claimRetry(record.id, id)) {
    const reason = `Job \`${record.id}\` was already retried as job \`${record.retriedAs}\`.`;
    return { refusal: refuseWith(audit, 'duplicate', reason) };
  }
  audit.accepted({
    action: 'retry',
    outcome: 'retried',
    jobId: id,
    details: { retryOf: record.id, devices: hosts.length },
  });
  launchJob(deps, {
    id,
    channel: record.channel,
    requester: userId,
    command: record.header.command,
    target: record.header.target,
    hosts,
    retryOf: record.id,
  });
  return {
    note: `:repeat: <@${userId}> retried ${plural(hosts.length, 'failed device')} as job ${inlineCode(id)}`,
  };
}

/** The summary's button becomes a note, so nobody retries the same devices twice. */
async function markRetried(
  deps: ListenerDeps,
  respond: RespondFn,
  body: BlockAction,
  note: string,
): Promise<void> {
  const message = body.message as { text?: string; blocks?: Block[] } | undefined;
  if (!message?.blocks) return;
  const blocks = replaceActions(message.blocks, BLOCK_IDS.summaryActions, context(note));
  try {
    await respond({ replace_original: true, text: message.text ?? note, blocks });
  } catch (error) {
    deps.log.warn({ err: error }, 'could not mark the summary as retried');
  }
}

/** The devices that did not succeed, as the inventory knows them now. */
function retryHosts(deps: ListenerDeps, record: JobRecord): Host[] {
  const names = retryableHosts(record.finished?.results ?? []);
  const byName = new Map(deps.inventory().hosts.map((host) => [host.name, host]));
  return names.map((name) => byName.get(name)).filter((h): h is Host => h !== undefined);
}
