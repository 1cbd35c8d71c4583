import { parseTs } from '../ids.js';
import { messageToJson } from '../message-json.js';
import type { ChannelInfo } from '../schema.js';
import type { StoredMessage } from '../types.js';
import {
  type ContentLimits,
  fail,
  type Parsed,
  parseMessageContent,
  requireArgs,
  stringArg,
} from '../validate.js';
import {
  errorAnswer,
  type MethodContext,
  type MethodHandler,
  type MethodOutcome,
  okAnswer,
  rateLimitedAnswer,
} from './context.js';

function contentLimits(ctx: MethodContext, maxTextChars: number): ContentLimits {
  const { maxBlocks, maxSectionTextChars } = ctx.options.limits;
  return { maxTextChars, maxBlocks, maxSectionTextChars };
}

export function resolveChannelArg(ctx: MethodContext, args: Record<string, unknown>, name = 'channel') {
  const id = stringArg(args, name);
  return id === undefined ? undefined : ctx.store.resolveChannel(id);
}

/** A thread_ts must look like a ts and name a message in the channel; a reply's ts means its parent. */
export function resolveThread(
  ctx: MethodContext,
  channel: string,
  threadTs: string | undefined,
): Parsed<string | undefined> {
  if (threadTs === undefined || threadTs === '') return { ok: true, value: undefined };
  if (parseTs(threadTs) === undefined) return fail('invalid_thread_ts');
  const root = ctx.store.threadRoot(channel, threadTs);
  if (!root || root.deleted) return fail('thread_not_found');
  return { ok: true, value: root.ts };
}

/**
 * Over the per-channel post budget Slack answers 429 — or, for bursts, accepts the post with ok and a
 * ts and never shows it. `dropOverLimit` picks the second, which is what a reporter cannot detect.
 */
export function spendPostBudget(ctx: MethodContext, channel: ChannelInfo): MethodOutcome | 'allowed' {
  const take = ctx.limiter.post(channel.id);
  if (take.allowed) return 'allowed';
  if (!ctx.options.limits.dropOverLimit) return rateLimitedAnswer(take.retryAfterSec);
  const ts = ctx.nextTs();
  return okAnswer({ channel: channel.id, ts }, { ts, channel: channel.id, droppedSilently: true });
}

const EXTRA_ARGS = [
  'metadata',
  'unfurl_links',
  'unfurl_media',
  'reply_broadcast',
  'mrkdwn',
  'username',
  'icon_emoji',
];

function extraArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(EXTRA_ARGS.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
}

export const postMessage: MethodHandler = (ctx, args) => {
  const channel = resolveChannelArg(ctx, args);
  if (!channel) return errorAnswer('channel_not_found');
  const content = parseMessageContent(args, contentLimits(ctx, ctx.options.limits.maxPostTextChars));
  if (!content.ok) return errorAnswer(content.failure);
  const thread = resolveThread(ctx, channel.id, stringArg(args, 'thread_ts'));
  if (!thread.ok) return errorAnswer(thread.failure);
  const budget = spendPostBudget(ctx, channel);
  if (budget !== 'allowed') return budget;
  const message = ctx.store.post({
    channel: channel.id,
    threadTs: thread.value,
    text: content.value.text ?? '',
    blocks: content.value.blocks,
    via: 'chat.postMessage',
    extra: extraArgs(args),
  });
  const json = messageToJson(message, ctx.options);
  return okAnswer(
    { channel: channel.id, ts: message.ts, message: json },
    { ts: message.ts, channel: channel.id },
  );
};

function findUpdatable(ctx: MethodContext, channel: string, ts: string): StoredMessage | string {
  const message = ctx.store.find(channel, ts);
  if (!message || message.deleted) return 'message_not_found';
  if (message.user !== ctx.options.bot.userId) return 'cant_update_message';
  return message;
}

export const update: MethodHandler = (ctx, args) => {
  const channel = resolveChannelArg(ctx, args);
  if (!channel) return errorAnswer('channel_not_found');
  const missing = requireArgs(args, ['ts']);
  if (missing) return errorAnswer(missing);
  const content = parseMessageContent(args, contentLimits(ctx, ctx.options.limits.maxUpdateTextChars));
  if (!content.ok) return errorAnswer(content.failure);
  const message = findUpdatable(ctx, channel.id, String(args.ts));
  if (typeof message === 'string') return errorAnswer(message);
  const take = ctx.limiter.update();
  if (!take.allowed) return rateLimitedAnswer(take.retryAfterSec);
  ctx.store.update(message, content.value);
  const json = messageToJson(message, ctx.options);
  return okAnswer(
    { channel: channel.id, ts: message.ts, text: message.text, message: json },
    { ts: message.ts, channel: channel.id },
  );
};

export const deleteMessage: MethodHandler = (ctx, args) => {
  const channel = resolveChannelArg(ctx, args);
  if (!channel) return errorAnswer('channel_not_found');
  const message = findUpdatable(ctx, channel.id, stringArg(args, 'ts') ?? '');
  if (typeof message === 'string')
    return errorAnswer(message === 'cant_update_message' ? 'cant_delete_message' : message);
  ctx.store.delete(message);
  return okAnswer({ channel: channel.id, ts: message.ts }, { ts: message.ts, channel: channel.id });
};

export const postEphemeral: MethodHandler = (ctx, args) => {
  const channel = resolveChannelArg(ctx, args);
  if (!channel) return errorAnswer('channel_not_found');
  const user = stringArg(args, 'user');
  if (!user || !/^[UW][A-Z0-9]+$/.test(user)) return errorAnswer('user_not_found');
  const content = parseMessageContent(args, contentLimits(ctx, ctx.options.limits.maxPostTextChars));
  if (!content.ok) return errorAnswer(content.failure);
  const take = ctx.limiter.method('chat.postEphemeral');
  if (!take.allowed) return rateLimitedAnswer(take.retryAfterSec);
  const ephemeral = ctx.store.addEphemeral({
    channel: channel.id,
    user,
    threadTs: stringArg(args, 'thread_ts') || undefined,
    text: content.value.text ?? '',
    blocks: content.value.blocks,
    via: 'chat.postEphemeral',
  });
  return okAnswer({ message_ts: ephemeral.ts }, { ts: ephemeral.ts, channel: channel.id });
};
