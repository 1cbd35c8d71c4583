import { type Clock, seededRandom } from './ids.js';
import { parseFaultRule } from './options.js';
import type { FaultRule, FaultRuleInput } from './schema.js';

/** What a fault does to one call, decided before the call is processed. */
export interface FaultDecision {
  delayBeforeMs: number;
  delayAfterMs: number;
  /** The first non-delay rule that fired, if any. */
  action?: Exclude<FaultRule, { kind: 'delay' }>;
}

interface InstalledRule {
  rule: FaultRule;
  installedAt: number;
  matched: number;
  fired: number;
  random: () => number;
}

export interface FaultStats {
  rule: FaultRule;
  matched: number;
  fired: number;
}

function methodMatches(patterns: string[] | undefined, method: string): boolean {
  if (patterns === undefined) return true;
  return patterns.some((p) => (p.endsWith('*') ? method.startsWith(p.slice(0, -1)) : p === method));
}

function inWindow(entry: InstalledRule, now: number): boolean {
  const elapsed = now - entry.installedAt;
  const start = entry.rule.afterMs ?? 0;
  if (elapsed < start) return false;
  return entry.rule.forMs === undefined || elapsed < start + entry.rule.forMs;
}

/**
 * Deterministic fault injection: counters for `every`, one seeded generator per rule for `fraction`,
 * a window relative to when the rule was installed. The same sequence of calls meets the same faults.
 */
export class FaultInjector {
  private entries: InstalledRule[] = [];
  private installed = 0;

  constructor(
    private readonly seed: number,
    private readonly now: Clock,
    rules: FaultRuleInput[] = [],
  ) {
    this.set(rules);
  }

  /** Replaces every rule (validated; a bad rule throws and leaves the old rules in place). */
  set(rules: FaultRuleInput[]): void {
    const parsed = rules.map(parseFaultRule);
    this.entries = [];
    for (const rule of parsed) this.install(rule);
  }

  add(rule: FaultRuleInput): void {
    this.install(parseFaultRule(rule));
  }

  clear(): void {
    this.entries = [];
  }

  stats(): FaultStats[] {
    return this.entries.map(({ rule, matched, fired }) => ({ rule, matched, fired }));
  }

  decide(method: string): FaultDecision {
    const decision: FaultDecision = { delayBeforeMs: 0, delayAfterMs: 0 };
    const now = this.now();
    for (const entry of this.entries) {
      if (!this.fires(entry, method, now)) continue;
      const { rule } = entry;
      if (rule.kind === 'delay') {
        if (rule.phase === 'before') decision.delayBeforeMs += rule.delayMs;
        else decision.delayAfterMs += rule.delayMs;
      } else if (decision.action === undefined) {
        decision.action = rule;
      }
    }
    return decision;
  }

  private fires(entry: InstalledRule, method: string, now: number): boolean {
    const { rule } = entry;
    if (!methodMatches(rule.methods, method) || !inWindow(entry, now)) return false;
    if (rule.times !== undefined && entry.fired >= rule.times) return false;
    entry.matched += 1;
    let fire = rule.every === undefined || entry.matched % rule.every === 0;
    if (rule.fraction !== undefined) fire = entry.random() < rule.fraction && fire;
    if (fire) entry.fired += 1;
    return fire;
  }

  private install(rule: FaultRule): void {
    this.installed += 1;
    this.entries.push({
      rule,
      installedAt: this.now(),
      matched: 0,
      fired: 0,
      random: seededRandom(this.seed * 7919 + this.installed),
    });
  }
}
