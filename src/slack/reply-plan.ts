import type { HostResult } from '../engine/index.js';
import {
  type Block,
  context,
  entriesFor,
  entryChunk,
  entryFileLine,
  entryNamesFit,
  inlineCode,
  MAX_BLOCKS,
  outputFileText,
  packSections,
  plural,
  type ResultEntry,
  SECTION_MAX_CHARS,
  type SlackMessage,
  section,
  truncate,
} from './blocks/index.js';

/**
 * Turns the results waiting for a job's next thread reply into that reply (and, when needed, one file
 * for it). Pure: the thread reporter calls it when the channel may take a message, with everything
 * that arrived since the last one.
 */

export interface ReplyLimits {
  /** Slack's limit for one section's text. */
  sectionChars: number;
  maxBlocks: number;
  /** Output shown in one reply; more would make a wall of text nobody scrolls. */
  inlineChars: number;
  /** Lines for devices whose output went to the file. */
  statusChars: number;
  /**
   * Output that would take more than this many further replies goes to this reply's file instead of
   * waiting: at one reply a second, a backlog of replies is a backlog of seconds.
   */
  spillAfterReplies: number;
  maxResultsPerReply: number;
}

export const DEFAULT_REPLY_LIMITS: ReplyLimits = {
  sectionChars: SECTION_MAX_CHARS,
  maxBlocks: MAX_BLOCKS,
  inlineChars: 12_000,
  statusChars: 20_000,
  spillAfterReplies: 1,
  maxResultsPerReply: 1_000,
};

export interface PlannedFile {
  filename: string;
  title: string;
  content: string;
  /** Devices whose output is in the file. */
  hosts: string[];
}

export interface ReplyPlan {
  message: SlackMessage;
  /** Every device this reply (with its file) carries, in result order. */
  hosts: string[];
  file?: PlannedFile;
}

export interface ReplyContext {
  jobId: string;
  /** 1 for the job's first reply, 2 for the next... (names the file). */
  part: number;
  command: string;
}

interface Item {
  entry: ResultEntry;
  chunk: string;
}

function hostsOf(items: readonly Item[]): string[] {
  return items.flatMap((item) => item.entry.results.map((r) => r.host));
}

function split(entries: ResultEntry[], limits: ReplyLimits) {
  const inline: Item[] = [];
  const tooLong: Item[] = [];
  const overflow: Item[] = [];
  let used = 0;
  for (const entry of entries) {
    const item = { entry, chunk: entryChunk(entry) };
    // A group too big for its header's name list goes to the file too: the file names every device.
    if (item.chunk.length > limits.sectionChars || !entryNamesFit(entry)) tooLong.push(item);
    else if (inline.length === 0 || used + item.chunk.length <= limits.inlineChars) {
      inline.push(item);
      used += item.chunk.length;
    } else overflow.push(item);
  }
  return { inline, tooLong, overflow };
}

function fileLines(items: readonly Item[], filename: string, maxChars: number): string[] {
  const lines: string[] = [];
  let used = 0;
  for (const [index, item] of items.entries()) {
    const line = entryFileLine(item.entry, filename);
    if (used + line.length > maxChars) {
      const rest = hostsOf(items.slice(index)).length;
      lines.push(`… and ${plural(rest, 'more device')} in ${inlineCode(filename)}`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines;
}

function fallbackText(context: ReplyContext, results: readonly HostResult[], file?: PlannedFile): string {
  const ok = results.filter((r) => r.status === 'ok').length;
  const notOk = results.length - ok;
  const tally = notOk > 0 ? `${ok} ok, ${notOk} not ok` : `${ok} ok`;
  const where = file ? ` · output in ${file.filename}` : '';
  return truncate(`${context.command}: ${plural(results.length, 'device')} — ${tally}${where}`, 3_000);
}

function buildFile(items: readonly Item[], context: ReplyContext): PlannedFile | undefined {
  if (items.length === 0) return undefined;
  const hosts = hostsOf(items);
  const filename = `netrun-${context.jobId}-part${context.part}.txt`;
  const title = `${context.command} — ${plural(hosts.length, 'device')} (job ${context.jobId}, part ${context.part})`;
  return {
    filename,
    title,
    hosts,
    content: outputFileText(
      items.map((i) => i.entry),
      title,
    ),
  };
}

/** The next reply from `pending` (results in arrival order); `remaining` waits for a later reply. */
export function planReply(
  pending: readonly HostResult[],
  context: ReplyContext,
  limits: ReplyLimits = DEFAULT_REPLY_LIMITS,
): { plan: ReplyPlan; remaining: HostResult[] } {
  const batch = pending.slice(0, limits.maxResultsPerReply);
  const later = pending.slice(limits.maxResultsPerReply);
  const { inline, tooLong, overflow } = split(entriesFor(batch), limits);
  const overflowChars = overflow.reduce((sum, item) => sum + item.chunk.length, 0);
  const spill = later.length > 0 || overflowChars > limits.inlineChars * limits.spillAfterReplies;
  const inFile = spill ? [...tooLong, ...overflow] : tooLong;
  const waiting = new Set(spill ? [] : hostsOf(overflow));
  const file = buildFile(inFile, context);
  const carried = [...inline, ...inFile];
  const chunks = [
    ...inline.map((item) => item.chunk),
    ...(file ? fileLines(inFile, file.filename, limits.statusChars) : []),
  ];
  const blocks: Block[] = packSections(chunks, limits.sectionChars)
    .slice(0, limits.maxBlocks - 1)
    .map((text) => section(text));
  if (file) blocks.push(contextNote(file));
  const results = batch.filter((r) => !waiting.has(r.host));
  return {
    plan: {
      message: { text: fallbackText(context, results, file), blocks },
      hosts: hostsOf(carried),
      ...(file ? { file } : {}),
    },
    remaining: [...batch.filter((r) => waiting.has(r.host)), ...later],
  };
}

function contextNote(file: PlannedFile): Block {
  return context(
    `:page_facing_up: Output of ${plural(file.hosts.length, 'device')} is in the file below: ${inlineCode(file.filename)}`,
  );
}
