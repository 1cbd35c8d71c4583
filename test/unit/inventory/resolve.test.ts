// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${…} references written literally
import { describe, expect, it } from 'vitest';
import { type Host, parseInventory } from '../../../src/inventory/index.js';
import { failure } from './helpers.js';

const files: Record<string, string> = { '/etc/netrun/secrets/enable': 'enable-from-file\r\n\n' };
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  return text;
};

function parse(text: string, env: Record<string, string> = {}) {
  return parseInventory(text, {
    source: 'inv.yaml',
    env,
    baseDir: '/etc/netrun',
    homeDir: '/home/op',
    readFile,
  });
}

function only(text: string, env: Record<string, string> = {}): Host {
  const [first] = parse(text, env).hosts;
  if (!first) throw new Error('no host');
  return first;
}

describe('inheritance order: host, then groups depth-first, then defaults', () => {
  const text = `
defaults: { platform: p-defaults, username: u-defaults, port: 1001 }
groups:
  g1: { groups: [g1-parent], username: u-g1 }
  g1-parent: { platform: p-g1-parent, port: 1002, username: u-g1-parent }
  g2: { platform: p-g2, enable_secret: e-g2, port: 1003 }
hosts:
  h: { address: h, groups: [g1, g2] }
`;
  it("takes a group's parent before the next group", () => {
    const h = only(text);
    expect(h.groups).toEqual(['g1', 'g1-parent', 'g2']);
    expect(h.credentials.username).toBe('u-g1');
    expect(h.platform).toBe('p-g1-parent');
    expect(h.port).toBe(1002);
    expect(h.credentials.enableSecret).toBe('e-g2');
  });

  it('lets the host win over everything', () => {
    const h = only(text.replace('address: h,', 'address: h, port: 9, platform: p-host,'));
    expect([h.port, h.platform]).toEqual([9, 'p-host']);
  });

  it('falls back to defaults when no group sets a value', () => {
    const h = only('defaults: { platform: p, username: u, port: 1001 }\nhosts: { h: { address: h } }');
    expect([h.platform, h.credentials.username, h.port]).toEqual(['p', 'u', 1001]);
  });

  it('lists a group reached twice once, at its first place (diamond)', () => {
    const h = only(`
groups:
  a: { groups: [base] }
  b: { groups: [base], platform: p-b }
  base: { platform: p-base }
hosts:
  h: { address: h, groups: [a, b] }
`);
    expect(h.groups).toEqual(['a', 'base', 'b']);
    expect(h.platform).toBe('p-base');
  });
});

describe('connection and data merge key by key', () => {
  const h = only(`
defaults:
  platform: p
  connection: { connect_timeout: 4, command_timeout: 8, host_timeout: 60, keepalive_interval: 15 }
  data: { a: defaults, b: defaults, c: defaults, nested: { x: 1 } }
groups:
  g: { connection: { command_timeout: 12.5, legacy_algorithms: true }, data: { b: group, c: group } }
hosts:
  h:
    address: h
    groups: [g]
    connection: { host_key_check: off }
    data: { c: host, nested: { y: 2 } }
`);

  it('merges connection settings in seconds into milliseconds', () => {
    expect(h.connection).toEqual({
      connectTimeoutMs: 4000,
      commandTimeoutMs: 12_500,
      hostTimeoutMs: 60_000,
      legacyAlgorithms: true,
      keepaliveIntervalMs: 15_000,
      hostKeyCheck: 'off',
    });
  });

  it('merges data shallowly: the nearest layer wins per top-level key', () => {
    expect(h.data).toEqual({ a: 'defaults', b: 'group', c: 'host', nested: { y: 2 } });
  });

  it('uses the documented defaults when nothing sets them', () => {
    const plain = only('hosts: { h: { address: h, platform: p } }');
    expect(plain).toMatchObject({ transport: 'ssh', port: 22, credentials: {}, data: {}, groups: [] });
    expect(plain.connection).toEqual({
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 30_000,
      hostTimeoutMs: 300_000,
      legacyAlgorithms: false,
      keepaliveIntervalMs: 0,
    });
    expect(plain.jumpHost).toBeUndefined();
  });
});

describe('transport and ports', () => {
  it('defaults telnet to port 23, also when telnet comes from a group', () => {
    const inv = parse(`
groups: { console: { transport: telnet } }
hosts:
  t1: { address: t1, platform: cisco_ios, transport: telnet }
  t2: { address: t2, platform: cisco_ios, groups: [console] }
  t3: { address: t3, platform: cisco_ios, groups: [console], port: 2001 }
`);
    expect(inv.hosts.map((h) => [h.name, h.transport, h.port])).toEqual([
      ['t1', 'telnet', 23],
      ['t2', 'telnet', 23],
      ['t3', 'telnet', 2001],
    ]);
  });
});

