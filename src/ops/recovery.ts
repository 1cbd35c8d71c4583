import type { HostResult } from '../engine/index.js';
import type { Logger } from '../logger.js';
import {
  type ChannelLanes,
  DEFAULT_REPLY_LIMITS,
  type InterruptedPush,
  interruptedListsFile,
  interruptedPushNotice,
  type JobHeader,
  planReply,
  type RecoveredJob,
  type ReplyLimits,
  recoveredJobNotice,
  recoveredParent,
  type SlackMessage,
  slackErrorCode,
  type ThreadIo,
} from '../slack/index.js';
import type { ApprovalRecord, InterruptedJob, JobRecord, Store } from '../store/index.js';
import { recordAudit } from '../store/index.js';

/** What the previous process left unfinished, taken from the store at start-up. */
export interface Interrupted {
  jobs: InterruptedJob[];
  /** Push requests whose execution had begun: finished as interrupted, never run again. */
  pushes: ApprovalRecord[];
}

export interface RecoveryReport {
  jobs: number;
  pushes: number;
  /** Threads that got their notice. */
  threadsTold: number;
  /** Device results that had not reached their thread and were posted by recovery. */
  resultsPosted: number;
  /** Slack calls that failed (the log has each one). */
  failures: number;
}

export interface RecoveryDeps {
  store: Store;
  io: ThreadIo;
  /** Paces recovery's posts per channel and waits out 429s. */
  lanes: ChannelLanes;
  log: Logger;
  replyLimits?: ReplyLimits;
  /**
   * Redraws an approval message from its stored request (the push flow's renderer), so a push closed
   * as interrupted stops showing "executing". Without it only the thread is told.
   */
  approvalMessage?: (approval: ApprovalRecord) => SlackMessage;
}

const PUSH_NOT_RERUN = 'netrun stopped while applying this push; it was not run again';

/**
 * Synchronous, and first thing at start-up — before the bot can start or claim anything: every job
 * still `running` died with the last process, and every push still `executing` is closed as
 * interrupted so that no click, in this process or another, can ever run it again.
 */
export function takeInterrupted(store: Store, now: number): Interrupted {
  const jobs = store.jobs.interruptRunning(now);
  const pushes = store.approvals.interruptedExecutions();
  for (const push of pushes) {
    store.approvals.finish(push.id, {
      result: 'interrupted',
      message: PUSH_NOT_RERUN,
    });
  }
  return { jobs, pushes };
}

/** Tells each thread what happened: results it never got, which devices finished, and the end state. */
export async function reportInterrupted(
  deps: RecoveryDeps,
  interrupted: Interrupted,
): Promise<RecoveryReport> {
  const report: RecoveryReport = {
    jobs: interrupted.jobs.length,
    pushes: interrupted.pushes.length,
    threadsTold: 0,
    resultsPosted: 0,
    failures: 0,
  };
  const byId = new Map(interrupted.jobs.map((entry) => [entry.job.id, entry]));
  const told = new Set<string>();
  for (const entry of interrupted.jobs) {
    const recovered = await recoverJob(deps, entry, report);
    if (entry.thread) told.add(`${entry.thread.channel}:${entry.thread.ts}`);
    audit(deps, entry.job, recovered);
  }
  for (const approval of interrupted.pushes) {
    const entry = approval.jobId ? byId.get(approval.jobId) : undefined;
    await recoverPush(deps, approval, entry, told, report);
  }
  if (report.jobs + report.pushes > 0) deps.log.info(report, 'recovery: interrupted work reported');
  return report;
}

function recoveredOf(entry: InterruptedJob, postedNow: string[], stillUnposted: string[]): RecoveredJob {
  return {
    jobId: entry.job.id,
    kind: entry.job.kind,
    finished: entry.finished.map(({ host, status, errorCode, posted }) => ({
      host,
      status,
      posted,
      ...(errorCode ? { errorCode } : {}),
    })),
    unfinished: entry.unfinished,
    postedNow,
    stillUnposted,
  };
}

async function recoverJob(deps: RecoveryDeps, entry: InterruptedJob, report: RecoveryReport) {
  const unposted = entry.finished.filter((device) => !device.posted).map((device) => device.host);
  if (!entry.thread) return recoveredOf(entry, [], unposted);
  const { channel, ts } = entry.thread;
  // Push results are rendered by the push flow; recovery lists them rather than guess their shape.
  const postedNow = entry.job.kind === 'run' ? await postMissing(deps, entry, report) : [];
  const recovered = recoveredOf(
    entry,
    postedNow,
    unposted.filter((host) => !postedNow.includes(host)),
  );
  if (await send(deps, report, channel, ts, recoveredJobNotice(recovered))) report.threadsTold += 1;
  await sendLists(deps, report, channel, ts, recovered);
  const header = headerOf(entry.job);
  if (header) {
    await deps.io
      .update({ channel, ts, message: recoveredParent(header, recovered) })
      .catch((error: unknown) => {
        report.failures += 1;
        deps.log.warn({ err: error, jobId: entry.job.id }, 'recovery: cannot finish the parent message');
      });
  }
  return recovered;
}

