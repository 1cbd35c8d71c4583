import { blocksToLines } from './block-text.js';
import { compareTs } from './ids.js';
import type { ChannelInfo, UserInfo } from './schema.js';
import type { FileRef, StoredEphemeral, StoredMessage } from './types.js';

/** What the renderer reads: a SlackStandin satisfies it. */
export interface TranscriptSource {
  channel(id: string): StoredMessage[];
  thread(channel: string, ts: string): StoredMessage[];
  channels?(): ChannelInfo[];
  ephemerals?(user?: string): StoredEphemeral[];
  options?: { bot: { userId: string; name: string }; users: UserInfo[] };
}

export interface TranscriptOptions {
  /** Show ephemerals (marked with who sees them); off by default, like what the channel sees. */
  includeEphemerals?: boolean;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function fileLine(file: FileRef): string {
  return `[file] ${file.name} (${formatSize(file.size)})`;
}

function indent(lines: string[], prefix: string): string[] {
  return lines.map((line) => (line === '' ? '' : `${prefix}${line}`));
}

function bodyLines(message: { text: string; blocks?: unknown; files?: FileRef[] }): string[] {
  const lines = blocksToLines(message.blocks, message.text);
  for (const file of message.files ?? []) lines.push(fileLine(file));
  return lines.length > 0 ? lines : ['(empty)'];
}

function nameOf(source: TranscriptSource, user: string): string {
  if (source.options?.bot.userId === user) return source.options.bot.name;
  return source.options?.users.find((u) => u.id === user)?.name ?? user;
}

function renderMessage(source: TranscriptSource, message: StoredMessage): string[] {
  const edited = message.edits.length > 0 ? ' (edited)' : '';
  const out = [`${nameOf(source, message.user)}:${edited}`, ...indent(bodyLines(message), '  ')];
  for (const reply of source.thread(message.channel, message.ts)) {
    const replyEdited = reply.edits.length > 0 ? ' (edited)' : '';
    out.push(`  ↳ ${nameOf(source, reply.user)}:${replyEdited}`, ...indent(bodyLines(reply), '      '));
  }
  return out;
}

function renderEphemeral(source: TranscriptSource, ephemeral: StoredEphemeral): string[] {
  const bot = source.options?.bot.name ?? 'app';
  return [
    `(only visible to ${nameOf(source, ephemeral.user)}) ${bot}:`,
    ...indent(bodyLines(ephemeral), '  '),
  ];
}

/**
 * A channel and its threads as readable text: each message in its final state (updates applied),
 * replies indented under their parent, files by name and size. Pure: reads the source, writes nothing.
 */
export function renderTranscript(
  source: TranscriptSource,
  channel: string,
  options: TranscriptOptions = {},
): string {
  const info = source.channels?.().find((c) => c.id === channel);
  const entries: { ts: string; lines: string[] }[] = source
    .channel(channel)
    .map((m) => ({ ts: m.ts, lines: renderMessage(source, m) }));
  if (options.includeEphemerals && source.ephemerals) {
    for (const e of source.ephemerals()) {
      if (e.channel === channel && !e.replaced && !e.deleted)
        entries.push({ ts: e.ts, lines: renderEphemeral(source, e) });
    }
  }
  entries.sort((a, b) => compareTs(a.ts, b.ts));
  const title = info ? `#${info.name} (${channel})` : channel;
  const body =
    entries.length === 0
      ? ['(no messages)']
      : entries.flatMap((e, i) => (i === 0 ? e.lines : ['', ...e.lines]));
  return [title, '─'.repeat(Math.min(title.length, 60)), ...body, ''].join('\n');
}
