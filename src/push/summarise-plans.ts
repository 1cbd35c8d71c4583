import type { ErrorInfo } from '../errors.js';
import { normaliseLine } from './config-tree.js';
import type { ConfigPlan, PlannedLine } from './types.js';

/** One device's dry run: its plan, or why its running config could not be read. */
export type DevicePlan = { host: string; plan: ConfigPlan } | { host: string; error: ErrorInfo };

/** Devices whose plans are the same line for line (same new and present lines, same reasons). */
export interface PlanGroup {
  hosts: string[];
  changes: boolean;
  /** The plan of the group's first device; the diffs differ per device, the lines do not. */
  plan: ConfigPlan;
}

export interface PlanSummary {
  total: number;
  /** Hosts with at least one new line, in the order given. */
  changing: string[];
  /** Hosts where every requested line is already configured. */
  compliant: string[];
  failed: Array<{ host: string; error: ErrorInfo }>;
  /** "8 devices would change, 4 already compliant" (", 1 could not be checked" when some failed). */
  headline: string;
  /** Changing groups first, larger groups first, then in order of first appearance. */
  groups: PlanGroup[];
}

function devices(n: number): string {
  return `${n} device${n === 1 ? '' : 's'}`;
}

export function formatHeadline(changing: number, compliant: number, failed = 0): string {
  const parts = [`${devices(changing)} would change`, `${compliant} already compliant`];
  if (failed > 0) parts.push(`${failed} could not be checked`);
  return parts.join(', ');
}

/** What makes two plans the same for an approver: each line, where it sits, and its verdict. */
function planKey(lines: readonly PlannedLine[]): string {
  return JSON.stringify(lines.map((l) => [l.parents, normaliseLine(l.text), l.status, l.reason]));
}

function groupPlans(planned: ReadonlyArray<{ host: string; plan: ConfigPlan }>): PlanGroup[] {
  const groups = new Map<string, PlanGroup>();
  for (const { host, plan } of planned) {
    const key = planKey(plan.lines);
    const group = groups.get(key);
    if (group) group.hosts.push(host);
    else groups.set(key, { hosts: [host], changes: plan.changes, plan });
  }
  // Map keeps insertion order and sort is stable: ties stay in order of first appearance.
  return [...groups.values()].sort(
    (a, b) => Number(b.changes) - Number(a.changes) || b.hosts.length - a.hosts.length,
  );
}

/** The fleet view of a dry run, for the approval message and the terminal prompt. */
export function summarisePlans(perDevice: readonly DevicePlan[]): PlanSummary {
  const planned = perDevice.flatMap((d) => ('plan' in d ? [d] : []));
  const failed = perDevice.flatMap((d) => ('error' in d ? [{ host: d.host, error: d.error }] : []));
  const changing = planned.filter((d) => d.plan.changes).map((d) => d.host);
  const compliant = planned.filter((d) => !d.plan.changes).map((d) => d.host);
  return {
    total: perDevice.length,
    changing,
    compliant,
    failed,
    headline: formatHeadline(changing.length, compliant.length, failed.length),
    groups: groupPlans(planned),
  };
}
