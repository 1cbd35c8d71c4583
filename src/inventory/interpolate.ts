import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { type InventoryProblem, type PathSegment, problem } from './problems.js';
import { INTERPOLATED_FIELDS, SECRET_FIELDS } from './schema.js';

/** Where `${env:…}` and `${file:…}` references are looked up. Injected so resolution stays testable. */
export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => string;
  /** The inventory file's folder: relative paths are relative to it. */
  baseDir: string;
  homeDir: string;
}

const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;
const FILE_REF = /^file:(.+)$/;
// biome-ignore lint/suspicious/noTemplateCurlyInString: the reference syntax, shown to users as written
const USAGE = 'write ${env:NAME} or ${file:/path}, or $${ for a literal "${"';

/** `~/x` from the home folder; relative paths from the inventory's folder. */
export function expandPath(path: string, baseDir: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return join(homeDir, path.slice(2));
  return isAbsolute(path) ? path : resolvePath(baseDir, path);
}

type Lookup = { ok: true; value: string } | { ok: false; problem: InventoryProblem };

function lookup(inner: string, path: readonly PathSegment[], sources: SecretSources): Lookup {
  const env = ENV_REF.exec(inner);
  if (env) {
    const name = env[1] as string;
    const value = sources.env[name];
    if (value !== undefined && value !== '') return { ok: true, value };
    const text = `\${env:${name}}: the environment variable ${name} is not set — set it, or change the reference`;
    return { ok: false, problem: problem(path, text, 'SECRET_UNSET') };
  }
  const file = FILE_REF.exec(inner);
  if (file) {
    const target = expandPath((file[1] as string).trim(), sources.baseDir, sources.homeDir);
    try {
      // Secret files usually end with a newline that is not part of the secret.
      return { ok: true, value: sources.readFile(target).replace(/(\r?\n)+$/, '') };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const text = `\${${inner}}: cannot read ${target} (${reason}) — create the file, or change the reference`;
      return { ok: false, problem: problem(path, text, 'SECRET_UNSET') };
    }
  }
  return { ok: false, problem: badSyntax(inner, path) };
}

function badSyntax(inner: string | undefined, path: readonly PathSegment[]): InventoryProblem {
  const field = path.at(-1);
  // A literal secret that happens to contain "${" must not be echoed; a reference attempt is safe to show.
  const showable =
    !(typeof field === 'string' && SECRET_FIELDS.has(field)) || /^\s*(env|file)\b/i.test(inner ?? '');
  if (inner === undefined) return problem(path, `"\${" is not closed by "}": ${USAGE}`);
  return showable
    ? problem(path, `bad reference "\${${inner}}": ${USAGE}`)
    : problem(path, `contains "\${" that does not start a reference: ${USAGE}`);
}

/** Replaces every reference in one string; all problems in it are reported. */
export function interpolate(
  text: string,
  path: readonly PathSegment[],
  sources: SecretSources,
): { value: string; problems: InventoryProblem[] } {
  const problems: InventoryProblem[] = [];
  let out = '';
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('$', at);
    if (start === -1) break;
    out += text.slice(at, start);
    if (text.startsWith('$${', start)) {
      out += '${';
      at = start + 3;
    } else if (text.startsWith('${', start)) {
      const end = text.indexOf('}', start + 2);
      if (end === -1) {
        problems.push(badSyntax(undefined, path));
        return { value: out, problems };
      }
      const found = lookup(text.slice(start + 2, end), path, sources);
      if (found.ok) out += found.value;
      else problems.push(found.problem);
      at = end + 1;
    } else {
      out += '$';
      at = start + 1;
    }
  }
  return { value: out + text.slice(at), problems };
}

type Section = Record<string, unknown>;

function isSection(value: unknown): value is Section {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function interpolateSection(
  section: Section,
  path: PathSegment[],
  sources: SecretSources,
  sink: InventoryProblem[],
) {
  const out: Section = { ...section };
  for (const field of INTERPOLATED_FIELDS) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    const result = interpolate(value, [...path, field], sources);
    // On failure keep the text as written, so schema checks do not report a second, derived problem.
    if (result.problems.length === 0) out[field] = result.value;
    sink.push(...result.problems);
  }
  if (isSection(out.jump_host)) {
    out.jump_host = interpolateSection(out.jump_host, [...path, 'jump_host'], sources, sink);
  }
  return out;
}

function interpolateMap(map: unknown, path: PathSegment[], sources: SecretSources, sink: InventoryProblem[]) {
  if (!isSection(map)) return map;
  const out: Section = {};
  for (const [name, value] of Object.entries(map)) {
    out[name] = isSection(value) ? interpolateSection(value, [...path, name], sources, sink) : value;
  }
  return out;
}

/**
 * Resolves references where they are written (defaults, a group, a host), before validation, so an
 * unset variable is named once, at its place in the file. The input is not modified.
 */
export function interpolateInventory(
  data: unknown,
  sources: SecretSources,
): { data: unknown; problems: InventoryProblem[] } {
  if (!isSection(data)) return { data, problems: [] };
  const problems: InventoryProblem[] = [];
  const out: Section = { ...data };
  if (isSection(data.defaults))
    out.defaults = interpolateSection(data.defaults, ['defaults'], sources, problems);
  out.groups = interpolateMap(data.groups, ['groups'], sources, problems);
  out.hosts = interpolateMap(data.hosts, ['hosts'], sources, problems);
  if (data.groups === undefined) delete out.groups;
  if (data.hosts === undefined) delete out.hosts;
  return { data: out, problems };
}
