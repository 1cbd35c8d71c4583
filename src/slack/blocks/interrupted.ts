import type { JobSummary } from '../../engine/index.js';
import {
  type Block,
  context,
  escapeMrkdwn,
  inlineCode,
  nameList,
  plural,
  type SlackMessage,
  section,
  truncate,
} from './mrkdwn.js';
import type { JobHeader } from './parent.js';
import { STATUS_WORD, summaryLine } from './status.js';

/**
 * What threads say when netrun itself stopped the job — a restart (SIGTERM) or a crash found at the
 * next start — as opposed to a person pressing Cancel. The words differ on purpose: "cancelled by
 * <@U…>" means someone decided; "interrupted" means run it again once netrun is back.
 */

const ICON = ':octagonal_sign:';

/** Same words as the running parent's first line, so the message keeps its look when it is finished. */
function headline(job: JobHeader): string {
  const retry = job.retryOf ? ` (retry of the failed devices of job ${inlineCode(job.retryOf)})` : '';
  return `<@${job.requester}> ran ${inlineCode(truncate(job.command, 500))} on *${escapeMrkdwn(truncate(job.target, 300))}* · ${plural(job.hostCount, 'device')}${retry}`;
}

/** The banner put at the top of a summary when netrun stopped the job (SIGTERM). */
function interruptedBanner(reason: string): Block {
  return section(
    `${ICON} *Interrupted:* ${truncate(reason, 300)}. Devices still running were stopped and queued ones were not started — nobody cancelled this job. Run it again once netrun is back.`,
  );
}

/** A summary message with the interrupted banner after its title (and no buttons: the job is gone). */
export function interruptedSummary(summary: SlackMessage, reason: string): SlackMessage {
  const [title, ...rest] = summary.blocks;
  const blocks = rest.filter((block) => block.type !== 'actions');
  return {
    text: `${summary.text} — interrupted: ${reason}`.slice(0, 3_000),
    blocks: title ? [title, interruptedBanner(reason), ...blocks] : [interruptedBanner(reason), ...blocks],
  };
}

/** The parent message's final state after a shutdown interrupted the job. */
export function interruptedParent(job: JobHeader, summary: JobSummary, reason: string): SlackMessage {
  return {
    text: truncate(`netrun: ${job.command} on ${job.target} — interrupted: ${summaryLine(summary)}`, 3_000),
    blocks: [
      section(headline(job)),
      context(
        `${ICON} interrupted · ${summaryLine(summary)} · ${truncate(reason, 200)}`,
        `job ${inlineCode(job.jobId)} · details in the thread`,
      ),
    ],
  };
}

/** A device that had finished before the crash, as the store recorded it. */
export interface RecoveredDevice {
  host: string;
  status: keyof typeof STATUS_WORD;
  errorCode?: string;
  /** True when its result had reached the thread before the crash. */
  posted: boolean;
}

export interface RecoveredJob {
  jobId: string;
  kind: 'run' | 'push';
  finished: readonly RecoveredDevice[];
  unfinished: readonly string[];
  /** Results that had not reached the thread and were posted just now, by recovery. */
  postedNow: readonly string[];
  /** Results that had not reached the thread and could not be posted now either. */
  stillUnposted: readonly string[];
}

/** Finished devices by outcome: `ok`, `failed (AUTH_FAILED)` → their names. */
function byOutcome(devices: readonly RecoveredDevice[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const device of devices) {
    const label = device.errorCode
      ? `${STATUS_WORD[device.status]} (${device.errorCode})`
      : STATUS_WORD[device.status];
    groups.set(label, [...(groups.get(label) ?? []), device.host]);
  }
  return groups;
}

/** Name-list budgets of the notices; a list over its budget ends in "+N more" and goes to the file. */
const FINISHED_CHARS = 600;
const UNFINISHED_CHARS = 1_500;
const POSTED_CHARS = 600;

function finishedLine(devices: readonly RecoveredDevice[]): string {
  return [...byOutcome(devices)]
    .map(([label, hosts]) => `${plural(hosts.length, 'device')} ${label}: ${nameList(hosts, FINISHED_CHARS)}`)
    .join('\n');
}

function cut(names: readonly string[], maxChars: number): boolean {
  return / \+\d+ more$/.test(nameList(names, maxChars));
}

/** The file that holds a notice's complete lists (named in the notice when one of them was cut). */
export interface InterruptedListsFile {
  filename: string;
  title: string;
  content: string;
}

/**
 * The complete device lists of an interrupted job, when the notice had to cut one short: a person
 * must be able to see exactly which devices did not finish, at any fleet size.
 */
