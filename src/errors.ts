/**
 * The one error catalogue. Every failure a user can meet has a stable code here, a one-line
 * explanation of what it means, and what to do next. Device failures are carried as values in
 * `HostResult.error` (never thrown out of a job); everything else is thrown as a NetrunError.
 */

export const ERROR_CATALOGUE = {
  // configuration and input files
  CONFIG_INVALID: { title: 'bad configuration', hint: 'fix the environment variable named in the message' },
  INVENTORY_INVALID: {
    title: 'bad inventory',
    hint: 'fix the inventory file at the path named in the message',
  },
  PLATFORM_INVALID: {
    title: 'bad platform file',
    hint: 'fix the platform file at the path named in the message',
  },
  PLATFORM_UNKNOWN: {
    title: 'unknown platform',
    hint: 'use one of the platforms listed, or add a platform file',
  },
  POLICY_INVALID: { title: 'bad policy file', hint: 'fix the policy file at the path named in the message' },
  FILE_UNREADABLE: { title: 'file cannot be read', hint: 'check the path and its permissions' },
  SECRET_UNSET: {
    title: 'secret reference not set',
    hint: 'set the environment variable, or change the reference',
  },

  // what the user asked for
  USAGE: { title: 'bad usage', hint: 'see `netrun help`' },
  TARGET_UNKNOWN: {
    title: 'unknown target',
    hint: 'use `netrun groups` or `/netrun groups` to list targets',
  },
  TARGET_EMPTY: { title: 'target selects no devices', hint: 'widen the filter or check the inventory' },
  COMMAND_INVALID: { title: 'command not accepted', hint: 'send one command on one line' },
  NOT_ALLOWED: { title: 'not allowed', hint: 'ask an admin to grant the permission in the policy file' },

  // one device (values in HostResult.error)
  CONNECT_REFUSED: {
    title: 'connection refused',
    hint: 'check the address and port, and that SSH/telnet is enabled',
  },
  CONNECT_TIMEOUT: {
    title: 'connect timed out',
    hint: 'the device did not answer in time: check reachability, ACLs and the connect timeout',
  },
  CONNECT_FAILED: { title: 'connection failed', hint: 'check the address, DNS and routing to the device' },
  HANDSHAKE_FAILED: {
    title: 'SSH handshake failed',
    hint: 'old devices may need `legacy_algorithms: true` for their host or group',
  },
  AUTH_FAILED: {
    title: 'authentication failed',
    hint: 'check the username, password or key for this device',
  },
  AUTH_TIMEOUT: {
    title: 'authentication timed out',
    hint: 'some platforms answer a wrong password with silence: check the credentials first',
  },
  HOSTKEY_MISMATCH: {
    title: 'host key changed',
    hint: 'the device presented a different key than known_hosts records: verify it before updating known_hosts',
  },
  HOSTKEY_UNKNOWN: {
    title: 'host key not known',
    hint: 'record it with `netrun hostkeys scan <target>` after verifying, or use accept-new',
  },
  PROMPT_NOT_FOUND: {
    title: 'prompt not found',
    hint: 'the device output did not end in the expected prompt: check the platform, or raise the command timeout',
  },
  COMMAND_REJECTED: {
    title: 'command rejected by the device',
    hint: 'check the command syntax for this platform',
  },
  COMMAND_TIMEOUT: { title: 'command timed out', hint: 'raise the command timeout for slow commands' },
  SESSION_CLOSED: {
    title: 'session closed mid-output',
    hint: 'the device dropped the session: retry, or check its logs',
  },
  ENABLE_FAILED: { title: 'enable failed', hint: 'check the enable secret for this device' },
  HOST_TIMEOUT: {
    title: 'device timed out',
    hint: 'the whole device took longer than its timeout: raise --timeout',
  },
  OUTPUT_TOO_LARGE: { title: 'output too large', hint: 'narrow the command (| include, | section)' },
  CANCELLED: { title: 'cancelled', hint: 'the job was cancelled before this device finished' },
  INTERRUPTED: {
    title: 'interrupted',
    hint: 'netrun stopped while this device was running; run the job again',
  },
  NOT_RUN: { title: 'not run', hint: 'the rollout stopped before this device (failure threshold or canary)' },

  // Slack and storage
  SLACK_API: { title: 'Slack API error', hint: 'see the Slack error code in the message' },
  STORE: { title: 'storage error', hint: 'check NETRUN_DB and the disk' },
  INTERNAL: { title: 'internal error', hint: 'this is a bug in netrun: please report it with the log line' },
} as const satisfies Record<string, { title: string; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface NetrunErrorOptions {
  cause?: unknown;
  /** Replaces the catalogue's generic hint with one that fits this case. */
  hint?: string;
}

export class NetrunError extends Error {
  override readonly name = 'NetrunError';
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, options: NetrunErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_CATALOGUE[code].hint;
  }

  /** The message plus what to do, on one or two lines: what a user sees. */
  describe(): string {
    return `${this.message}\n  → ${this.hint}`;
  }
}

export function isNetrunError(value: unknown, code?: ErrorCode): value is NetrunError {
  return value instanceof NetrunError && (code === undefined || value.code === code);
}

/** A plain, serialisable form for results, events, the store and JSON output. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint: string;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof NetrunError) return { code: error.code, message: error.message, hint: error.hint };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message, hint: ERROR_CATALOGUE.INTERNAL.hint };
}
