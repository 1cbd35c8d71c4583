import type { Clock } from './ids.js';
import type { ChannelInfo } from './schema.js';
import type { Block, FileRef, MessageSource, StoredEphemeral, StoredFile, StoredMessage } from './types.js';

export interface StoreDeps {
  now: Clock;
  nextTs: () => string;
  nextId: (prefix: string) => string;
  botUserId: string;
  botId: string;
}

export interface NewMessage {
  channel: string;
  threadTs?: string;
  text: string;
  blocks?: Block[];
  files?: FileRef[];
  via: MessageSource;
  extra?: Record<string, unknown>;
}

export interface NewEphemeral {
  channel: string;
  user: string;
  threadTs?: string;
  text: string;
  blocks?: Block[];
  via: StoredEphemeral['via'];
}

export interface ListOptions {
  includeDeleted?: boolean;
}

/**
 * The workspace as Slack would show it: channels with their messages (thread replies under the
 * parent's ts, edits kept), ephemerals per user and uploaded files. Plain data, no I/O; every change
 * notifies listeners so `waitFor` can wake up without polling.
 */
export class SlackStore {
  private readonly channels = new Map<string, { info: ChannelInfo; messages: StoredMessage[] }>();
  private readonly ephemeralList: StoredEphemeral[] = [];
  private readonly fileMap = new Map<string, StoredFile>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: StoreDeps) {}

  addChannel(info: ChannelInfo): void {
    if (!this.channels.has(info.id)) this.channels.set(info.id, { info, messages: [] });
  }

  /** Slack accepts a channel id or a name (with or without `#`) for chat.postMessage. */
  resolveChannel(idOrName: string): ChannelInfo | undefined {
    const byId = this.channels.get(idOrName);
    if (byId) return byId.info;
    const name = idOrName.replace(/^#/, '');
    return [...this.channels.values()].find((c) => c.info.name === name)?.info;
  }

  listChannels(): ChannelInfo[] {
    return [...this.channels.values()].map((c) => c.info);
  }

  post(input: NewMessage): StoredMessage {
    const message: StoredMessage = {
      channel: input.channel,
      ts: this.deps.nextTs(),
      threadTs: input.threadTs,
      user: this.deps.botUserId,
      botId: this.deps.botId,
      text: input.text,
      blocks: input.blocks,
      files: input.files,
      edits: [],
      deleted: false,
      postedAt: this.deps.now(),
      via: input.via,
      extra: input.extra ?? {},
    };
    this.messagesOf(input.channel).push(message);
    this.changed();
    return message;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.channels.get(channel)?.messages.find((m) => m.ts === ts);
  }

  /** Slack files a reply to a reply under the original parent. */
  threadRoot(channel: string, ts: string): StoredMessage | undefined {
    const message = this.find(channel, ts);
    if (message?.threadTs === undefined) return message;
    return this.find(channel, message.threadTs);
  }

  /** Applies chat.update semantics: omitted blocks are kept, an empty array removes them. */
  update(message: StoredMessage, change: { text?: string; blocks?: Block[] }): void {
    message.edits.push({ text: message.text, blocks: message.blocks, at: this.deps.now() });
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = change.blocks.length === 0 ? undefined : change.blocks;
    this.changed();
  }

  delete(message: StoredMessage): void {
    message.deleted = true;
    this.changed();
  }

  topLevel(channel: string, options: ListOptions = {}): StoredMessage[] {
    const messages = this.channels.get(channel)?.messages ?? [];
    return messages.filter((m) => m.threadTs === undefined && (options.includeDeleted || !m.deleted));
  }

  replies(channel: string, parentTs: string, options: ListOptions = {}): StoredMessage[] {
    const messages = this.channels.get(channel)?.messages ?? [];
    return messages.filter((m) => m.threadTs === parentTs && (options.includeDeleted || !m.deleted));
  }

  addEphemeral(input: NewEphemeral): StoredEphemeral {
    const ephemeral: StoredEphemeral = {
      ...input,
      ts: this.deps.nextTs(),
      postedAt: this.deps.now(),
      replaced: false,
      deleted: false,
    };
    this.ephemeralList.push(ephemeral);
    this.changed();
    return ephemeral;
  }

  findEphemeral(ts: string): StoredEphemeral | undefined {
    return this.ephemeralList.find((e) => e.ts === ts);
  }

  retireEphemeral(ephemeral: StoredEphemeral, how: 'replaced' | 'deleted'): void {
    ephemeral[how] = true;
    this.changed();
  }

  ephemerals(user?: string): StoredEphemeral[] {
    return this.ephemeralList.filter((e) => user === undefined || e.user === user);
  }

  createFile(input: { name: string; title?: string; declaredLength: number }): StoredFile {
    const file: StoredFile = {
      id: this.deps.nextId('F'),
      name: input.name,
      title: input.title ?? input.name,
      declaredLength: input.declaredLength,
      uploaded: false,
      completed: false,
      createdAt: this.deps.now(),
    };
    this.fileMap.set(file.id, file);
    return file;
  }

  file(id: string): StoredFile | undefined {
    return this.fileMap.get(id);
  }

  files(): StoredFile[] {
    return [...this.fileMap.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private messagesOf(channel: string): StoredMessage[] {
    const entry = this.channels.get(channel);
    if (!entry) throw new Error(`channel ${channel} is not in the stand-in; resolve it before posting`);
    return entry.messages;
  }
}
