import type { Edit } from './apply-edits.js';
import { braceToSet, isSetForm, type SetLine, setTokens } from './set-form.js';
import type { LineReason, PlannedLine } from './types.js';

interface RunningLine {
  tokens: string[];
}

function startsWith(tokens: readonly string[], prefix: readonly string[]): boolean {
  return tokens.length >= prefix.length && prefix.every((t, i) => tokens[i] === t);
}

function equal(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && startsWith(a, b);
}

/** Comments and blank lines; `#` starts a comment in Junos scripts. */
function isStatement(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('/*');
}

function toSetLines(lines: readonly string[]): SetLine[] {
  if (!isSetForm(lines)) return braceToSet(lines.join('\n'));
  return lines.flatMap((text, line) => (isStatement(text) ? [{ text: text.trimEnd(), line }] : []));
}

/**
 * Where a new set line reads best: after the last running line sharing the longest prefix with it
 * (`set interfaces ge-0/0/1 …` next to the other ge-0/0/1 lines), else at the end.
 */
function insertionPoint(running: readonly RunningLine[], tokens: readonly string[]): number {
  let best = running.length;
  let bestLength = 1;
  running.forEach((line, i) => {
    let shared = 0;
    while (shared < tokens.length && line.tokens[shared] === tokens[shared]) shared++;
    if (shared > 1 && shared >= bestLength) {
      best = i + 1;
      bestLength = shared;
    }
  });
  return best;
}

interface Verdict {
  reason: LineReason;
  edits: Edit[];
}

function matching(running: readonly RunningLine[], test: (tokens: string[]) => boolean): Edit[] {
  const edits: Edit[] = [];
  running.forEach((line, i) => {
    if (test(line.tokens)) edits.push({ kind: 'delete', from: i, to: i });
  });
  return edits;
}

/**
 * `set X` is there when a running line is X or goes deeper than X (a container such as
 * `set interfaces ge-0/0/1 unit 0` exists when any line under it does). `delete X` is done when
 * no running line is under X. `activate`/`deactivate` compare the `deactivate` lines.
 */
function judge(running: readonly RunningLine[], tokens: readonly string[]): Verdict {
  const [verb, ...path] = tokens;
  if (verb === 'set') {
    const found = running.some((r) => r.tokens[0] === 'set' && startsWith(r.tokens, tokens));
    const edits: Edit[] = found ? [] : [{ kind: 'insert', at: insertionPoint(running, tokens), lines: [] }];
    return { reason: found ? 'found' : 'missing', edits };
  }
  if (verb === 'delete') {
    const under = (r: string[]) => startsWith(r.slice(1), path);
    const configured = running.some((r) => r.tokens[0] === 'set' && under(r.tokens));
    // The `deactivate` marks under X go with it.
    const edits = matching(running, (r) => (r[0] === 'set' || r[0] === 'deactivate') && under(r));
    return { reason: configured ? 'removes-existing' : 'already-absent', edits: configured ? edits : [] };
  }
  if (verb === 'deactivate') {
    const found = running.some((r) => equal(r.tokens, tokens));
    const edits: Edit[] = found
      ? []
      : [{ kind: 'insert', at: insertionPoint(running, ['set', ...path]), lines: [] }];
    return { reason: found ? 'found' : 'missing', edits };
  }
  if (verb === 'activate') {
    const edits = matching(running, (r) => equal(r, ['deactivate', ...path]));
    return { reason: edits.length === 0 ? 'already-absent' : 'removes-existing', edits };
  }
  return { reason: 'not-checked', edits: [] };
}

const NEW_REASONS: ReadonlySet<LineReason> = new Set(['missing', 'removes-existing', 'not-checked']);

export function planSet(runningLines: readonly string[], requested: readonly string[]) {
  const before = toSetLines(runningLines).map((l) => l.text);
  const running = before.map((text) => ({ tokens: setTokens(text) }));
  const lines: PlannedLine[] = [];
  const edits: Edit[] = [];
  for (const { text, line } of toSetLines(requested)) {
    const { reason, edits: found } = judge(running, setTokens(text));
    const status = NEW_REASONS.has(reason) ? 'new' : 'present';
    lines.push({ index: line, text, parents: [], status, reason });
    // An insert carries the requested text; a `not-checked` line changes nothing we can show.
    for (const edit of found) edits.push(edit.kind === 'insert' ? { ...edit, lines: [text.trim()] } : edit);
  }
  return { lines, edits, before };
}
