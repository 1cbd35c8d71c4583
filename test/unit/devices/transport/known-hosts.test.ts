import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  formatKnownHostsLine,
  hostsFieldMatches,
  indexKnownHosts,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
} from '../../../../src/devices/transport/known-hosts.js';

// Keys and hashed lines produced by OpenSSH 9.2 (ssh-keygen -t ed25519; ssh-keygen -H; ssh-keygen -lf).
const K1 = 'AAAAC3NzaC1lZDI1NTE5AAAAIBtkB/pC1mqM2f6WCe05vCGZ+qvNYgYONkIMTTKClX4T';
const K1_FINGERPRINT = 'SHA256:Yv3Ir+k2qwaHikIy0mxkwOflMuORQdzydEopDziMz3I';
const K2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIFE1YMsAwr4//uorRwtEO25w1mBjYKiOpE53S+DLREQD';
const K2_FINGERPRINT = 'SHA256:6NElgnaVELknNB0jqO+LaVCNahX2+8uAZlxjXtU1WPs';
const HASHED_K1 = `|1|6UL6yeeCMhtJP8Wlx/ccjphB5bA=|iHG+a2DS1FRC4EiNowjpJjcIbu4= ssh-ed25519 ${K1}`;
const HASHED_K2 = `|1|WRLVH9U9DhH+h4RK5bpqUFqF0po=|TLshG9zCqhU7xUULx6UoAGmDJDc= ssh-ed25519 ${K2}`;
const key = (b64: string) => Buffer.from(b64, 'base64');

describe('known_hosts helpers', () => {
  it('prints fingerprints exactly as ssh-keygen -l does', () => {
    expect(fingerprintOf(key(K1))).toBe(K1_FINGERPRINT);
    expect(fingerprintOf(key(K2))).toBe(K2_FINGERPRINT);
  });

  it('reads the key type from the blob', () => {
    expect(keyTypeOf(key(K1))).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.alloc(2))).toBe('unknown');
  });

  it('names hosts the way OpenSSH looks them up', () => {
    expect(knownHostsName('10.0.0.1', 22)).toBe('10.0.0.1');
    expect(knownHostsName('127.0.0.1', 2201)).toBe('[127.0.0.1]:2201');
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const [hashed1, hashed2] = parseKnownHosts(`${HASHED_K1}\n${HASHED_K2}\n`);
    expect(hostsFieldMatches(hashed1!.hosts, '[127.0.0.1]:2201')).toBe(true);
    expect(hostsFieldMatches(hashed1!.hosts, '[127.0.0.1]:2202')).toBe(false);
    expect(hostsFieldMatches(hashed2!.hosts, 'r1.example.net')).toBe(true);
  });

  it('matches comma lists, wildcards and negations', () => {
    expect(hostsFieldMatches('r1,r2,[10.0.0.9]:2222', 'r2')).toBe(true);
    expect(hostsFieldMatches('r1,r2,[10.0.0.9]:2222', '[10.0.0.9]:2222')).toBe(true);
    expect(hostsFieldMatches('*.example.net,!bad.example.net', 'core1.example.net')).toBe(true);
    expect(hostsFieldMatches('*.example.net,!bad.example.net', 'bad.example.net')).toBe(false);
    expect(hostsFieldMatches('r?', 'r7')).toBe(true);
    expect(hostsFieldMatches('r?', 'r77')).toBe(false);
  });

  it('parses markers, skips comments and malformed lines, and keeps line numbers', () => {
    const text = [
      '# comment',
      '',
      `r1 ssh-ed25519 ${K1} a comment`,
      'garbage-line',
      `@revoked r2 ssh-ed25519 ${K2}`,
      `@cert-authority *.example.net ssh-ed25519 ${K2}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.marker, e.hosts])).toEqual([
      [3, undefined, 'r1'],
      [5, 'revoked', 'r2'],
      [6, 'cert-authority', '*.example.net'],
    ]);
  });

  it('indexes literal names and still finds hashed and wildcard entries, in file order', () => {
    const text = [
      `${HASHED_K1}`,
      `[127.0.0.1]:2201 ssh-ed25519 ${K2}`,
      `[127.0.0.1]:* ssh-ed25519 ${K2}`,
      `r9 ssh-ed25519 ${K1}`,
    ].join('\n');
    const index = indexKnownHosts(parseKnownHosts(text));
    expect(index.lookup('[127.0.0.1]:2201').map((e) => e.line)).toEqual([1, 2, 3]);
    expect(index.lookup('R9').map((e) => e.line)).toEqual([4]);
    expect(index.lookup('nobody')).toEqual([]);
  });

  it('formats lines that parse back, plain or hashed', () => {
    const plain = formatKnownHostsLine('[127.0.0.1]:2201', key(K1));
    expect(plain).toBe(`[127.0.0.1]:2201 ssh-ed25519 ${K1}`);
    const hashed = formatKnownHostsLine('[127.0.0.1]:2201', key(K1), { hashed: true });
    const [entry] = parseKnownHosts(hashed);
    expect(entry!.hosts.startsWith('|1|')).toBe(true);
    expect(hostsFieldMatches(entry!.hosts, '[127.0.0.1]:2201')).toBe(true);
    expect(entry!.key.equals(key(K1))).toBe(true);
  });
});
