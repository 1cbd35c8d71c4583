import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LabDevice, LabDeviceSpec } from '../../../src/lab/index.js';
import { inventoryYaml } from '../../../src/lab/inventory.js';

const key = { type: 'ssh-ed25519', fingerprint: 'SHA256:x', knownHostsLine: 'x' };
const device = (
  name: string,
  platform: string,
  port: number,
  transport: 'ssh' | 'telnet' = 'ssh',
): LabDevice => ({
  name,
  platform,
  transport,
  address: '127.0.0.1',
  port,
  hostKey: key,
});

describe('inventoryYaml', () => {
  const devices = [device('xr-001', 'cisco_xr', 2001), device('eos-001', 'arista_eos', 2002, 'telnet')];
  const specs: LabDeviceSpec[] = [
    { name: 'xr-001', platform: 'cisco_xr', fault: 'hang' },
    { name: 'eos-001', platform: 'arista_eos', transport: 'telnet', legacyOnly: true },
  ];

  it('writes the inventory format: defaults, platform and role groups, hosts', () => {
    const text = inventoryYaml(devices, specs);
    expect(text.split('\n')[0]).toBe('# netrun lab inventory: 2 simulated devices on 127.0.0.1.');
    expect(text).toContain('host_key_check: "off"');
    expect(parse(text)).toEqual({
      defaults: {
        username: 'netrun',
        password: `\${env:NETRUN_LAB_PASSWORD}`,
        enable_secret: `\${env:NETRUN_LAB_ENABLE}`,
        connection: { connect_timeout: 10, command_timeout: 30, host_key_check: 'off' },
      },
      groups: {
        cisco_xr: { description: 'Cisco IOS XR router (lab)', platform: 'cisco_xr' },
        arista_eos: { description: 'Arista EOS switch (lab)', platform: 'arista_eos' },
        'core-routers': { description: 'Core routers (lab)', data: { role: 'core' } },
        'edge-switches': { description: 'Edge switches and routers (lab)', data: { role: 'edge' } },
      },
      hosts: {
        'xr-001': {
          address: '127.0.0.1',
          port: 2001,
          groups: ['cisco_xr', 'core-routers'],
          data: { site: 'ams', lab_fault: 'hang' },
        },
        'eos-001': {
          address: '127.0.0.1',
          port: 2002,
          groups: ['arista_eos', 'edge-switches'],
          transport: 'telnet',
          connection: { legacy_algorithms: true },
          data: { site: 'fra' },
        },
      },
    });
  });

  it('can write the lab credentials literally', () => {
    const inv = parse(inventoryYaml(devices, specs, { literalCredentials: true })) as {
      defaults: Record<string, string>;
    };
    expect(inv.defaults.password).toBe('netrun-lab');
    expect(inv.defaults.enable_secret).toBe('netrun-enable');
  });
});
