import type { ErrorInfo } from '../errors.js';
import type { CommandOutput, HostResult, HostStatus } from './types.js';

export type OutputGroup =
  | {
      kind: 'output';
      /** Member device names, in result order. */
      hosts: string[];
      /** The first member's outputs exactly as its device printed them. */
      outputs: CommandOutput[];
    }
  | {
      kind: 'error';
      hosts: string[];
      /** The first member's status and error (members share the code and normalised message). */
      status: HostStatus;
      error: ErrorInfo | undefined;
    };

/** Stands in for a device's own name, so `r1#` and `r2#` compare equal. */
export const HOSTNAME_PLACEHOLDER = '⟨host⟩';

/**
 * Groups devices whose results say the same thing, so a reader sees "37 devices gave the same
 * output" once. Successful devices compare their commands and outputs after normaliseOutput();
 * the others compare error code and normalised message. Largest group first; equal sizes keep
 * the order of their first member.
 */
export function groupIdenticalOutputs(results: readonly HostResult[]): OutputGroup[] {
  const groups = new Map<string, OutputGroup>();
  for (const result of results) {
    const key = groupKey(result);
    const existing = groups.get(key);
    if (existing) existing.hosts.push(result.host);
    else groups.set(key, newGroup(result));
  }
  // Array.prototype.sort is stable: ties keep first-appearance order.
  return [...groups.values()].sort((a, b) => b.hosts.length - a.hosts.length);
}

function newGroup(result: HostResult): OutputGroup {
  if (result.status === 'ok') return { kind: 'output', hosts: [result.host], outputs: result.outputs };
  return { kind: 'error', hosts: [result.host], status: result.status, error: result.error };
}

function groupKey(result: HostResult): string {
  if (result.status !== 'ok') {
    const code = result.error?.code ?? result.status;
    return JSON.stringify(['error', code, normaliseOutput(result.error?.message ?? '', result.host)]);
  }
  const outputs = result.outputs.map((entry) => [
    entry.command.trim(),
    normaliseOutput(entry.output, result.host),
  ]);
  return JSON.stringify(['output', outputs]);
}

/**
 * Line endings to `\n`, trailing whitespace dropped, runs of blank lines collapsed to one,
 * leading/trailing blank lines removed, and the device's own name replaced by a placeholder.
 * Whitespace inside a line is kept: column alignment is part of what a table says.
 */
export function normaliseOutput(text: string, hostName?: string): string {
  const lines = text
    .replace(/\r+\n/g, '\n')
    // A lone CR is a device redrawing the line (pagers, progress): treat it as a line break.
    .replace(/\r/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return hostName ? replaceHostName(lines, hostName) : lines;
}

const NAME_CHAR_BEFORE = 'A-Za-z0-9_.\\-';
const NAME_CHAR_AFTER = 'A-Za-z0-9_\\-';

/**
 * Whole-token, case-insensitive replacement: `r1` matches in `r1#`, `r1(config)#`, `admin@r1`,
 * `R1>` and `r1.lab.example` (its own FQDN), but not in `r10`, `core-r1`, `r1-backup` or `x.r1`.
 * An inventory FQDN also matches its first label, which is what prompts show.
 */
export function replaceHostName(text: string, hostName: string): string {
  const names = hostNameVariants(hostName);
  if (names.length === 0) return text;
  const alternatives = names.map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![${NAME_CHAR_BEFORE}])(?:${alternatives})(?![${NAME_CHAR_AFTER}])`, 'gi');
  return text.replace(pattern, HOSTNAME_PLACEHOLDER);
}

function hostNameVariants(hostName: string): string[] {
  const name = hostName.trim();
  if (name === '') return [];
  const variants = [name];
  const firstLabel = name.split('.')[0] ?? '';
  // Only a name's first label, never an IP address's first octet.
  if (firstLabel !== name && /[A-Za-z]/.test(firstLabel)) variants.push(firstLabel);
  // Longest first, so the FQDN wins over its own first label.
  return variants.sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
