/**
 * Reads a job's thread the way a person would — reply texts and the files posted in it — and says,
 * for every device, how many result entries name it and what status and code they show. Pure: it
 * works on what the Slack stand-in stored, so a scenario (or a unit test) can feed it anything.
 *
 * What counts as one entry: a result header in a reply (`:x: *r1, r2* · … (CODE)`) whose output is
 * shown there, or a section header in a file (`===== r1, r2 · failed =====`). A reply line that only
 * points at a file (`… · output (10.0 MB) in `file``) is not an entry: the file section is.
 */
import { blocksToLines } from '../../src/lab/slack/index.js';

export interface ThreadMessage {
  text: string;
  blocks?: unknown;
}

export interface DeviceEntry {
  status: 'ok' | 'failed' | 'timeout' | 'cancelled';
  /** The error code the entry shows, if any. */
  code?: string;
  /** Which reply (index in the thread) or file (`file:<n>`) carried it. */
  where: string;
}

export interface ThreadAudit {
  /** Device → every entry naming it (more than one is a duplicate). */
  entries: Map<string, DeviceEntry[]>;
  /** Entries whose name list was cut short (`+N more`): those devices are not named anywhere. */
  hiddenNames: number;
  /** Devices the summary says Slack did not take. */
  unposted: string[];
  /** Devices named in a plain "could not be shown in full" reply. */
  degraded: string[];
  /** Index of the summary reply (-1 when none). */
  summaryIndex: number;
  /** Replies after the summary (a summary must be last). */
  afterSummary: number;
  /** Recovery notices (after a restart): devices they list as finished and not finished, and names they cut. */
  recovery: { finished: string[]; unfinished: string[]; notices: number; hidden: number };
}

const EMOJI_STATUS: Record<string, DeviceEntry['status']> = {
  ':white_check_mark:': 'ok',
  ':x:': 'failed',
  ':hourglass:': 'timeout',
  ':no_entry_sign:': 'cancelled',
};
const WORD_STATUS: Record<string, DeviceEntry['status']> = {
  ok: 'ok',
  failed: 'failed',
  'timed out': 'timeout',
  cancelled: 'cancelled',
};

const HEADER = /^(:white_check_mark:|:x:|:hourglass:|:no_entry_sign:) \*([^*]+)\*(.*)$/;
const POINTER = / · (output \([^)]*\)|details) in `[^`]+`$/;
const MORE = / \+(\d+) more$/;

/** `a, b, c +2 more` → names and how many were left out. */
export function splitNames(list: string): { names: string[]; hidden: number } {
  const more = MORE.exec(list);
  const body = more ? list.slice(0, more.index) : list;
  const names = body
    .split(', ')
    .map((n) => n.trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
    .filter((n) => n !== '');
  return { names, hidden: more ? Number(more[1]) : 0 };
}

function add(audit: ThreadAudit, names: string[], entry: DeviceEntry): void {
  for (const name of names) audit.entries.set(name, [...(audit.entries.get(name) ?? []), entry]);
}

/** Result headers outside code blocks; pointers to a file are skipped (the file is counted). */
function replyEntries(audit: ThreadAudit, lines: string[], where: string): void {
  let inCode = false;
  for (const line of lines) {
    if (line === '```') {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    const match = HEADER.exec(line);
    if (!match || POINTER.test(line)) continue;
    const [, emoji, list, rest] = match as unknown as [string, string, string, string];
    const { names, hidden } = splitNames(list);
    audit.hiddenNames += hidden;
    const code = /\(([A-Z][A-Z_]+)\)/.exec(rest)?.[1];
    add(audit, names, { status: EMOJI_STATUS[emoji] ?? 'failed', where, ...(code ? { code } : {}) });
  }
}

/** `===== r1, r2 (2 devices, same result) · failed · 1.2 s =====`, then `error: CODE: …`. */
function fileEntries(audit: ThreadAudit, content: string, where: string): void {
  const lines = content.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.startsWith('===== ') || !line.endsWith(' =====')) continue;
    const parts = line.slice(6, -6).split(' · ');
    const list = (parts[0] ?? '').replace(/ \(\d+ devices, [^)]*\)$/, '');
    const status = WORD_STATUS[parts[1] ?? ''] ?? 'failed';
    const code = /^error: ([A-Z][A-Z_]+): /.exec(lines[i + 1] ?? '')?.[1];
    add(audit, splitNames(list).names, { status, where, ...(code ? { code } : {}) });
  }
}

function namesAfter(text: string, pattern: RegExp): { names: string[]; hidden: number } | undefined {
  const match = pattern.exec(text);
  return match?.[1] === undefined ? undefined : splitNames(match[1]);
}

