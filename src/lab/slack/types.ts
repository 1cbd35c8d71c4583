import type { FaultKind } from './schema.js';

/** Block Kit as received: JSON objects the stand-in checks the way Slack does, but does not type fully. */
export type Block = Record<string, unknown>;

export interface FileRef {
  id: string;
  name: string;
  title: string;
  size: number;
}

/** One version of a message, kept so tests can see what chat.update changed. */
export interface MessageVersion {
  text: string;
  blocks?: Block[];
  at: number;
}

export type MessageSource = 'chat.postMessage' | 'files.completeUploadExternal' | 'response_url';

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Set on thread replies: the parent's ts. */
  threadTs?: string;
  /** Author user id (the bot's user for everything the bot posts). */
  user: string;
  botId?: string;
  text: string;
  blocks?: Block[];
  files?: FileRef[];
  /** Earlier versions, oldest first; the fields above are the current one. */
  edits: MessageVersion[];
  deleted: boolean;
  postedAt: number;
  via: MessageSource;
  /** Extra arguments as sent (metadata, unfurl flags, ...), for assertions. */
  extra: Record<string, unknown>;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  /** `message_ts` as chat.postEphemeral answers it. */
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: Block[];
  via: 'chat.postEphemeral' | 'response_url';
  postedAt: number;
  /** Replaced by a later `replace_original` or removed by `delete_original`. */
  replaced: boolean;
  deleted: boolean;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  /** Length announced to files.getUploadURLExternal. */
  declaredLength: number;
  content?: Buffer;
  uploaded: boolean;
  completed: boolean;
  channel?: string;
  threadTs?: string;
  messageTs?: string;
  createdAt: number;
}

export interface OpenedView {
  id: string;
  user: string;
  triggerId: string;
  /** The view as the app last sent it (views.open or views.update). */
  view: Record<string, unknown>;
  hash: string;
  openedAt: number;
  /** Earlier versions, oldest first. */
  history: Record<string, unknown>[];
}

/** Where an interaction came from: what `response_url` and `replace_original` act on. */
export interface InteractionSource {
  channel: string;
  user: string;
  /** The message a button was on (block_actions). */
  messageTs?: string;
  /** True when that message is an ephemeral one. */
  ephemeral?: boolean;
}

export interface ResponseUrlPost {
  id: string;
  at: number;
  body: Record<string, unknown>;
  status: number;
  answer: string;
  /** What the post did: the ts of the message or ephemeral it created, replaced or deleted. */
  effect?: { action: 'ephemeral' | 'in_channel' | 'replaced' | 'deleted'; ts?: string };
}

export interface CallRecord {
  seq: number;
  /** Web API method, or `upload` (the upload URL) or `response_url`. */
  method: string;
  args: Record<string, unknown>;
  at: number;
  durationMs: number;
  /** HTTP status answered; 0 when the connection was dropped without an answer. */
  status: number;
  ok: boolean;
  error?: string;
  /** The message ts the call created or changed (even when a fault hid the answer). */
  ts?: string;
  channel?: string;
  fault?: FaultKind;
  /** Accepted with ok:true but never shown: Slack's silent drop of bursts. */
  droppedSilently?: boolean;
  retryAfterSec?: number;
}

export interface MethodCounts {
  calls: number;
  ok: number;
  errors: number;
  ratelimited: number;
  faults: number;
  dropped: number;
}

export interface CallCounts extends MethodCounts {
  byMethod: Record<string, MethodCounts>;
  /** Error codes seen, with how often. */
  errorCodes: Record<string, number>;
}
