import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConfigPlan } from '../../../src/push/index.js';

const CONFIGS = fileURLToPath(new URL('../../fixtures/configs/', import.meta.url));

export function readConfig(name: string): string {
  return readFileSync(`${CONFIGS}${name}`, 'utf8');
}

/** `status reason text` per planned line: one readable string per line for toEqual. */
export function verdicts(plan: ConfigPlan): string[] {
  return plan.lines.map((l) => `${l.status} ${l.reason}: ${l.text}`);
}

/** The `+`/`-` lines of a diff, without the file header. */
export function changedLines(diff: string): string[] {
  return diff.split('\n').filter((l) => /^[+-]/.test(l) && !/^(?:\+\+\+|---) /.test(l));
}
