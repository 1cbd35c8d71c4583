import type { FileRef, StoredFile } from '../types.js';
import { fail, jsonArg, type Parsed, requireArgs, stringArg } from '../validate.js';
import { resolveChannelArg, resolveThread, spendPostBudget } from './chat.js';
import { errorAnswer, type MethodContext, type MethodHandler, okAnswer } from './context.js';

export const getUploadURLExternal: MethodHandler = (ctx, args) => {
  const missing = requireArgs(args, ['filename', 'length']);
  if (missing) return errorAnswer(missing);
  const length = Number(args.length);
  if (!Number.isInteger(length) || length < 1) {
    return errorAnswer({
      error: 'invalid_arguments',
      messages: ['[ERROR] length must be a positive whole number'],
    });
  }
  const file = ctx.store.createFile({ name: String(args.filename), declaredLength: length });
  return okAnswer({ upload_url: `${ctx.baseUrl}/upload/v1/${file.id}`, file_id: file.id });
};

interface FileSpec {
  id: string;
  title?: string;
}

function parseFileSpecs(args: Record<string, unknown>): Parsed<FileSpec[]> {
  const parsed = jsonArg(args, 'files');
  if (!parsed.ok) return parsed;
  const files = parsed.value;
  if (!Array.isArray(files) || files.length === 0)
    return fail('invalid_arguments', '[ERROR] missing required field: files');
  const specs: FileSpec[] = [];
  for (const entry of files) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as FileSpec).id !== 'string') {
      return fail('invalid_arguments', '[ERROR] each file needs an id [json-pointer:/files]');
    }
    specs.push(entry as FileSpec);
  }
  return { ok: true, value: specs };
}

function uploadedFiles(ctx: MethodContext, specs: FileSpec[]): Parsed<StoredFile[]> {
  const files: StoredFile[] = [];
  for (const spec of specs) {
    const file = ctx.store.file(spec.id);
    if (!file?.uploaded || file.completed) {
      return fail(
        'file_not_found',
        `[ERROR] ${spec.id} was never uploaded to its upload_url, or is already complete`,
      );
    }
    files.push(file);
  }
  return { ok: true, value: files };
}

function fileJson(file: StoredFile, user: string) {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    size: file.content?.length ?? 0,
    mimetype: 'text/plain',
    filetype: 'text',
    created: Math.floor(file.createdAt / 1000),
    timestamp: Math.floor(file.createdAt / 1000),
    user,
    channels: file.channel ? [file.channel] : [],
  };
}

/** Finishes uploads; with `channel_id` (and `thread_ts`) the files appear there as one message. */
export const completeUploadExternal: MethodHandler = (ctx, args) => {
  const specs = parseFileSpecs(args);
  if (!specs.ok) return errorAnswer(specs.failure);
  const files = uploadedFiles(ctx, specs.value);
  if (!files.ok) return errorAnswer(files.failure);
  const channelArg = stringArg(args, 'channel_id') ?? stringArg(args, 'channels');
  const channel = channelArg === undefined ? undefined : resolveChannelArg(ctx, { channel: channelArg });
  if (channelArg !== undefined && !channel) return errorAnswer('channel_not_found');
  const thread = channel ? resolveThread(ctx, channel.id, stringArg(args, 'thread_ts')) : undefined;
  if (thread && !thread.ok) return errorAnswer(thread.failure);
  if (channel && ctx.options.limits.filesCountAgainstChannel) {
    const budget = spendPostBudget(ctx, channel);
    if (budget !== 'allowed') return budget;
  }
  for (const [i, file] of files.value.entries()) {
    file.completed = true;
    file.title = specs.value[i]?.title ?? file.title;
  }
  let ts: string | undefined;
  if (channel) {
    const refs: FileRef[] = files.value.map((f) => ({
      id: f.id,
      name: f.name,
      title: f.title,
      size: f.content?.length ?? 0,
    }));
    const threadTs = thread?.ok ? thread.value : undefined;
    const message = ctx.store.post({
      channel: channel.id,
      threadTs,
      text: stringArg(args, 'initial_comment') ?? '',
      files: refs,
      via: 'files.completeUploadExternal',
    });
    ts = message.ts;
    for (const file of files.value) Object.assign(file, { channel: channel.id, threadTs, messageTs: ts });
  }
  ctx.store.changed();
  const json = files.value.map((f) => fileJson(f, ctx.options.bot.userId));
  return okAnswer({ files: json }, { ts, channel: channel?.id });
};
