import type { HostResult } from '../../src/engine/index.js';
import { auditThread, checkThread, type ThreadAudit, type ThreadMessage } from '../support/thread-audit.js';
import { type Check, check, few } from './types.js';

export interface ThreadVerdict {
  audit: ThreadAudit;
  lost: string[];
  duplicated: string[];
  duplicateEntries: number;
  /** Devices the summary calls not posted although the thread shows them. */
  falselyUnposted: string[];
  checks: Check[];
}

export interface ThreadCheckOptions {
  /** The job's results: the thread must show each device's own status and error code. */
  results?: readonly HostResult[];
  /** Slack was healthy: every result must have been taken (nothing named as unposted). */
  expectAllPosted?: boolean;
  /**
   * Slack lost answers after doing the work: duplicates, and results the summary calls not posted
   * although they are in the thread, are measured and reported instead of checked.
   */
  ambiguousAnswers?: boolean;
}

function statusMismatches(audit: ThreadAudit, results: readonly HostResult[]): string[] {
  const wrong: string[] = [];
  for (const result of results) {
    const entry = audit.entries.get(result.host)?.[0];
    if (!entry) continue;
    const code = result.status === 'ok' ? undefined : result.error?.code;
    if (entry.status !== result.status || (code !== undefined && entry.code !== code))
      wrong.push(`${result.host} (${entry.status}/${entry.code ?? '-'} for ${result.status}/${code ?? '-'})`);
  }
  return wrong;
}

/** The thread invariants: every device once, summary last, each device's own status. */
export function threadChecks(
  thread: { replies: ThreadMessage[]; files: string[]; lists?: string[] },
  devices: readonly string[],
  options: ThreadCheckOptions = {},
): ThreadVerdict {
  const audit = auditThread(thread.replies, thread.files, thread.lists);
  const { lost, duplicated, duplicateEntries, unexpected, falselyUnposted } = checkThread(audit, devices);
  const checks: Check[] = [
    check('no device result lost (each in the thread, or named as not posted)', lost.length === 0, few(lost)),
    check(
      'the summary is the last reply',
      audit.summaryIndex >= 0 && audit.afterSummary === 0,
      audit.summaryIndex < 0 ? 'no summary' : `${audit.afterSummary} replies after it`,
    ),
    check(
      'no stray or cut-short device lists',
      unexpected.length === 0 && audit.hiddenNames === 0,
      `${few(unexpected)}; ${audit.hiddenNames} names hidden behind "+N more"`,
    ),
  ];
  if (!options.ambiguousAnswers) {
    checks.push(check('no device shown twice', duplicated.length === 0, few(duplicated)));
    checks.push(
      check(
        'devices the summary calls not posted are really missing',
        falselyUnposted.length === 0,
        few(falselyUnposted),
      ),
    );
  }
  if (options.expectAllPosted) {
    const notPosted = [...audit.unposted, ...audit.degraded];
    checks.push(check('Slack took every result', notPosted.length === 0, few(notPosted)));
  }
  if (options.results) {
    const wrong = statusMismatches(audit, options.results);
    checks.push(
      check('the thread shows each device’s own status and code', wrong.length === 0, few(wrong, 4)),
    );
  }
  return { audit, lost, duplicated, duplicateEntries, falselyUnposted, checks };
}
