import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * OpenSSH known_hosts, as pure functions: parse a file's text, find the entries for a host, format a
 * new entry. Supports comma lists, `*`/`?` wildcards, `!` negation, `[host]:port` for non-22 ports,
 * hashed `|1|salt|hmac` names and the `@revoked` / `@cert-authority` markers (sshd(8) "SSH_KNOWN_HOSTS
 * FILE FORMAT").
 */

export interface KnownHostEntry {
  /** 1-based line number in the file. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  hosts: string;
  keyType: string;
  key: Buffer;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** `SHA256:<base64, no padding>`, exactly as `ssh-keygen -l` and OpenSSH print it. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length <= 0 || length > 64 || key.length < 4 + length) return 'unknown';
  return key.subarray(4, 4 + length).toString('latin1');
}

function parseLine(text: string, line: number): KnownHostEntry | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const fields = trimmed.split(/\s+/);
  let marker: KnownHostEntry['marker'];
  if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
    marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
    fields.shift();
  } else if (fields[0]?.startsWith('@')) return undefined;
  const [hosts, keyType, keyBase64] = fields;
  if (!hosts || !keyType || !keyBase64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64)) return undefined;
  return { line, marker, hosts, keyType, key: Buffer.from(keyBase64, 'base64') };
}

/** Every well-formed entry; malformed lines are skipped (as OpenSSH does). */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((line, i) => {
    const entry = parseLine(line, i + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function hashedMatch(field: string, name: string): boolean {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

/** Whether an entry's host field names `name` (`r1`, `[10.0.0.1]:2222`). */
export function hostsFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) return hashedMatch(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (wildcardMatch(pattern, name)) matched = true;
  }
  return matched;
}

/** The plain and `@revoked` entries naming any of `names` (certificate authorities are not host keys). */
export function entriesFor(entries: readonly KnownHostEntry[], names: readonly string[]): KnownHostEntry[] {
  return entries.filter(
    (e) => e.marker !== 'cert-authority' && names.some((name) => hostsFieldMatches(e.hosts, name)),
  );
}

export interface KnownHostsIndex {
  readonly entries: readonly KnownHostEntry[];
  /** The plain and `@revoked` entries naming `name`, in file order. */
  lookup(name: string): KnownHostEntry[];
}

const isPlainList = (hosts: string) => !/[*?!|]/.test(hosts);

/**
 * Index entries by literal host name so a lookup in a 10,000-line file is a map hit; only wildcard and
 * hashed entries (which need a pattern match or an HMAC each) are scanned.
 */
export function indexKnownHosts(entries: readonly KnownHostEntry[]): KnownHostsIndex {
  const byName = new Map<string, KnownHostEntry[]>();
  const scanned: KnownHostEntry[] = [];
  for (const entry of entries) {
    if (entry.marker === 'cert-authority') continue;
    if (!isPlainList(entry.hosts)) {
      scanned.push(entry);
      continue;
    }
    for (const name of new Set(entry.hosts.toLowerCase().split(','))) {
      const list = byName.get(name) ?? [];
      list.push(entry);
      byName.set(name, list);
    }
  }
  return {
    entries,
    lookup(name) {
      const direct = byName.get(name.toLowerCase()) ?? [];
      const matched = scanned.filter((e) => hostsFieldMatches(e.hosts, name));
      return [...direct, ...matched].sort((a, b) => a.line - b.line);
    },
  };
}

/** A known_hosts line for a key; `hashed` writes `|1|salt|hmac` like `HashKnownHosts yes`. */
export function formatKnownHostsLine(name: string, key: Buffer, options: { hashed?: boolean } = {}): string {
  let hostField = name;
  if (options.hashed) {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(name).digest('base64');
    hostField = `|1|${salt.toString('base64')}|${hash}`;
  }
  return `${hostField} ${keyTypeOf(key)} ${key.toString('base64')}`;
}
