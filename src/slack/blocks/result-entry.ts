import {
  type CommandOutput,
  formatDuration,
  groupIdenticalOutputs,
  type HostResult,
  type HostStatus,
  type PushOutcome,
  replaceHostName,
} from '../../engine/index.js';
import { ERROR_CATALOGUE, type ErrorInfo } from '../../errors.js';
import { codeBlock, escapeMrkdwn, inlineCode, nameList, plural, truncate } from './mrkdwn.js';
import { STATUS_EMOJI, STATUS_WORD } from './status.js';

/** One entry of a results reply: a device, or several devices whose results say the same thing. */
export interface ResultEntry {
  status: HostStatus;
  /** Members in the order their results arrived; the first one's output is the one shown. */
  results: HostResult[];
  outputs: CommandOutput[];
  error?: ErrorInfo;
}

/** Room for device names in an entry header before "+N more" (the file lists them all). */
const NAMES_CHARS = 600;
const ERROR_MESSAGE_CHARS = 500;

/**
 * Results grouped so identical outputs (and identical errors) become one entry naming every device.
 * Push results also need the same push outcome (lines applied, saved) to share an entry.
 */
export function entriesFor(results: readonly HostResult[]): ResultEntry[] {
  const byHost = new Map(results.map((result) => [result.host, result]));
  return groupIdenticalOutputs(results).flatMap((group) => {
    const members = group.hosts.map((host) => byHost.get(host) as HostResult);
    return splitByPush(members).map((same) => {
      const first = same[0] as HostResult;
      const entry: ResultEntry = { status: first.status, results: same, outputs: first.outputs };
      if (first.error) entry.error = first.error;
      return entry;
    });
  });
}

function pushKey(result: HostResult): string {
  const push = result.push;
  return push ? JSON.stringify([push.applied.length, push.saved, push.rejected?.line ?? null]) : '';
}

function splitByPush(members: readonly HostResult[]): HostResult[][] {
  const parts = new Map<string, HostResult[]>();
  for (const member of members) {
    const key = pushKey(member);
    parts.set(key, [...(parts.get(key) ?? []), member]);
  }
  return [...parts.values()];
}

function isPush(entry: ResultEntry): boolean {
  return entry.results[0]?.push !== undefined;
}

/** `applied 3 lines · saved`; for a rejection, the line the device refused (its words are in the error). */
function pushLine(push: PushOutcome): string {
  const applied = `applied ${plural(push.applied.length, 'line')}`;
  const saved = push.saved ? 'saved' : 'not saved';
  if (!push.rejected) return `:gear: ${applied} · ${saved}`;
  return `:gear: ${applied}, then the device rejected ${inlineCode(truncate(push.rejected.line, 300))} · ${saved}`;
}

function durations(entry: ResultEntry): string | undefined {
  const ms = entry.results.filter((r) => r.started !== false).map((r) => r.timings.totalMs);
  if (ms.length === 0) return undefined;
  return durationRange(Math.min(...ms), Math.max(...ms));
}

/** `518–562 ms`, `1.2–3.4 s`; units repeat only when they differ. */
export function durationRange(low: number, high: number): string {
  const a = formatDuration(low);
  const b = formatDuration(high);
  if (a === b) return a;
  const unit = /\s(ms|s)$/.exec(b)?.[1];
  return unit && a.endsWith(` ${unit}`) && !a.includes(' m ')
    ? `${a.slice(0, -unit.length - 1)}–${b}`
    : `${a}–${b}`;
}

function errorTitle(error: ErrorInfo | undefined): string | undefined {
  if (!error) return undefined;
  return `${ERROR_CATALOGUE[error.code]?.title ?? 'error'} (${error.code})`;
}

/**
 * True when the header can name every device of the entry. When it cannot (a big group: "+N more"),
 * the reply planner sends the entry to the file, whose section names them all — otherwise the
 * devices behind "+N more" would appear nowhere in the thread.
 */
export function entryNamesFit(entry: ResultEntry): boolean {
  const names = entry.results.map((r) => r.host);
  return !/ \+\d+ more$/.test(nameList(names, NAMES_CHARS));
}

/** `:x: *r3, r4* · 2 devices · connect timed out (CONNECT_TIMEOUT) · 10.0 s` */
export function entryHeader(entry: ResultEntry): string {
  const names = entry.results.map((r) => r.host);
  const parts = [`${STATUS_EMOJI[entry.status]} *${nameList(names, NAMES_CHARS)}*`];
  if (names.length > 1) {
    parts.push(
      `${names.length} devices, ${entry.status === 'ok' && !isPush(entry) ? 'identical output' : 'same result'}`,
    );
  }
  if (entry.status !== 'ok') parts.push(escapeMrkdwn(errorTitle(entry.error) ?? STATUS_WORD[entry.status]));
  const time = durations(entry);
  if (time) parts.push(time);
  return parts.join(' · ');
}

/** The error in the words of the first member; its own name stands in as ⟨host⟩ when others share it. */
function errorMessage(entry: ResultEntry): string | undefined {
  const message = entry.error?.message;
  if (!message) return undefined;
  const first = entry.results[0]?.host ?? '';
  return entry.results.length > 1 ? replaceHostName(message, first) : message;
}

function hasOutput(outputs: readonly CommandOutput[]): boolean {
  return outputs.some((o) => o.output.trim() !== '');
}

/** Outputs as code blocks; with several commands each gets its command as a caption. */
export function outputsMrkdwn(outputs: readonly CommandOutput[]): string {
  if (outputs.length === 1) return codeBlock((outputs[0] as CommandOutput).output);
  return outputs.map((o) => `${inlineCode(o.command)}\n${codeBlock(o.output)}`).join('\n');
}

export function entryBody(entry: ResultEntry): string {
  const lines: string[] = [];
  const message = errorMessage(entry);
  if (entry.status !== 'ok' && message)
    lines.push(`> ${escapeMrkdwn(truncate(message, ERROR_MESSAGE_CHARS)).replace(/\n/g, '\n> ')}`);
  const push = entry.results[0]?.push;
  if (push) lines.push(pushLine(push));
  // A push prints nothing worth a code block; a run's empty output still says "(no output)".
  if ((entry.status === 'ok' && !push) || hasOutput(entry.outputs)) lines.push(outputsMrkdwn(entry.outputs));
  return lines.join('\n');
}

/** The whole entry as one section's text (may exceed a section: the planner checks). */
export function entryChunk(entry: ResultEntry): string {
  const body = entryBody(entry);
  return body === '' ? entryHeader(entry) : `${entryHeader(entry)}\n${body}`;
}

/** The entry's line when its output is in the file instead. */
export function entryFileLine(entry: ResultEntry, filename: string): string {
  const size = entry.outputs.reduce((sum, o) => sum + o.output.length, 0);
  const where =
    size > 0
      ? `output (${formatSize(size)}) in ${inlineCode(filename)}`
      : `details in ${inlineCode(filename)}`;
  return `${entryHeader(entry)} · ${where}`;
}

export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}