describe('key paths and secrets', () => {
  it('expands ~ and makes relative key paths relative to the inventory folder', () => {
    const inv = parse(`
defaults: { platform: p }
hosts:
  a: { address: a, private_key_file: ~/.ssh/id_ed25519 }
  b: { address: b, private_key_file: keys/b }
  c: { address: c, private_key_file: ../shared/c }
  d: { address: d, private_key_file: /abs/d }
`);
    expect(inv.hosts.map((h) => h.credentials.privateKeyFile)).toEqual([
      '/home/op/.ssh/id_ed25519',
      '/etc/netrun/keys/b',
      '/etc/shared/c',
      '/abs/d',
    ]);
  });

  it('resolves ${env:…} inside text, ${file:…} with CRLF/newlines trimmed, and $${ as a literal', () => {
    const h = only(
      `
hosts:
  h:
    address: \${env:H_ADDR}
    platform: p
    username: ops-\${env:SITE}
    password: pre\${env:PW}post
    enable_secret: \${file:secrets/enable}
    passphrase: a$\${b}c$d
`,
      { H_ADDR: '10.9.9.9', SITE: 'ams', PW: 'MIDDLE' },
    );
    expect(h.address).toBe('10.9.9.9');
    expect(h.credentials).toEqual({
      username: 'ops-ams',
      password: 'preMIDDLEpost',
      enableSecret: 'enable-from-file',
      passphrase: 'a${b}c$d',
    });
  });

  it('does not interpolate free-form data', () => {
    const h = only('hosts: { h: { address: h, platform: p, data: { note: "${env:NOPE}" } } }');
    expect(h.data.note).toBe('${env:NOPE}');
  });

  it('never puts a secret value in a message', () => {
    const { lines } = failure(() =>
      parse('hosts: { h: { address: h, platform: p, password: "${env:PW}", port: x } }', { PW: 'TOPSECRET' }),
    );
    expect(lines).toEqual(['inv.yaml:1: hosts.h.port: expected a whole number from 1 to 65535, got "x"']);
  });
});

describe('empty sections', () => {
  it('accepts empty groups, an empty groups section and an empty hosts map', () => {
    expect(parse('groups:\nhosts: {}\n').hosts).toEqual([]);
    const inv = parse('groups:\n  lab:\nhosts:\n  h: { address: h, platform: p, groups: [lab] }\n');
    expect(inv.groups).toEqual([{ name: 'lab', parents: [], hostCount: 1 }]);
  });

  it('treats an empty data: or connection: as empty maps', () => {
    const h = only('defaults:\n  platform: p\n  data:\n  connection:\nhosts:\n  h: { address: h }\n');
    expect(h.data).toEqual({});
    expect(h.connection.connectTimeoutMs).toBe(10_000);
  });

  it('requires a hosts section', () => {
    expect(failure(() => parse('groups: {}\n')).lines).toEqual([
      'inv.yaml:1: hosts: missing: expected a map of host names to their settings',
    ]);
  });
});

describe('jump hosts by name', () => {
  it('copies the named host’s resolved address, port, credentials and connection', () => {
    const inv = parse(`
groups:
  behind: { jump_host: jump }
hosts:
  jump:
    address: 203.0.113.5
    port: 2022
    platform: linux
    username: j
    private_key_file: keys/j
    connection: { connect_timeout: 3, legacy_algorithms: true }
  r1: { address: 10.0.0.1, platform: cisco_ios, groups: [behind] }
`);
    expect(inv.hosts[1]?.jumpHost).toEqual({
      name: 'jump',
      address: '203.0.113.5',
      port: 2022,
      credentials: { username: 'j', privateKeyFile: '/etc/netrun/keys/j' },
      connectTimeoutMs: 3000,
      legacyAlgorithms: true,
    });
    expect(inv.hosts[0]?.jumpHost).toBeUndefined();
  });

  it('defaults an inline jump host to port 22 with only what it states', () => {
    const h = only('hosts: { h: { address: h, platform: p, username: u, jump_host: { address: j } } }');
    expect(h.jumpHost).toEqual({
      name: 'j',
      address: 'j',
      port: 22,
      credentials: {},
      connectTimeoutMs: 10_000,
      legacyAlgorithms: false,
    });
  });
});

describe('YAML features', () => {
  it('supports anchors and merge keys inside the known sections', () => {
    const inv = parse(`
groups:
  base: &base { platform: p, connection: { command_timeout: 90 } }
  copy: { <<: *base, description: copied }
hosts:
  a: { address: a, groups: [copy] }
`);
    expect(inv.hosts[0]).toMatchObject({ platform: 'p', connection: { commandTimeoutMs: 90_000 } });
    expect(inv.groups.map((g) => g.description)).toEqual([undefined, 'copied']);
  });

  it('refuses top-level keys other than defaults, groups and hosts', () => {
    expect(failure(() => parse('x-creds: &c { username: u }\nhosts: {}\n')).lines).toEqual([
      'inv.yaml:1: x-creds: unknown key — expected one of: defaults, groups, hosts',
    ]);
  });

  it('refuses several YAML documents in one file', () => {
    const { lines } = failure(() => parse('hosts: {}\n---\nhosts: {}\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^inv\.yaml:2: YAML syntax error: .*multiple documents.* — fix the YAML at this line$/,
    );
  });
});
