import type { Block } from './types.js';
import { type BlockLimits, checkBlocks } from './validate-blocks.js';

/** A Slack error code with the explanations Slack puts in `response_metadata.messages`. */
export interface SlackError {
  error: string;
  messages?: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: SlackError };

export function fail(error: string, ...messages: string[]): { ok: false; failure: SlackError } {
  return { ok: false, failure: messages.length > 0 ? { error, messages } : { error } };
}

/** Form bodies carry arrays and objects as JSON strings; JSON bodies carry them as they are. */
export function jsonArg(
  args: Record<string, unknown>,
  name: string,
  formatError = 'invalid_arguments',
): Parsed<unknown> {
  const raw = args[name];
  if (typeof raw !== 'string') return { ok: true, value: raw };
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return fail(formatError, `[ERROR] ${name} is not valid JSON [json-pointer:/${name}]`);
  }
}

export function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function boolArg(args: Record<string, unknown>, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** `[ERROR] missing required field: ts`, Slack's way of saying which argument is missing. */
export function requireArgs(args: Record<string, unknown>, names: string[]): SlackError | undefined {
  const missing = names.filter((n) => args[n] === undefined || args[n] === '');
  if (missing.length === 0) return undefined;
  return { error: 'invalid_arguments', messages: missing.map((n) => `[ERROR] missing required field: ${n}`) };
}

export interface ContentLimits extends BlockLimits {
  maxTextChars: number;
}

export interface MessageContent {
  text?: string;
  blocks?: Block[];
}

/**
 * The text/blocks pair of chat.postMessage, chat.update, chat.postEphemeral and response_url posts:
 * `no_text` when there is neither, `msg_too_long` over the text limit, `invalid_blocks` with
 * pointers to what is wrong.
 */
export function parseMessageContent(
  args: Record<string, unknown>,
  limits: ContentLimits,
): Parsed<MessageContent> {
  const blocksArg = jsonArg(args, 'blocks', 'invalid_blocks_format');
  if (!blocksArg.ok) return blocksArg;
  const text = stringArg(args, 'text');
  const blocks = blocksArg.value;
  const hasAttachments =
    args.attachments !== undefined && args.attachments !== '' && args.attachments !== '[]';
  if (!text && (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0)) && !hasAttachments) {
    return fail('no_text');
  }
  if (text !== undefined && text.length > limits.maxTextChars) {
    return fail(
      'msg_too_long',
      `[ERROR] must be less than ${limits.maxTextChars + 1} characters [json-pointer:/text]`,
    );
  }
  if (blocks !== undefined) {
    const problems = checkBlocks(blocks, limits);
    if (problems.length > 0) return fail('invalid_blocks', ...problems);
  }
  return { ok: true, value: { text, blocks: blocks as Block[] | undefined } };
}
