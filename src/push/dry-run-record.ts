import { z } from 'zod';
import { replaceHostName } from '../engine/index.js';
import type { DryRun } from './dry-run.js';

/**
 * What a pending approval keeps of its dry run (the store's JSON column): enough to draw the
 * approval message again after a restart, and the masked diffs for whoever reads the request later.
 * Never the running configs themselves. Requested lines are masked before they are kept here.
 */

/** One device's diff is cut here; the whole record's diffs stop at DIFFS_MAX_CHARS. */
export const DIFF_MAX_CHARS = 16 * 1024;
export const DIFFS_MAX_CHARS = 256 * 1024;

export const dryRunRecordSchema = z.object({
  headline: z.string(),
  total: z.number().int().min(0),
  changing: z.array(z.string()),
  compliant: z.array(z.string()),
  failed: z.array(z.object({ host: z.string(), code: z.string(), message: z.string() })),
  /** Devices whose plans are the same, line for line; changing groups first. */
  groups: z.array(
    z.object({
      hosts: z.array(z.string()),
      changes: z.boolean(),
      /** The lines the group lacks (masked), with the parent lines that give them context. */
      newLines: z.array(z.string()),
      present: z.number().int().min(0),
    }),
  ),
  /** Masked diffs; devices whose diffs differ only in their own name share one entry. */
  diffs: z.array(z.object({ hosts: z.array(z.string()), diff: z.string() })),
  /** True when some diff was cut or left out to stay within DIFFS_MAX_CHARS. */
  diffsTruncated: z.boolean(),
  /** Where the whole dry run was attached for people to read (a file in the Slack thread). */
  file: z.string().optional(),
});

export type DryRunRecord = z.infer<typeof dryRunRecordSchema>;

export function toDryRunRecord(
  dryRun: Pick<DryRun, 'perDevice' | 'summary'>,
  mask: (text: string) => string,
): DryRunRecord {
  const { summary } = dryRun;
  const { diffs, truncated } = keptDiffs(dryRun);
  return {
    headline: summary.headline,
    total: summary.total,
    changing: summary.changing,
    compliant: summary.compliant,
    failed: summary.failed.map(({ host, error }) => ({ host, code: error.code, message: error.message })),
    groups: summary.groups.map((group) => ({
      hosts: group.hosts,
      changes: group.changes,
      newLines: maskLines(
        group.plan.newLines.map((line) => line.text),
        mask,
      ),
      present: group.plan.presentLines.length,
    })),
    diffs,
    diffsTruncated: truncated,
  };
}

/** Masked as one text, so a rule that looks at a block (a key under `crypto …`) still sees it. */
export function maskLines(lines: readonly string[], mask: (text: string) => string): string[] {
  if (lines.length === 0) return [];
  const masked = mask(lines.join('\n')).split('\n');
  return masked.length === lines.length ? masked : lines.map((line) => mask(line));
}

/**
 * A diff without its `---`/`+++` header and with the device's own name masked (a `hostname r1` in
 * the context lines): what identical changes share.
 */
function diffBody(diff: string, host: string): string {
  return replaceHostName(diff.replace(/^(?:---|\+\+\+) [^\n]*\n/gm, ''), host);
}

function keptDiffs(dryRun: Pick<DryRun, 'perDevice'>) {
  const byBody = new Map<string, DryRunRecord['diffs'][number]>();
  let budget = DIFFS_MAX_CHARS;
  let truncated = false;
  for (const device of dryRun.perDevice) {
    if (!('plan' in device) || device.plan.diff === '') continue;
    const key = diffBody(device.plan.diff, device.host);
    const same = byBody.get(key);
    if (same) {
      same.hosts.push(device.host);
      continue;
    }
    let diff = device.plan.diff;
    if (diff.length > DIFF_MAX_CHARS) {
      diff = `${diff.slice(0, DIFF_MAX_CHARS)}\n[… diff cut at ${DIFF_MAX_CHARS} characters]`;
      truncated = true;
    }
    if (diff.length > budget) {
      truncated = true;
      continue;
    }
    budget -= diff.length;
    byBody.set(key, { hosts: [device.host], diff });
  }
  return { diffs: [...byBody.values()], truncated };
}

/** The record from the store, or undefined when it is missing or not one (an older or foreign row). */
export function readDryRunRecord(json: unknown): DryRunRecord | undefined {
  const parsed = dryRunRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
