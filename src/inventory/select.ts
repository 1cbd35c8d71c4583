import { NetrunError } from '../errors.js';
import { didYouMean, nearest } from './suggest.js';
import type { Host, Inventory } from './types.js';

/**
 * Target expressions: `core-routers`, `r1,r2`, `all`, `!r3`, `role=core,site=ams`. Names (and `all`)
 * add hosts, filters narrow them (or the whole inventory when nothing is named), `!term` removes.
 */

export type TargetTerm =
  | { kind: 'all'; text: string; exclude: boolean }
  | { kind: 'name'; text: string; exclude: boolean; name: string }
  | { kind: 'filter'; text: string; exclude: boolean; key: string; value: string };

export interface TargetStep {
  term: string;
  /** Hosts the term selected (names, all), kept (filters) or removed (exclusions). */
  count: number;
  /** How many hosts the term was applied to (filters and exclusions). */
  of?: number;
  detail?: string;
}

export interface TargetSelection {
  hosts: Host[];
  steps: TargetStep[];
}

const FILTER = /^([^=]*)=(.*)$/;

function usage(message: string): NetrunError {
  return new NetrunError('USAGE', message, {
    hint: 'a target is a group, a host, "all", a comma list of these, !name to exclude, or key=value filters',
  });
}

function parseTerm(raw: string): TargetTerm {
  const exclude = raw.startsWith('!');
  const body = (exclude ? raw.slice(1) : raw).trim();
  if (body === '') throw usage(`"${raw}" needs a name after "!", e.g. !r1`);
  const filter = FILTER.exec(body);
  if (filter) {
    const key = (filter[1] as string).trim();
    const value = (filter[2] as string).trim();
    if (key === '' || value === '') throw usage(`"${raw}" needs a key and a value, e.g. role=core`);
    return { kind: 'filter', text: raw, exclude, key, value };
  }
  if (body === 'all') return { kind: 'all', text: raw, exclude };
  return { kind: 'name', text: raw, exclude, name: body };
}

export function parseTarget(expression: string): TargetTerm[] {
  const terms = expression
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (terms.length === 0)
    throw usage('no target given: name a group, a host, "all", or a filter such as role=core');
  return terms.map(parseTerm);
}

function dataValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

function filterValues(host: Host, key: string): string[] {
  return key === 'platform' ? [host.platform] : dataValues(host.data[key]);
}

function matches(host: Host, term: TargetTerm, members: Map<string, Set<string>>): boolean {
  if (term.kind === 'all') return true;
  if (term.kind === 'filter') return filterValues(host, term.key).includes(term.value);
  return host.name === term.name || (members.get(term.name)?.has(host.name) ?? false);
}

function membership(inventory: Inventory): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>(inventory.groups.map((g) => [g.name, new Set<string>()]));
  for (const host of inventory.hosts) for (const g of host.groups) members.get(g)?.add(host.name);
  return members;
}

function checkKnown(inventory: Inventory, terms: TargetTerm[]): void {
  const names = [...inventory.groups.map((g) => g.name), ...inventory.hosts.map((h) => h.name)];
  const known = new Set(names);
  const keys = new Set(['platform', ...inventory.hosts.flatMap((h) => Object.keys(h.data))]);
  const lines: string[] = [];
  for (const term of terms) {
    if (term.kind === 'name' && !known.has(term.name)) {
      const hint = didYouMean(term.name, names) || ': no group or host has that name';
      lines.push(`unknown target "${term.name}"${hint}`);
    }
    if (term.kind === 'filter' && !keys.has(term.key)) {
      const hint = didYouMean(term.key, keys) || '';
      const list = [...keys].slice(0, 12).join(', ');
      lines.push(`unknown filter key "${term.key}" in "${term.text}"${hint} (filters work on: ${list})`);
    }
  }
  if (lines.length > 0) throw new NetrunError('TARGET_UNKNOWN', lines.join('\n'));
}

function filterDetail(pool: Host[], term: Extract<TargetTerm, { kind: 'filter' }>): string | undefined {
  const values = new Set(pool.flatMap((h) => filterValues(h, term.key)));
  if (values.size === 0) return `none of them has ${term.key}`;
  const close = nearest(term.value, values, 3);
  const shown = close.length > 0 ? close : [...values].slice(0, 5);
  return `${term.key} values there: ${shown.join(', ')}${close.length === 0 && values.size > 5 ? ', …' : ''}`;
}

/** Selects hosts in inventory order, and says what each term did (for messages and previews). */
export function explainTarget(inventory: Inventory, expression: string): TargetSelection {
  const terms = parseTarget(expression);
  checkKnown(inventory, terms);
  const members = membership(inventory);
  const steps: TargetStep[] = [];
  const adds = terms.filter((t) => !t.exclude && t.kind !== 'filter');
  let pool = inventory.hosts;
  if (adds.length > 0) {
    const chosen = new Set<Host>();
    for (const term of adds) {
      const found = inventory.hosts.filter((h) => matches(h, term, members));
      for (const h of found) chosen.add(h);
      steps.push({ term: term.text, count: found.length });
    }
    pool = inventory.hosts.filter((h) => chosen.has(h));
  }
  for (const term of terms.filter((t) => !t.exclude && t.kind === 'filter')) {
    const kept = pool.filter((h) => matches(h, term, members));
    const detail = kept.length === 0 && term.kind === 'filter' ? filterDetail(pool, term) : undefined;
    steps.push({ term: term.text, count: kept.length, of: pool.length, ...(detail ? { detail } : {}) });
    pool = kept;
  }
  for (const term of terms.filter((t) => t.exclude)) {
    const kept = pool.filter((h) => !matches(h, term, members));
    steps.push({ term: term.text, count: pool.length - kept.length, of: pool.length });
    pool = kept;
  }
  return { hosts: pool, steps };
}

function describeStep(step: TargetStep): string {
  const detail = step.detail ? ` (${step.detail})` : '';
  if (step.of === undefined) return `${step.term} selects ${step.count}${detail}`;
  if (step.term.startsWith('!')) return `${step.term} removes ${step.count} of ${step.of}${detail}`;
  return `${step.term} keeps ${step.count} of ${step.of}${detail}`;
}

/**
 * The hosts a target expression names, in inventory order. Unknown names or filter keys throw
 * TARGET_UNKNOWN (with suggestions); a target that selects nothing throws TARGET_EMPTY explaining why.
 */
export function selectTargets(inventory: Inventory, expression: string): Host[] {
  const { hosts, steps } = explainTarget(inventory, expression);
  if (hosts.length > 0) return hosts;
  const why =
    inventory.hosts.length === 0 ? `${inventory.source} has no hosts` : steps.map(describeStep).join('; ');
  throw new NetrunError('TARGET_EMPTY', `target "${expression.trim()}" selects no devices: ${why}`);
}
