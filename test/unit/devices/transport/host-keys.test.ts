import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKnownHostsVerifier,
  type HostKeyRequest,
} from '../../../../src/devices/transport/host-keys.js';
import { isNetrunError } from '../../../../src/errors.js';

const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIBtkB/pC1mqM2f6WCe05vCGZ+qvNYgYONkIMTTKClX4T';
const K1_FINGERPRINT = 'SHA256:Yv3Ir+k2qwaHikIy0mxkwOflMuORQdzydEopDziMz3I';
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIFE1YMsAwr4//uorRwtEO25w1mBjYKiOpE53S+DLREQD';
const K2_FINGERPRINT = 'SHA256:6NElgnaVELknNB0jqO+LaVCNahX2+8uAZlxjXtU1WPs';

const request = (port: number, b64: string, extra: Partial<HostKeyRequest> = {}): HostKeyRequest => ({
  host: `r${port}`,
  address: '127.0.0.1',
  port,
  key: Buffer.from(b64, 'base64'),
  ...extra,
});

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('known_hosts verifier', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netrun-kh-'));
    file = join(dir, 'sub', 'known_hosts');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('strict: an unknown host is HOSTKEY_UNKNOWN naming the presented fingerprint', async () => {
    const verifier = createKnownHostsVerifier({ file, defaultMode: 'strict' });
    const error = await rejection(verifier.verify(request(2201, K1)));
    expect(isNetrunError(error, 'HOSTKEY_UNKNOWN')).toBe(true);
    expect((error as Error).message).toContain(K1_FINGERPRINT);
    expect((error as Error).message).toContain('r2201 (127.0.0.1:2201)');
  });

  it('accept-new records the first key, then knows it, then refuses a changed one with file:line', async () => {
    const verifier = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    expect((await verifier.verify(request(2201, K1))).status).toBe('recorded');
    expect(await readFile(file, 'utf8')).toBe(`[127.0.0.1]:2201 ssh-ed25519 ${K1}\n`);
    expect((await verifier.verify(request(2201, K1))).status).toBe('known');
    const error = await rejection(verifier.verify(request(2201, K2)));
    expect(isNetrunError(error, 'HOSTKEY_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain(K2_FINGERPRINT);
    expect((error as Error).message).toContain(`${file}:1`);
    expect((error as Error).message).toContain(K1_FINGERPRINT);
  });

  it('a per-host mode overrides the default; off accepts anything and writes nothing', async () => {
    const verifier = createKnownHostsVerifier({ file, defaultMode: 'strict' });
    expect((await verifier.verify(request(2201, K1, { mode: 'off' }))).status).toBe('unchecked');
    expect((await verifier.verify(request(2201, K1, { mode: 'accept-new' }))).status).toBe('recorded');
    expect((await verifier.verify(request(2201, K1))).status).toBe('known');
  });

  it('appends after a last line without newline, and honours @revoked', async () => {
    await writeFile(join(dir, 'kh'), `@revoked [127.0.0.1]:2202 ssh-ed25519 ${K2}`);
    const verifier = createKnownHostsVerifier({ file: join(dir, 'kh'), defaultMode: 'accept-new' });
    await verifier.verify(request(2201, K1));
    const lines = (await readFile(join(dir, 'kh'), 'utf8')).split('\n');
    expect(lines[1]).toBe(`[127.0.0.1]:2201 ssh-ed25519 ${K1}`);
    const error = await rejection(verifier.verify(request(2202, K2)));
    expect(isNetrunError(error, 'HOSTKEY_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('@revoked');
  });

  it('many concurrent first contacts record each host exactly once, without torn lines', async () => {
    const verifier = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    const ports = Array.from({ length: 60 }, (_, i) => 3000 + (i % 30));
    const verdicts = await Promise.all(ports.map((p) => verifier.verify(request(p, K1))));
    expect(verdicts.filter((v) => v.status === 'recorded')).toHaveLength(30);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(30);
    for (const line of lines) expect(line).toMatch(/^\[127\.0\.0\.1\]:30\d\d ssh-ed25519 \S+$/);
  });

  it('two verifiers on one file race for a host: one records, the other key is a mismatch', async () => {
    const a = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    const b = createKnownHostsVerifier({ file, defaultMode: 'accept-new' });
    const results = await Promise.allSettled([a.verify(request(2201, K1)), b.verify(request(2201, K2))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isNetrunError(failed.reason, 'HOSTKEY_MISMATCH')).toBe(true);
  });

  it('records hashed entries when asked', async () => {
    const verifier = createKnownHostsVerifier({ file, defaultMode: 'accept-new', hashNewEntries: true });
    await verifier.verify(request(2201, K1));
    expect(await readFile(file, 'utf8')).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
    expect((await verifier.verify(request(2201, K1))).status).toBe('known');
  });
});
