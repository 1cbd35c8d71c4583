import { type Answer, textAnswer } from './answer.js';
import type { ResponseUrlEntry } from './interactivity.js';
import type { MethodContext } from './methods/index.js';
import type { ResponseUrlPost } from './types.js';
import { boolArg, type MessageContent, parseMessageContent, stringArg } from './validate.js';

type Effect = NonNullable<ResponseUrlPost['effect']>;
type Outcome = { ok: true; effect: Effect } | { ok: false; status: number; error: string };

function postEphemeral(ctx: MethodContext, entry: ResponseUrlEntry, content: MessageContent): Effect {
  const ephemeral = ctx.store.addEphemeral({
    channel: entry.source.channel,
    user: entry.source.user,
    text: content.text ?? '',
    blocks: content.blocks,
    via: 'response_url',
  });
  entry.lastEphemeralTs = ephemeral.ts;
  return { action: 'ephemeral', ts: ephemeral.ts };
}

/** The ephemeral this URL would replace: the one a button was on, or the URL's own last answer. */
function originalEphemeral(ctx: MethodContext, entry: ResponseUrlEntry) {
  const ts = entry.source.ephemeral ? entry.source.messageTs : entry.lastEphemeralTs;
  const found = ts === undefined ? undefined : ctx.store.findEphemeral(ts);
  return found && !found.replaced && !found.deleted ? found : undefined;
}

function originalMessage(ctx: MethodContext, entry: ResponseUrlEntry) {
  if (entry.source.ephemeral || entry.source.messageTs === undefined) return undefined;
  const message = ctx.store.find(entry.source.channel, entry.source.messageTs);
  return message && !message.deleted ? message : undefined;
}

function replaceOriginal(ctx: MethodContext, entry: ResponseUrlEntry, content: MessageContent): Outcome {
  const message = originalMessage(ctx, entry);
  if (message) {
    ctx.store.update(message, { text: content.text ?? '', blocks: content.blocks ?? [] });
    return { ok: true, effect: { action: 'replaced', ts: message.ts } };
  }
  if (entry.source.messageTs !== undefined && !entry.source.ephemeral) {
    return { ok: false, status: 404, error: 'message_not_found' };
  }
  const old = originalEphemeral(ctx, entry);
  if (old) ctx.store.retireEphemeral(old, 'replaced');
  const effect = postEphemeral(ctx, entry, content);
  return { ok: true, effect: { action: old ? 'replaced' : 'ephemeral', ts: effect.ts } };
}

function deleteOriginal(ctx: MethodContext, entry: ResponseUrlEntry): Outcome {
  const message = originalMessage(ctx, entry);
  if (message) {
    ctx.store.delete(message);
    return { ok: true, effect: { action: 'deleted', ts: message.ts } };
  }
  const ephemeral = originalEphemeral(ctx, entry);
  if (!ephemeral) return { ok: false, status: 404, error: 'message_not_found' };
  ctx.store.retireEphemeral(ephemeral, 'deleted');
  return { ok: true, effect: { action: 'deleted', ts: ephemeral.ts } };
}

function apply(ctx: MethodContext, entry: ResponseUrlEntry, body: Record<string, unknown>): Outcome {
  if (boolArg(body, 'delete_original')) return deleteOriginal(ctx, entry);
  const { maxPostTextChars, maxBlocks, maxSectionTextChars } = ctx.options.limits;
  const content = parseMessageContent(body, {
    maxTextChars: maxPostTextChars,
    maxBlocks,
    maxSectionTextChars,
  });
  if (!content.ok) return { ok: false, status: 400, error: content.failure.error };
  if (boolArg(body, 'replace_original')) return replaceOriginal(ctx, entry, content.value);
  if (stringArg(body, 'response_type') !== 'in_channel')
    return { ok: true, effect: postEphemeral(ctx, entry, content.value) };
  const threadTs = stringArg(body, 'thread_ts');
  const message = ctx.store.post({
    channel: entry.source.channel,
    threadTs: threadTs ? ctx.store.threadRoot(entry.source.channel, threadTs)?.ts : undefined,
    text: content.value.text ?? '',
    blocks: content.value.blocks,
    via: 'response_url',
  });
  return { ok: true, effect: { action: 'in_channel', ts: message.ts } };
}

/**
 * A POST to a response_url: `response_type` ephemeral (default) or in_channel, `replace_original`,
 * `delete_original`. Like Slack's webhooks it answers with status codes and a plain-text body:
 * `ok`, or the error (`no_text`, `invalid_blocks`, `used_url` after 5 uses, `expired_url` after 30 min).
 */
export function handleResponseUrl(ctx: MethodContext, id: string, body: Record<string, unknown>): Answer {
  const check = ctx.interactivity.checkResponseUrl(id);
  const at = ctx.now();
  if (!check.ok) {
    ctx.interactivity.recordPost({ id, at, body, status: 404, answer: check.error });
    return textAnswer(404, check.error, { error: check.error });
  }
  const outcome = apply(ctx, check.entry, body);
  if (!outcome.ok) {
    ctx.interactivity.recordPost({ id, at, body, status: outcome.status, answer: outcome.error });
    return textAnswer(outcome.status, outcome.error, { error: outcome.error });
  }
  check.entry.uses += 1;
  ctx.interactivity.recordPost({ id, at, body, status: 200, answer: 'ok', effect: outcome.effect });
  return textAnswer(200, 'ok', { ts: outcome.effect.ts, channel: check.entry.source.channel });
}
