// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${…} references written literally
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../../src/inventory/index.js';
import { failure, fixture } from './helpers.js';

const env = { HOME: '/home/op' };

function load(name: string) {
  return failure(() => loadInventory(fixture(name), { env }));
}

describe('bad inventories: the exact lines a user sees', () => {
  it('malformed YAML names the line of the syntax error', () => {
    const f = fixture('malformed.yaml');
    expect(load('malformed.yaml')).toEqual({
      code: 'INVENTORY_INVALID',
      lines: [
        `${f}:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] — fix the YAML at this line`,
      ],
      hint: `fix ${f} at the places named above, then load it again`,
    });
  });

  it('unknown keys suggest the nearest valid key, or list the valid ones', () => {
    const f = fixture('unknown-key.yaml');
    expect(load('unknown-key.yaml').lines).toEqual([
      `${f} has 4 problems:`,
      `${f}:3: defaults.conection: unknown key — did you mean "connection"?`,
      `${f}:7: hosts.r1.adress: unknown key — did you mean "address"?`,
      `${f}:11: hosts.r2.connection.connectTimeout: unknown key — did you mean "connect_timeout"?`,
      `${f}:12: hosts.r2.connection.colour: unknown key — expected one of: connect_timeout, command_timeout, host_timeout, legacy_algorithms, keepalive_interval, host_key_check`,
    ]);
  });

  it('unknown group references name the list entry and suggest a group', () => {
    const f = fixture('unknown-group.yaml');
    expect(load('unknown-group.yaml').lines).toEqual([
      `${f} has 3 problems:`,
      `${f}:5: groups.core-routers.groups[0]: unknown group "amsterdam" — define it under groups:, or remove it from this list`,
      `${f}:10: hosts.r1.groups[0]: unknown group "core-routres" — did you mean "core-routers"?`,
      `${f}:13: hosts.r2.groups[1]: unknown group "nowhere-near-anything" — define it under groups:, or remove it from this list`,
    ]);
  });

  it('group cycles are named a → b → a, each once', () => {
    const f = fixture('cycle.yaml');
    expect(load('cycle.yaml').lines).toEqual([
      `${f} has 2 problems:`,
      `${f}:5: groups.a.groups: group cycle: a → b → c → a — a group cannot be its own ancestor: remove one of these parent links`,
      `${f}:11: groups.selfish.groups: group cycle: selfish → selfish — a group cannot be its own ancestor: remove one of these parent links`,
    ]);
  });

  it('duplicate hosts, groups and keys give the line of every occurrence', () => {
    const f = fixture('duplicate-host.yaml');
    expect(load('duplicate-host.yaml').lines).toEqual([
      `${f} has 3 problems:`,
      `${f}:4: groups.core: duplicate group "core" (lines 4 and 6) — each group name must appear once: rename one or merge them`,
      `${f}:9: hosts.r1: duplicate host "r1" (lines 9 and 13) — each host name must appear once: rename one or merge them`,
      `${f}:15: hosts.r1.port: duplicate key "port" (lines 15 and 16) — keep only one`,
    ]);
  });

  it('unset ${env:…} names where it is written and the variable, never a value', () => {
    const f = fixture('unset-env.yaml');
    const result = load('unset-env.yaml');
    expect(result.code).toBe('SECRET_UNSET');
    expect(result.lines).toEqual([
      `${f} has 4 problems:`,
      `${f}:4: defaults.password: \${env:NETRUN_PASSWORD}: the environment variable NETRUN_PASSWORD is not set — set it, or change the reference`,
      `${f}:7: groups.core.enable_secret: \${env:CORE_ENABLE}: the environment variable CORE_ENABLE is not set — set it, or change the reference`,
      `${f}:12: hosts.r1.passphrase: \${env:R1_PASSPHRASE}: the environment variable R1_PASSPHRASE is not set — set it, or change the reference`,
      `${f}:15: hosts.r2.password: \${file:secrets/missing-password}: cannot read ${fixture('secrets/missing-password')} (ENOENT) — create the file, or change the reference`,
    ]);
    expect(result.hint).toBe(
      'set the environment variables (or create the files) named above, or change the references',
    );
  });

  it('an empty variable counts as unset', () => {
    const f = fixture('unset-env.yaml');
    const lines = failure(() =>
      loadInventory(f, { env: { NETRUN_PASSWORD: '', CORE_ENABLE: 'x', R1_PASSPHRASE: 'y' } }),
    ).lines;
    expect(lines).toContain(
      `${f}:4: defaults.password: \${env:NETRUN_PASSWORD}: the environment variable NETRUN_PASSWORD is not set — set it, or change the reference`,
    );
    expect(lines).toHaveLength(3);
  });

  // hosts.r5.jump_host.address is missing too, but "did you mean address" already says so: one line, not two.
  it('bad types say what was expected and what was found (secrets by type only)', () => {
    const f = fixture('bad-types.yaml');
    expect(load('bad-types.yaml').lines).toEqual([
      `${f} has 11 problems:`,
      `${f}:3: defaults.transport: expected "ssh" or "telnet", got "ssh2"`,
      `${f}:6: groups.core.concurrency: expected a whole number from 1 to 10000, got 0`,
      `${f}:7: groups.core.data: expected a map of key: value pairs, got a list`,
      `${f}:11: hosts.r1.port: expected a whole number from 1 to 65535, got "22"`,
      `${f}:14: hosts.r2.port: expected a whole number from 1 to 65535, got 70000`,
      `${f}:15: hosts.r2.password: expected text (quote it, e.g. "0123", so YAML keeps it exactly), got a number`,
      `${f}:17: hosts.r2.connection.connect_timeout: expected a number of seconds greater than 0 (at most 86400), got -1`,
      `${f}:18: hosts.r2.connection.legacy_algorithms: expected true or false, got "yes"`,
      `${f}:19: hosts.r3.address: missing: expected a host name or IP address (every host needs its own address)`,
      `${f}:23: hosts.r4.groups: expected a list of group names, e.g. [core-routers], got "core"`,
      `${f}:27: hosts.r5.jump_host.adress: unknown key — did you mean "address"?`,
    ]);
  });

  it('a host with no platform anywhere is named, with its groups', () => {
    const f = fixture('no-platform.yaml');
    expect(load('no-platform.yaml').lines).toEqual([
      `${f} has 2 problems:`,
      `${f}:5: hosts.r1: no platform: set platform (the name of a platform file) on the host, one of its groups (core) or in defaults`,
      `${f}:11: hosts.r3: no platform: set platform (the name of a platform file) on the host or in defaults`,
    ]);
  });

  it('bad ${…} syntax is named; a literal secret containing "${" is not echoed', () => {
    const f = fixture('bad-reference.yaml');
    const { lines } = load('bad-reference.yaml');
    const usage = 'write ${env:NAME} or ${file:/path}, or $${ for a literal "${"';
    expect(lines).toEqual([
      `${f} has 4 problems:`,
      `${f}:6: hosts.r1.password: bad reference "\${env NETRUN_PASSWORD}": ${usage}`,
      `${f}:9: hosts.r2.password: "\${" is not closed by "}": ${usage}`,
      `${f}:12: hosts.r3.username: bad reference "\${vault:ops}": ${usage}`,
      `${f}:15: hosts.r4.password: contains "\${" that does not start a reference: ${usage}`,
    ]);
    expect(lines.join('\n')).not.toContain('cd');
    expect(lines.join('\n')).not.toContain('hunter');
  });

  it('jump host problems: unknown name, chains, itself, telnet', () => {
    const f = fixture('jump-hosts.yaml');
    expect(load('jump-hosts.yaml').lines).toEqual([
      `${f} has 4 problems:`,
      `${f}:5: groups.dmz.jump_host: unknown jump host "bastin" — did you mean "bastion" or "bastion2"?`,
      `${f}:10: hosts.bastion.jump_host: jump host "bastion" has its own jump host ("bastion2"); chained jump hosts are not supported: set jump_host: null on "bastion", or use a single jump host`,
      `${f}:19: hosts.r2.jump_host: "r2" cannot be its own jump host: remove jump_host or name another host`,
      `${f}:25: hosts.oldterm.transport: "oldterm" is used as a jump host, so it must use ssh`,
    ]);
  });

  it('names that targets could not use are refused', () => {
    const f = fixture('names.yaml');
    const unsafe =
      'cannot be used in targets — names must not be empty or contain spaces, ",", "!" or "=": rename it';
    expect(load('names.yaml').lines).toEqual([
      `${f} has 4 problems:`,
      `${f}:4: groups.all: "all" is reserved (the target for every host): rename it`,
      `${f}:7: hosts.core: "core" is also a group name, so a target could not tell them apart: rename the host or the group`,
      `${f}:9: hosts["r 1"]: the name "r 1" ${unsafe}`,
      `${f}:11: hosts["r1,r2"]: the name "r1,r2" ${unsafe}`,
    ]);
  });

  it('collects problems of every kind in one report, in line order', () => {
    const f = fixture('mixed.yaml');
    const result = load('mixed.yaml');
    expect(result.code).toBe('INVENTORY_INVALID');
    expect(result.lines).toEqual([
      `${f} has 6 problems:`,
      `${f}:4: defaults.password: \${env:NETRUN_PASSWORD}: the environment variable NETRUN_PASSWORD is not set — set it, or change the reference`,
      `${f}:7: groups.core.groups: group cycle: core → core — a group cannot be its own ancestor: remove one of these parent links`,
      `${f}:10: hosts.r1.adress: unknown key — did you mean "address"?`,
      `${f}:12: hosts.r1.groups[0]: unknown group "cor" — did you mean "core"?`,
      `${f}:13: hosts.r1.port: expected a whole number from 1 to 65535, got "ssh"`,
      `${f}:14: hosts.r2: duplicate host "r2" (lines 14 and 16) — each host name must appear once: rename one or merge them`,
    ]);
  });

  it('an empty file says what it should hold', () => {
    const f = fixture('empty.yaml');
    expect(load('empty.yaml').lines).toEqual([
      `${f}: the file is empty: expected a hosts: map (see the inventory format)`,
    ]);
  });

  it('a file that is not a map says what it should be', () => {
    const f = fixture('not-a-map.yaml');
    expect(load('not-a-map.yaml').lines).toEqual([
      `${f}:1: expected a map with hosts: (and optionally defaults: and groups:), got a list`,
    ]);
  });

  it('a missing file is FILE_UNREADABLE naming the path', () => {
    const f = fixture('does-not-exist.yaml');
    expect(load('does-not-exist.yaml')).toEqual({
      code: 'FILE_UNREADABLE',
      lines: [`cannot read the inventory file ${f} (ENOENT)`],
      hint: 'check the path (NETRUN_INVENTORY or --inventory) and its permissions',
    });
  });
});
