/** A change to a running config's lines, by line index in the original. */
export type Edit =
  | { kind: 'insert'; at: number; lines: string[] }
  | { kind: 'delete'; from: number; to: number };

/**
 * The lines after every edit. Positions refer to the original lines, so edits never shift one
 * another; inserts at the same position keep the order they were made in.
 */
export function applyEdits(lines: readonly string[], edits: readonly Edit[]): string[] {
  const inserts = new Map<number, string[]>();
  const deleted = new Set<number>();
  for (const edit of edits) {
    if (edit.kind === 'insert') inserts.set(edit.at, [...(inserts.get(edit.at) ?? []), ...edit.lines]);
    else for (let i = edit.from; i <= edit.to; i++) deleted.add(i);
  }
  const out: string[] = [];
  for (let i = 0; i <= lines.length; i++) {
    out.push(...(inserts.get(i) ?? []));
    if (i < lines.length && !deleted.has(i)) out.push(lines[i]!);
  }
  return out;
}