function recoveryNotice(audit: ThreadAudit, lines: string[]): void {
  audit.recovery.notices += 1;
  for (const line of lines) {
    // `2 devices ok: r1, r2` / `1 device failed (AUTH_FAILED): r3` under "Finished before the stop".
    const finished = namesAfter(line, /^\d+ devices? [a-z ]+(?: \([A-Z_]+\))?: (.+)$/);
    if (finished) {
      audit.recovery.finished.push(...finished.names);
      audit.hiddenNames += finished.hidden;
      audit.recovery.hidden += finished.hidden;
    }
    const unfinished = namesAfter(line, /^\*Not finished\* \(\d+\): (.+?)(?: — .*)?\.?$/);
    if (unfinished) {
      audit.recovery.unfinished.push(...unfinished.names);
      audit.hiddenNames += unfinished.hidden;
      audit.recovery.hidden += unfinished.hidden;
    }
  }
}

function summaryReply(audit: ThreadAudit, text: string): void {
  const lost = namesAfter(text, /Slack did not take the results of \d+ devices?: (.+?) \(Slack said/);
  if (lost) {
    audit.unposted.push(...lost.names);
    audit.hiddenNames += lost.hidden;
  }
}

/**
 * Recovery's complete lists (`Not finished (3):` then a name per line): when a notice cuts a list
 * short, this file names everyone, so its "+N more" hides nobody.
 */
function listsFile(audit: ThreadAudit, content: string): void {
  let into: string[] | undefined;
  for (const line of content.split('\n')) {
    if (/^Not finished \(\d+\):$/.test(line)) into = audit.recovery.unfinished;
    else if (/^(Finished before the stop|Recorded but not posted)\b.*\(\d+\):$/.test(line))
      into = audit.recovery.finished;
    else if (line === '') into = undefined;
    else into?.push(line);
  }
}

/**
 * Audits a thread: its replies in order, the text of every result file posted in it, and recovery's
 * lists files.
 */
export function auditThread(
  replies: readonly ThreadMessage[],
  files: readonly string[],
  lists: readonly string[] = [],
): ThreadAudit {
  const audit: ThreadAudit = {
    entries: new Map(),
    hiddenNames: 0,
    unposted: [],
    degraded: [],
    summaryIndex: -1,
    afterSummary: 0,
    recovery: { finished: [], unfinished: [], notices: 0, hidden: 0 },
  };
  for (const [index, reply] of replies.entries()) {
    const lines = blocksToLines(reply.blocks, reply.text);
    const text = lines.join('\n');
    if (audit.summaryIndex >= 0) audit.afterSummary += 1;
    if (/^:bar_chart: \*Summary\*/.test(lines[0] ?? '')) {
      audit.summaryIndex = index;
      audit.afterSummary = 0;
      summaryReply(audit, text);
      continue;
    }
    if (
      text.includes('netrun stopped unexpectedly while job') ||
      text.includes('This push was interrupted')
    ) {
      recoveryNotice(audit, lines);
      continue;
    }
    const degraded = /^Results of \d+ devices? \((.+)\) could not be shown in full/.exec(text);
    if (degraded?.[1]) {
      audit.degraded.push(...splitNames(degraded[1]).names);
      continue;
    }
    replyEntries(audit, lines, `reply:${index}`);
  }
  for (const [i, content] of files.entries()) fileEntries(audit, content, `file:${i}`);
  if (lists.length > 0) {
    for (const content of lists) listsFile(audit, content);
    audit.hiddenNames -= audit.recovery.hidden;
  }
  return audit;
}

export interface ThreadCheck {
  /** Devices with no entry, not named as unposted, and not named by a recovery notice. */
  lost: string[];
  /** Devices with more than one entry. */
  duplicated: string[];
  /** Extra entries beyond the first, over all devices. */
  duplicateEntries: number;
  /** Names in entries that are not devices of the job. */
  unexpected: string[];
  /** Devices the summary calls not posted although the thread shows them (an ambiguous Slack answer). */
  falselyUnposted: string[];
}

/** Holds a thread against the job's devices: none lost, none shown twice. */
export function checkThread(audit: ThreadAudit, devices: readonly string[]): ThreadCheck {
  const known = new Set(devices);
  const accounted = new Set([
    ...audit.unposted,
    ...audit.degraded,
    ...audit.recovery.finished,
    ...audit.recovery.unfinished,
  ]);
  const lost = devices.filter((d) => (audit.entries.get(d)?.length ?? 0) === 0 && !accounted.has(d));
  const duplicated = devices.filter((d) => (audit.entries.get(d)?.length ?? 0) > 1);
  const duplicateEntries = duplicated.reduce((sum, d) => sum + (audit.entries.get(d)?.length ?? 1) - 1, 0);
  const unexpected = [...audit.entries.keys()].filter((name) => !known.has(name));
  const falselyUnposted = audit.unposted.filter((d) => (audit.entries.get(d)?.length ?? 0) > 0);
  return { lost, duplicated, duplicateEntries, unexpected, falselyUnposted };
}
