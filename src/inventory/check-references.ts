import { type InventoryProblem, type PathSegment, problem } from './problems.js';
import { didYouMean } from './suggest.js';

/**
 * Checks between entries of the file: group references, cycles, jump host names and names usable in
 * targets. Reads the data leniently (after interpolation, whatever its schema problems) so these
 * problems are reported alongside schema problems rather than after they are fixed.
 */

type Entry = Record<string, unknown>;

function isEntry(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function entries(section: unknown): Array<[string, Entry]> {
  if (!isEntry(section)) return [];
  return Object.entries(section).map(([name, value]) => [name, isEntry(value) ? value : {}]);
}

function groupRefs(entry: Entry): Array<[string, number]> {
  const list = entry.groups;
  if (!Array.isArray(list)) return [];
  return list.flatMap((g, i): Array<[string, number]> => (typeof g === 'string' ? [[g, i]] : []));
}

const RESERVED = new Set(['all']);
const TARGET_UNSAFE = /[\s,!=]/;

function checkNames(hosts: string[], groups: Set<string>): InventoryProblem[] {
  const found: InventoryProblem[] = [];
  const check = (section: 'hosts' | 'groups', name: string) => {
    if (RESERVED.has(name)) {
      found.push(problem([section, name], `"${name}" is reserved (the target for every host): rename it`));
    } else if (name === '' || TARGET_UNSAFE.test(name)) {
      const text = `the name ${JSON.stringify(name)} cannot be used in targets — names must not be empty or contain spaces, ",", "!" or "=": rename it`;
      found.push(problem([section, name], text));
    }
  };
  for (const name of groups) check('groups', name);
  for (const name of hosts) {
    check('hosts', name);
    if (groups.has(name)) {
      const text = `"${name}" is also a group name, so a target could not tell them apart: rename the host or the group`;
      found.push(problem(['hosts', name], text));
    }
  }
  return found;
}

function checkGroupLists(
  list: Array<[string, Entry]>,
  section: string,
  groups: Set<string>,
): InventoryProblem[] {
  const found: InventoryProblem[] = [];
  for (const [name, entry] of list) {
    const seen = new Set<string>();
    for (const [ref, index] of groupRefs(entry)) {
      const path: PathSegment[] = [section, name, 'groups', index];
      if (seen.has(ref)) found.push(problem(path, `group "${ref}" is listed twice: remove one`));
      seen.add(ref);
      if (groups.has(ref)) continue;
      const hint = didYouMean(ref, groups) || ' — define it under groups:, or remove it from this list';
      found.push(problem(path, `unknown group "${ref}"${hint}`));
    }
  }
  return found;
}

function checkCycles(groupList: Array<[string, Entry]>): InventoryProblem[] {
  const parents = new Map(groupList.map(([name, entry]) => [name, groupRefs(entry).map(([g]) => g)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const found: InventoryProblem[] = [];
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const text = `group cycle: ${cycle.join(' → ')} — a group cannot be its own ancestor: remove one of these parent links`;
      found.push(problem(['groups', name, 'groups'], text));
      return;
    }
    state.set(name, 'visiting');
    for (const parent of parents.get(name) ?? []) if (parents.has(parent)) visit(parent, [...trail, name]);
    state.set(name, 'done');
  };
  for (const [name] of groupList) visit(name, []);
  return found;
}

function checkJumpHosts(data: Entry, hosts: Set<string>): InventoryProblem[] {
  const sections: Array<[PathSegment[], Entry]> = [];
  if (isEntry(data.defaults)) sections.push([['defaults'], data.defaults]);
  for (const [name, entry] of entries(data.groups)) sections.push([['groups', name], entry]);
  for (const [name, entry] of entries(data.hosts)) sections.push([['hosts', name], entry]);
  const found: InventoryProblem[] = [];
  for (const [path, entry] of sections) {
    const ref = entry.jump_host;
    if (typeof ref !== 'string' || ref === '' || hosts.has(ref)) continue;
    const hint =
      didYouMean(ref, hosts) ||
      ' — name a host under hosts:, or give a map with address (and port, username, …)';
    found.push(problem([...path, 'jump_host'], `unknown jump host "${ref}"${hint}`));
  }
  return found;
}

export function checkReferences(data: unknown): InventoryProblem[] {
  if (!isEntry(data)) return [];
  const root = data;
  const groupList = entries(root.groups);
  const hostList = entries(root.hosts);
  const groups = new Set(groupList.map(([name]) => name));
  const hosts = new Set(hostList.map(([name]) => name));
  return [
    ...checkNames([...hosts], groups),
    ...checkGroupLists(groupList, 'groups', groups),
    ...checkGroupLists(hostList, 'hosts', groups),
    ...checkCycles(groupList),
    ...checkJumpHosts(root, hosts),
  ];
}
