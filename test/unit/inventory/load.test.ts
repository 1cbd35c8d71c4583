// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${…} references written literally
import { describe, expect, it } from 'vitest';
import { type Host, listGroups, loadInventory } from '../../../src/inventory/index.js';
import { FIXTURES, fixture } from './helpers.js';

const env = { NETRUN_PASSWORD: 'pw', NETRUN_ENABLE: 'en', JUMP_PASSWORD: 'jp', HOME: '/home/op' };

function host(name: string): Host {
  const found = loadInventory(fixture('good.yaml'), { env }).hosts.find((h) => h.name === name);
  if (!found) throw new Error(`no host ${name} in good.yaml`);
  return found;
}

const BASTION = {
  name: 'bastion',
  address: '192.0.2.10',
  port: 22,
  credentials: {
    username: 'netrun',
    password: 'pw',
    privateKeyFile: `${FIXTURES}keys/bastion`,
    enableSecret: 'en',
  },
  connectTimeoutMs: 10_000,
  legacyAlgorithms: false,
};

describe('loadInventory(good.yaml)', () => {
  it('keeps hosts in file order and names the source', () => {
    const inventory = loadInventory(fixture('good.yaml'), { env });
    expect(inventory.source).toBe(fixture('good.yaml'));
    expect(inventory.hosts.map((h) => h.name)).toEqual(['bastion', 'r1', 'r2', 'sw1', 'sw2', 'term1']);
  });

  it('resolves a host through two levels of groups and defaults', () => {
    expect(host('r1')).toEqual({
      name: 'r1',
      address: '10.0.0.1',
      port: 2201,
      platform: 'cisco_xr',
      transport: 'ssh',
      credentials: {
        username: 'netrun',
        password: 'pw',
        privateKeyFile: '/home/op/.ssh/netrun_ed25519',
        enableSecret: 'en',
      },
      connection: {
        connectTimeoutMs: 2500,
        commandTimeoutMs: 45_000,
        hostTimeoutMs: 300_000,
        legacyAlgorithms: true,
        keepaliveIntervalMs: 0,
      },
      jumpHost: BASTION,
      groups: ['core-routers', 'ams'],
      concurrencyCaps: [
        { group: 'core-routers', limit: 10 },
        { group: 'ams', limit: 5 },
      ],
      data: { owner: 'netops', site: 'ams', region: 'eu', role: 'core', tags: ['pe', 'mpls'] },
    });
  });

  it('takes a group value before a later group: r2 is in core-routers (→ ams) then lon', () => {
    const r2 = host('r2');
    expect(r2.groups).toEqual(['core-routers', 'ams', 'lon']);
    expect(r2.data.site).toBe('ams');
    expect(r2.connection.hostKeyCheck).toBe('accept-new');
  });

  it('reads ${file:…} relative to the inventory, trailing newline trimmed', () => {
    expect(host('r2').credentials.password).toBe('s3cret-r2');
  });

  it('lets host data win over group data', () => {
    expect(host('sw1').data).toEqual({ owner: 'netops', site: 'ams-2', region: 'eu', role: 'edge' });
  });

  it('resolves an inline jump host and its ${env:…} password', () => {
    expect(host('sw2').jumpHost).toEqual({
      name: '198.51.100.7',
      address: '198.51.100.7',
      port: 2222,
      credentials: { username: 'jump', password: 'jp', privateKeyFile: '/etc/netrun/jump_key' },
      connectTimeoutMs: 10_000,
      legacyAlgorithms: false,
    });
  });

  it('lets the jump host itself ignore the inherited jump_host naming it', () => {
    expect(host('bastion').jumpHost).toBeUndefined();
    expect(host('bastion').credentials.privateKeyFile).toBe(`${FIXTURES}keys/bastion`);
  });

  it('cancels an inherited jump host with jump_host: null, and defaults telnet to port 23', () => {
    const term1 = host('term1');
    expect(term1.jumpHost).toBeUndefined();
    expect(term1.transport).toBe('telnet');
    expect(term1.port).toBe(23);
    expect(term1.concurrencyCaps).toEqual([]);
  });

  it('lists groups in file order with parents, caps and host counts through child groups', () => {
    const inventory = loadInventory(fixture('good.yaml'), { env });
    expect(listGroups(inventory)).toEqual([
      { name: 'ams', description: 'Amsterdam', parents: [], concurrency: 5, hostCount: 4 },
      { name: 'core-routers', description: 'Core routers', parents: ['ams'], concurrency: 10, hostCount: 2 },
      { name: 'edge-switches', parents: ['ams'], hostCount: 2 },
      { name: 'lon', parents: [], hostCount: 2 },
      { name: 'console', parents: [], hostCount: 1 },
      { name: 'lab', parents: [], hostCount: 1 },
    ]);
  });

  it('reads through an injected readFile (inventory and ${file:…})', () => {
    const read: string[] = [];
    const files: Record<string, string> = {
      '/srv/inv.yaml':
        'defaults: { platform: linux }\nhosts:\n  h1: { address: h1, password: "${file:pw}" }\n',
      '/srv/pw': 'from-fake-fs\n',
    };
    const readFile = (path: string) => {
      read.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`unexpected read ${path}`);
      return text;
    };
    const inventory = loadInventory('/srv/inv.yaml', { env: {}, readFile, homeDir: '/home/x' });
    expect(inventory.hosts[0]?.credentials.password).toBe('from-fake-fs');
    expect(read).toEqual(['/srv/inv.yaml', '/srv/pw']);
  });
});
