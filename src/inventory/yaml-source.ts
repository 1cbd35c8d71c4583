import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParsedNode,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import { type InventoryProblem, type PathSegment, problem } from './problems.js';

export interface YamlSource {
  data: unknown;
  /** Syntax errors and duplicate keys; when there are syntax errors `data` is not usable. */
  problems: InventoryProblem[];
  syntaxOk: boolean;
  /** The line (1-based) of the deepest node along `path` that exists in the file. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** Parses YAML keeping line positions, so every later problem can name its line. */
export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicates are found below, with the lines of every occurrence, not just the second.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, merge: true });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const lineOf = (path: readonly PathSegment[]) => locate(doc, path, lineAt);
  const syntax = doc.errors.map((e) => {
    const found = problem([], `YAML syntax error: ${firstLine(e.message)} — fix the YAML at this line`);
    return { ...found, line: lineAt(e.pos[0]) };
  });
  if (syntax.length > 0) return { data: undefined, problems: syntax, syntaxOk: false, lineOf };
  const duplicates = findDuplicateKeys(doc.contents, [], lineAt);
  return { data: doc.toJS({ maxAliasCount: 1000 }), problems: duplicates, syntaxOk: true, lineOf };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function keyOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

function locate(
  doc: Document.Parsed,
  path: readonly PathSegment[],
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  let node: unknown = doc.contents;
  let line = lineAt((doc.contents as Node | null)?.range?.[0]);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyOf(item.key) === String(segment));
      if (!pair) return line;
      line = lineAt((pair.key as Node).range?.[0]) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return line;
      line = lineAt(item.range?.[0]) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}

const SECTION_NOUN: Record<string, string> = { hosts: 'host', groups: 'group' };

function findDuplicateKeys(
  node: ParsedNode | null,
  path: PathSegment[],
  lineAt: (offset: number | undefined) => number | undefined,
): InventoryProblem[] {
  if (isSeq(node)) {
    return node.items.flatMap((item, i) => findDuplicateKeys(item as ParsedNode, [...path, i], lineAt));
  }
  if (!isMap(node)) return [];
  const found: InventoryProblem[] = [];
  const lines = new Map<string, number[]>();
  for (const pair of (node as YAMLMap<ParsedNode, ParsedNode | null>).items) {
    const key = keyOf(pair.key);
    if (key === undefined || key === '<<') continue;
    lines.set(key, [...(lines.get(key) ?? []), lineAt(pair.key.range?.[0]) ?? 0]);
    found.push(...findDuplicateKeys(pair.value, [...path, key], lineAt));
  }
  for (const [key, at] of lines) {
    if (at.length > 1) found.push({ ...duplicateProblem(path, key, at), line: at[0] });
  }
  return found;
}

function duplicateProblem(path: PathSegment[], key: string, lines: number[]): InventoryProblem {
  const where = `lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
  const noun = path.length === 1 ? SECTION_NOUN[String(path[0])] : undefined;
  if (noun) {
    return problem(
      [...path, key],
      `duplicate ${noun} "${key}" (${where}) — each ${noun} name must appear once: rename one or merge them`,
    );
  }
  return problem([...path, key], `duplicate key "${key}" (${where}) — keep only one`);
}
