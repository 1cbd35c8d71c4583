/**
 * The three configuration styles behind one small surface: make a device's starting configuration,
 * render it as the device shows it, and read the hostname and interfaces out of it.
 */
import type { InterfacesSpec, Personality } from '../personality/schema.js';
import { FileStore } from './file-store.js';
import { IndentedConfig } from './indented-config.js';
import { SetConfig } from './set-config.js';
import { renderTemplate, type TemplateContext } from './template.js';
import { tokenize } from './tokenize.js';

export type ConfigStore = IndentedConfig | SetConfig | FileStore;

export function blockPredicate(p: Personality): (line: string) => boolean {
  const patterns = Object.values(p.modes).flatMap((m) => m.blocks.map((b) => new RegExp(b.match)));
  return (line) => patterns.some((re) => re.test(line));
}

export function createStore(p: Personality, vars: TemplateContext): ConfigStore {
  const c = p.config;
  if (c.style === 'indented') return IndentedConfig.parse(renderTemplate(c.default, vars), blockPredicate(p));
  if (c.style === 'set') return SetConfig.parse(renderTemplate(c.default, vars));
  const files = c.files.map(
    (f) => [f.path, { content: renderTemplate(f.content, vars), owner: f.owner }] as const,
  );
  return new FileStore(new Map(files));
}

/** The configuration as the device prints it (body and footer, no header); `set` = Junos `| display set`. */
export function renderStore(
  p: Personality,
  store: ConfigStore,
  format: 'native' | 'set',
  prefix: string[] = [],
): string[] {
  const c = p.config;
  if (store.kind === 'indented' && c.style === 'indented') {
    const lines = store.render(c.indent, c.separator);
    return c.footer ? [...lines, c.footer] : lines;
  }
  if (store.kind === 'set' && c.style === 'set') {
    return format === 'set' ? store.renderSet(prefix) : store.renderBraces(c.braces, prefix);
  }
  if (store.kind === 'files' && c.style === 'files') return store.render(c.show);
  throw new Error(`config store ${store.kind} does not fit config style ${c.style}`);
}

export function hostnameOf(p: Personality, store: ConfigStore): string | undefined {
  const c = p.config;
  if (c.style === 'files') {
    return store.kind === 'files' ? store.read(c.hostnameFile)?.trim() || undefined : undefined;
  }
  const re = new RegExp(c.hostname);
  const lines =
    store.kind === 'indented'
      ? store.root.children.map((n) => n.text)
      : store.kind === 'set'
        ? store.lines.map((l) => l.join(' '))
        : [];
  for (const line of lines) {
    const m = re.exec(line);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

export function abbreviate(name: string, table: Record<string, string>): string {
  for (const [long, short] of Object.entries(table)) {
    if (name.startsWith(long)) return short + name.slice(long.length);
  }
  return name;
}

function interfaceRecord(spec: InterfacesSpec, name: string, children: string[]): TemplateContext {
  const record: TemplateContext = { name, shortName: abbreviate(name, spec.abbreviations) };
  for (const [field, f] of Object.entries(spec.fields)) {
    if ('template' in f) continue;
    const re = new RegExp(f.match);
    let value: string | undefined;
    for (const child of f.source === 'name' ? [name] : children) {
      const m = re.exec(child);
      if (m) {
        value = f.present ?? m[1] ?? '';
        break;
      }
    }
    record[field] = value ?? f.absent;
  }
  for (const [field, f] of Object.entries(spec.fields)) {
    if ('template' in f) record[field] = renderTemplate(f.template, record);
  }
  return record;
}

/** One record per interface for the `{#interfaces}` section of output templates. */
export function interfacesOf(p: Personality, store: ConfigStore): TemplateContext[] {
  const spec = p.interfaces;
  if (!spec) return [];
  const re = new RegExp(spec.match);
  if (store.kind === 'indented') {
    return store.root.children.flatMap((n) => {
      const m = re.exec(n.text);
      return m?.[1]
        ? [
            interfaceRecord(
              spec,
              m[1],
              n.children.map((c) => c.text),
            ),
          ]
        : [];
    });
  }
  if (store.kind === 'set') {
    const groups = new Map<string, string[]>();
    for (const line of store.lines) {
      const m = re.exec(line.join(' '));
      if (!m?.[1]) continue;
      const list = groups.get(m[1]) ?? [];
      list.push(m[2] ?? '');
      groups.set(m[1], list);
    }
    return [...groups].map(([name, children]) => interfaceRecord(spec, name, children));
  }
  return [];
}

/** Splits a `set`/`delete` argument into path words, honouring quotes. */
export function pathWords(text: string | undefined): string[] {
  return text ? tokenize(text, 'group').map((t) => t.text) : [];
}