export function interruptedListsFile(job: RecoveredJob): InterruptedListsFile | undefined {
  const groups = byOutcome(job.finished);
  const long =
    [...groups.values()].some((hosts) => cut(hosts, FINISHED_CHARS)) ||
    cut(job.unfinished, UNFINISHED_CHARS) ||
    cut(job.postedNow, POSTED_CHARS) ||
    cut(job.stillUnposted, POSTED_CHARS);
  if (!long) return undefined;
  const section = (title: string, names: readonly string[]) =>
    names.length === 0 ? [] : [`${title} (${names.length}):`, ...names, ''];
  const lines = [
    `netrun job ${job.jobId} was interrupted (netrun restarted): the complete device lists.`,
    '',
    ...[...groups].flatMap(([label, hosts]) => section(`Finished before the stop, ${label}`, hosts)),
    ...section('Not finished', job.unfinished),
    ...section('Recorded but not posted', job.stillUnposted),
  ];
  return {
    filename: listsFilename(job.jobId),
    title: `Job ${job.jobId}: devices finished and not finished`,
    content: lines.join('\n'),
  };
}

function listsFilename(jobId: string): string {
  return `netrun-${jobId}-interrupted.txt`;
}

function listsPointer(job: RecoveredJob): string | undefined {
  return interruptedListsFile(job)
    ? `Some lists above are cut short: every device is named in ${inlineCode(listsFilename(job.jobId))}.`
    : undefined;
}

function postedLines(job: RecoveredJob): string[] {
  const lines: string[] = [];
  if (job.postedNow.length > 0) {
    lines.push(
      `Results that had not reached this thread before the stop are posted above: ${nameList(job.postedNow, POSTED_CHARS)}.`,
    );
  }
  if (job.stillUnposted.length > 0) {
    lines.push(
      `Results netrun recorded but could not post: ${nameList(job.stillUnposted, POSTED_CHARS)} (kept in netrun's database under job ${job.jobId}).`,
    );
  }
  return lines;
}

/** The reply recovery posts in the thread of a job that was running when netrun died. */
export function recoveredJobNotice(job: RecoveredJob): SlackMessage {
  const done = job.finished.length;
  const total = done + job.unfinished.length;
  const blocks: Block[] = [
    section(
      `${ICON} *Interrupted:* netrun stopped unexpectedly while job ${inlineCode(job.jobId)} was running, and has restarted. This job will not continue${job.kind === 'push' ? ' and will *not* be run again' : ''}.`,
    ),
  ];
  blocks.push(
    section(
      done > 0
        ? `*Finished before the stop* (${done} of ${total}):\n${finishedLine(job.finished)}`
        : `No device had finished before the stop (0 of ${total}).`,
    ),
  );
  if (job.unfinished.length > 0) {
    const advice =
      job.kind === 'push'
        ? 'check these devices before requesting the push again: some may hold part of the change'
        : 'run the command again on these';
    blocks.push(
      section(
        `*Not finished* (${job.unfinished.length}): ${nameList(job.unfinished, UNFINISHED_CHARS)} — ${advice}.`,
      ),
    );
  } else {
    blocks.push(section('Every device had finished; netrun stopped before the thread was complete.'));
  }
  const notes = [...postedLines(job), listsPointer(job)].filter((line) => line !== undefined);
  if (notes.length > 0) blocks.push(context(...notes));
  return {
    text: `netrun: job ${job.jobId} was interrupted (netrun restarted): ${done} of ${total} devices finished`,
    blocks,
  };
}

/** The parent message's final state, set by recovery. */
export function recoveredParent(job: JobHeader, recovered: RecoveredJob): SlackMessage {
  const done = recovered.finished.length;
  const ok = recovered.finished.filter((device) => device.status === 'ok').length;
  const line = `${ICON} interrupted · ${plural(job.hostCount, 'device')} · ${done} finished (${ok} ok) · ${recovered.unfinished.length} not finished · netrun restarted`;
  return {
    text: truncate(`netrun: ${job.command} on ${job.target} — interrupted (netrun restarted)`, 3_000),
    blocks: [section(headline(job)), context(line, `job ${inlineCode(job.jobId)} · details in the thread`)],
  };
}

export interface InterruptedPush {
  approvalId: string;
  jobId?: string;
  /** Absent when the push job left no record of its devices. */
  job?: RecoveredJob;
}

/** The reply under an approval whose push was executing when netrun died: reported, never re-run. */
export function interruptedPushNotice(push: InterruptedPush): SlackMessage {
  const jobPart = push.jobId ? ` (job ${inlineCode(push.jobId)})` : '';
  const blocks: Block[] = [
    section(
      `${ICON} *This push was interrupted:* netrun stopped while applying it${jobPart} and has restarted. It will *not* be run again automatically: devices may hold part of the change.`,
    ),
  ];
  if (push.job) {
    const { finished, unfinished } = push.job;
    if (finished.length > 0) blocks.push(section(`*Finished before the stop:*\n${finishedLine(finished)}`));
    if (unfinished.length > 0) {
      blocks.push(
        section(`*Not finished* (${unfinished.length}): ${nameList(unfinished, UNFINISHED_CHARS)}.`),
      );
    }
    const pointer = listsPointer(push.job);
    if (pointer) blocks.push(context(pointer));
  }
  blocks.push(
    context(
      'Check the devices (`/netrun show running-config` on the target) and request a new push if it is still needed.',
    ),
  );
  return {
    text: `netrun: push ${push.approvalId} was interrupted (netrun restarted); it will not be run again`,
    blocks,
  };
}
