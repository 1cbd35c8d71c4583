import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { NetrunError } from '../../errors.js';
import type { HostKeyCheck } from '../../inventory/types.js';
import {
  fingerprintOf,
  formatKnownHostsLine,
  indexKnownHosts,
  type KnownHostEntry,
  type KnownHostsIndex,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
} from './known-hosts.js';

/**
 * Host key checking behind one small interface, so sessions, tests and `netrun hostkeys scan` share it.
 * `strict`: only recorded keys pass. `accept-new`: a host with no entry has its first key recorded; a
 * recorded host presenting any other key fails. `off`: anything passes (labs only).
 */

export interface HostKeyRequest {
  /** The inventory name, for messages. */
  host: string;
  address: string;
  port: number;
  /** The SSH public key blob the server presented. */
  key: Buffer;
  /** The host's own setting; the verifier's default when unset. */
  mode?: HostKeyCheck;
}

export interface HostKeyVerdict {
  status: 'known' | 'recorded' | 'unchecked';
  keyType: string;
  fingerprint: string;
}

export interface HostKeyVerifier {
  /** Resolves when the key may be used; rejects with HOSTKEY_MISMATCH or HOSTKEY_UNKNOWN. */
  verify(request: HostKeyRequest): Promise<HostKeyVerdict>;
}

/** Every key passes: for tests and labs that do not care (the same as mode `off`). */
export const acceptAnyHostKey: HostKeyVerifier = {
  verify: async ({ key }) => ({
    status: 'unchecked',
    keyType: keyTypeOf(key),
    fingerprint: fingerprintOf(key),
  }),
};

export interface KnownHostsOptions {
  /** The known_hosts file (OpenSSH format); created on the first recorded key. */
  file: string;
  defaultMode: HostKeyCheck;
  /** Record new entries hashed (`|1|...`), like `HashKnownHosts yes`. */
  hashNewEntries?: boolean;
}

/** One write queue per file in this process: concurrent sessions must not interleave or duplicate lines. */
const fileQueues = new Map<string, Promise<unknown>>();

function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = fileQueues.get(file) ?? Promise.resolve();
  const next = previous.then(task, task);
  fileQueues.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

/** Read and parse a known_hosts file; a missing file has no entries. */
export async function readKnownHostsFile(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new NetrunError('FILE_UNREADABLE', `cannot read the known_hosts file ${file}`, { cause: error });
  }
}

/**
 * Append one line with a single O_APPEND write (atomic against other appenders on a local file system),
 * adding the newline the file may lack. Creates the file (0600) and its folder (0700).
 */
export async function appendKnownHostsLine(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let needsNewline = false;
  try {
    const info = await stat(file);
    if (info.size > 0) {
      const handle = await open(file, 'r');
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, info.size - 1);
      await handle.close();
      needsNewline = last[0] !== 0x0a;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(`${needsNewline ? '\n' : ''}${line}\n`);
  } finally {
    await handle.close();
  }
}

function describeTarget(request: HostKeyRequest): string {
  return `${request.host} (${request.address}:${request.port})`;
}

function mismatch(
  request: HostKeyRequest,
  file: string,
  known: KnownHostEntry,
  revoked: boolean,
): NetrunError {
  const presented = `${keyTypeOf(request.key)} ${fingerprintOf(request.key)}`;
  const recorded = `${known.keyType} ${fingerprintOf(known.key)}`;
  const message = revoked
    ? `${describeTarget(request)} presented host key ${presented}, which ${file}:${known.line} marks @revoked`
    : `host key for ${describeTarget(request)} has changed: the device presented ${presented}, ` +
      `but ${file}:${known.line} records ${recorded}`;
  return new NetrunError('HOSTKEY_MISMATCH', message);
}

type Lookup = { kind: 'known' } | { kind: 'absent' } | { kind: 'error'; error: NetrunError };

function lookup(request: HostKeyRequest, file: string, index: KnownHostsIndex): Lookup {
  const mine = index.lookup(knownHostsName(request.address, request.port));
  const same = (e: KnownHostEntry) => e.key.equals(request.key);
  const revoked = mine.find((e) => e.marker === 'revoked' && same(e));
  if (revoked) return { kind: 'error', error: mismatch(request, file, revoked, true) };
  const plain = mine.filter((e) => e.marker === undefined);
  if (plain.some(same)) return { kind: 'known' };
  // Stricter than OpenSSH on purpose: a recorded host offering a key of another type is treated as changed.
  const recorded = plain.find((e) => e.keyType === keyTypeOf(request.key)) ?? plain[0];
  return recorded ? { kind: 'error', error: mismatch(request, file, recorded, false) } : { kind: 'absent' };
}

/** Parsed once per change of the file (size or mtime), not once per session: fleets are large. */
function cachedIndex(file: string): () => Promise<KnownHostsIndex> {
  let cache: { stamp: string; index: KnownHostsIndex } | undefined;
  return async () => {
    let stamp = 'absent';
    try {
      const info = await stat(file);
      stamp = `${info.size}:${info.mtimeMs}:${info.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new NetrunError('FILE_UNREADABLE', `cannot read the known_hosts file ${file}`, {
          cause: error,
        });
      }
    }
    if (cache?.stamp !== stamp) cache = { stamp, index: indexKnownHosts(await readKnownHostsFile(file)) };
    return cache.index;
  };
}

export function createKnownHostsVerifier(options: KnownHostsOptions): HostKeyVerifier {
  const file = resolve(options.file);
  const load = cachedIndex(file);
  const verdict = (request: HostKeyRequest, status: HostKeyVerdict['status']): HostKeyVerdict => ({
    status,
    keyType: keyTypeOf(request.key),
    fingerprint: fingerprintOf(request.key),
  });
  return {
    async verify(request) {
      const mode = request.mode ?? options.defaultMode;
      if (mode === 'off') return verdict(request, 'unchecked');
      const first = lookup(request, file, await load());
      if (first.kind === 'known') return verdict(request, 'known');
      if (first.kind === 'error') throw first.error;
      if (mode === 'strict') {
        throw new NetrunError(
          'HOSTKEY_UNKNOWN',
          `host key for ${describeTarget(request)} is not in ${file} (strict checking): the device presented ` +
            `${keyTypeOf(request.key)} ${fingerprintOf(request.key)}`,
        );
      }
      // Re-read under the file's queue: another session may have recorded this host a moment ago.
      return serialised(file, async () => {
        const again = lookup(request, file, await load());
        if (again.kind === 'known') return verdict(request, 'known');
        if (again.kind === 'error') throw again.error;
        const name = knownHostsName(request.address, request.port);
        await appendKnownHostsLine(
          file,
          formatKnownHostsLine(name, request.key, { hashed: options.hashNewEntries }),
        );
        return verdict(request, 'recorded');
      });
    },
  };
}
