import { randomBytes } from 'node:crypto';
import { loadPlatformRegistry } from '../../../devices/index.js';
import type { Host } from '../../../inventory/index.js';
import { type ConfigStyle, configStyleFrom } from '../../../push/index.js';

/** How push approvals behave; every field has a default. */
export interface ApprovalSettings {
  /** How long a request waits for its approvals (NETRUN_APPROVAL_TTL_MINUTES; default 30 minutes). */
  ttlMs?: number;
  /** How often expired requests are marked and their messages updated (default 30 s). */
  sweepIntervalMs?: number;
  /**
   * A device's config style for the dry run (its platform file's `config.style`). Default: the
   * built-in platform files, loaded once.
   */
  configStyleOf?: (host: Host) => ConfigStyle;
  newApprovalId?: () => string;
  /** Aborted when the app stops: the expiry sweeps end with it. */
  signal?: AbortSignal;
}

export const DEFAULT_APPROVAL_TTL_MS = 30 * 60_000;
export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;

export function approvalTtlMs(settings: ApprovalSettings | undefined): number {
  return settings?.ttlMs ?? DEFAULT_APPROVAL_TTL_MS;
}

/** Ten hex digits: short enough to read out, and the store refuses a clash rather than mixing two. */
export function newApprovalId(settings: ApprovalSettings | undefined): string {
  return settings?.newApprovalId ? settings.newApprovalId() : randomBytes(5).toString('hex');
}

let builtin: Promise<(host: Host) => ConfigStyle> | undefined;

export function configStyles(settings: ApprovalSettings | undefined): Promise<(host: Host) => ConfigStyle> {
  if (settings?.configStyleOf) return Promise.resolve(settings.configStyleOf);
  builtin ??= loadPlatformRegistry().then(configStyleFrom);
  return builtin;
}