/** Results recorded before the crash but never posted: the store has them, so the thread gets them now. */
async function postMissing(deps: RecoveryDeps, entry: InterruptedJob, report: RecoveryReport) {
  const { channel, ts } = entry.thread!;
  const jobId = entry.job.id;
  let pending: HostResult[] = deps.store.jobs.results(jobId).filter((result) => !result.posted);
  const posted: string[] = [];
  const context = { jobId: `${jobId}-recovered`, part: 0, command: entry.job.command ?? '' };
  while (pending.length > 0) {
    context.part += 1;
    const { plan, remaining } = planReply(pending, context, deps.replyLimits ?? DEFAULT_REPLY_LIMITS);
    pending = remaining;
    const inMessage = plan.hosts.filter((host) => !plan.file?.hosts.includes(host));
    const landed: string[] = [];
    if (await send(deps, report, channel, ts, plan.message)) landed.push(...inMessage);
    if (plan.file) {
      const comment = `Full output (recovered after a restart, part ${context.part})`;
      const file = plan.file;
      const uploaded = await deps.lanes
        .post(channel, () => deps.io.upload({ channel, threadTs: ts, file, comment }))
        .then(
          () => true,
          (error: unknown) => failed(deps, report, jobId, error),
        );
      if (uploaded) landed.push(...file.hosts);
    }
    for (const host of landed) deps.store.jobs.markPosted(jobId, host);
    posted.push(...landed);
    report.resultsPosted += landed.length;
  }
  return posted;
}

async function recoverPush(
  deps: RecoveryDeps,
  approval: ApprovalRecord,
  entry: InterruptedJob | undefined,
  told: Set<string>,
  report: RecoveryReport,
): Promise<void> {
  recordAudit(deps, {
    actor: 'netrun',
    action: 'interrupted',
    approvalId: approval.id,
    channel: approval.channel,
    target: approval.target,
    ...(approval.jobId ? { jobId: approval.jobId } : {}),
    outcome: 'interrupted',
    reason: PUSH_NOT_RERUN,
  });
  const ts = approval.messageTs;
  if (!ts) return;
  // A push posts under its approval message: then the job's notice already told this thread.
  if (!told.has(`${approval.channel}:${ts}`)) {
    const push: InterruptedPush = {
      approvalId: approval.id,
      ...(approval.jobId ? { jobId: approval.jobId } : {}),
      ...(entry ? { job: recoveredOf(entry, [], []) } : {}),
    };
    if (await send(deps, report, approval.channel, ts, interruptedPushNotice(push))) report.threadsTold += 1;
    if (push.job) await sendLists(deps, report, approval.channel, ts, push.job);
  }
  const latest = deps.approvalMessage && deps.store.approvals.get(approval.id);
  if (!latest || !deps.approvalMessage) return;
  await deps.io
    .update({ channel: approval.channel, ts, message: deps.approvalMessage(latest) })
    .catch((error: unknown) => failed(deps, report, ts, error));
}

async function send(
  deps: RecoveryDeps,
  report: RecoveryReport,
  channel: string,
  threadTs: string,
  message: SlackMessage,
): Promise<boolean> {
  return deps.lanes
    .post(channel, () => deps.io.post({ channel, threadTs, message }))
    .then(
      () => true,
      (error: unknown) => failed(deps, report, threadTs, error),
    );
}

/** The complete device lists, when the notice had to cut one short (it names this file). */
async function sendLists(
  deps: RecoveryDeps,
  report: RecoveryReport,
  channel: string,
  threadTs: string,
  job: RecoveredJob,
): Promise<void> {
  const lists = interruptedListsFile(job);
  if (!lists) return;
  const file = { ...lists, hosts: [] };
  await deps.lanes
    .post(channel, () =>
      deps.io.upload({ channel, threadTs, file, comment: 'Every device of the interrupted job' }),
    )
    .catch((error: unknown) => failed(deps, report, threadTs, error));
}

function failed(deps: RecoveryDeps, report: RecoveryReport, where: string, error: unknown): false {
  report.failures += 1;
  deps.log.warn({ err: error, where, slackError: slackErrorCode(error) }, 'recovery: a Slack call failed');
  return false;
}

/** A run job's parent is rebuilt from what the store kept; a push job's belongs to the push flow. */
function headerOf(job: JobRecord): JobHeader | undefined {
  if (job.kind !== 'run' || job.command === undefined) return undefined;
  const retryOf = typeof job.meta.retryOf === 'string' ? job.meta.retryOf : undefined;
  return {
    jobId: job.id,
    requester: job.requester,
    command: job.command,
    target: job.target,
    hostCount: job.hosts.length,
    ...(retryOf ? { retryOf } : {}),
  };
}

function audit(deps: RecoveryDeps, job: JobRecord, recovered: RecoveredJob): void {
  recordAudit(deps, {
    actor: 'netrun',
    action: 'interrupted',
    jobId: job.id,
    target: job.target,
    ...(job.channel ? { channel: job.channel } : {}),
    ...(job.command ? { command: job.command } : {}),
    outcome: 'interrupted',
    reason: 'netrun stopped while the job was running (found at the next start)',
    details: {
      finished: recovered.finished.length,
      unfinished: recovered.unfinished.length,
      postedNow: recovered.postedNow.length,
    },
  });
}
