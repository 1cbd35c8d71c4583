import { describe, expect, it } from 'vitest';
import { loadPlatformRegistry } from '../../../src/devices/index.js';
import { configStyleFrom } from '../../../src/push/index.js';
import { makeHost } from '../../helpers/make-host.js';

describe('configStyleFrom', () => {
  it('reads config.style from the platform files; indented when a platform has none or is unknown', async () => {
    const styleOf = configStyleFrom(await loadPlatformRegistry());
    const style = (platform: string) => styleOf({ ...makeHost('r1'), platform });
    expect(style('juniper_junos')).toBe('set');
    expect(style('junos')).toBe('set');
    for (const platform of ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos'])
      expect(style(platform)).toBe('indented');
    expect(style('linux')).toBe('indented');
    expect(style('no_such_platform')).toBe('indented');
  });
});
