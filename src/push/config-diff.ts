import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { redactText } from '../redaction/index.js';
import { applyEdits } from './apply-edits.js';
import { splitLines } from './config-tree.js';
import { planIndented } from './plan-indented.js';
import { planSet } from './plan-set.js';
import type { ConfigPlan, PlanOptions } from './types.js';

interface DiffInput {
  label: string;
  before: readonly string[];
  after: readonly string[];
  context: number;
  redact: (text: string) => string;
}

/**
 * Secrets are masked in both texts before diffing, not in the diff: a `+`/`-` in front of a line
 * would hide it from the line-anchored redaction rules. Masking keeps line counts, so hunks stay right.
 */
function unifiedDiff({ label, before, after, context, redact }: DiffInput): string {
  if (before.length === after.length && before.every((line, i) => line === after[i])) return '';
  const text = (lines: readonly string[]) => (lines.length === 0 ? '' : redact(`${lines.join('\n')}\n`));
  return createTwoFilesPatch(label, label, text(before), text(after), 'running', 'after push', {
    context,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/**
 * The dry run for one device: which requested lines are new and which are already configured,
 * the lines a push would send, and a unified diff of the running config before and after.
 * Pure: the caller reads the running config (`show running-config`, `show configuration`).
 *
 * Indented style compares a line with the running config under the same parent block,
 * whitespace-normalised; a parent counts as present only with all its requested children; `no X` is
 * present when X (or X with more words) is not configured. Set style (Junos) compares set lines
 * token by token, quotes ignored; a brace-form running config (or request) is converted first.
 */
export function planConfigChange(
  runningConfig: string,
  lines: readonly string[],
  options: PlanOptions,
): ConfigPlan {
  const running = splitLines(runningConfig);
  const requested = lines.flatMap((l) => splitLines(l));
  const result = options.style === 'set' ? planSet(running, requested) : planIndented(running, requested);
  const after = applyEdits(result.before, result.edits);
  const newLines = result.lines.filter((l) => l.status === 'new');
  return {
    style: options.style,
    changes: newLines.length > 0,
    lines: result.lines,
    newLines,
    presentLines: result.lines.filter((l) => l.status === 'present'),
    commands: newLines.map((l) => l.text),
    diff: unifiedDiff({
      label: options.label ?? 'running-config',
      before: result.before,
      after,
      context: options.context ?? 3,
      redact: options.redact ?? redactText,
    }),
  };
}
