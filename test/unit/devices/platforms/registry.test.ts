import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlatformRegistry, parsePlatformFile } from '../../../../src/devices/platforms/registry.js';
import { isNetrunError } from '../../../../src/errors.js';

const MINIMAL = `name: acme_os
channel: shell
modes:
  - name: exec
    prompt: '^(?<base>[a-z0-9-]+)>\\s?$'
defaultMode: exec
`;

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('platform registry', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netrun-platforms-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the six built-in platforms and the cisco_xe alias', async () => {
    const registry = await loadPlatformRegistry();
    expect(registry.names()).toEqual([
      'arista_eos',
      'cisco_ios',
      'cisco_nxos',
      'cisco_xr',
      'juniper_junos',
      'linux',
    ]);
    expect(registry.get('cisco_xe').name).toBe('cisco_ios');
    expect(registry.get('linux').channel).toBe('exec');
  });

  it('an unknown platform is PLATFORM_UNKNOWN listing the known ones', async () => {
    const registry = await loadPlatformRegistry();
    const error = thrown(() => registry.get('cisco_asa'));
    expect(isNetrunError(error, 'PLATFORM_UNKNOWN')).toBe(true);
    expect(error.message).toContain('"cisco_asa"');
    expect(error.message).toContain('arista_eos, cisco_ios, cisco_nxos, cisco_xr, juniper_junos, linux');
  });

  it('adds user platforms from a folder, and a user file replaces a built-in of the same name', async () => {
    await writeFile(join(dir, 'acme_os.yaml'), MINIMAL);
    await writeFile(join(dir, 'linux.yaml'), MINIMAL.replace('acme_os', 'linux'));
    const registry = await loadPlatformRegistry({ userDir: dir });
    expect(registry.get('acme_os').modes[0]!.prompt.test('edge-1>')).toBe(true);
    expect(registry.get('linux').source).toBe(join(dir, 'linux.yaml'));
  });

  it('a missing user folder is FILE_UNREADABLE naming it', async () => {
    await expect(loadPlatformRegistry({ userDir: join(dir, 'nope') })).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining(join(dir, 'nope')),
    });
  });

  it('a bad file stops loading with PLATFORM_INVALID naming the file and the path in it', async () => {
    await writeFile(
      join(dir, 'acme_os.yaml'),
      MINIMAL.replace("'^(?<base>[a-z0-9-]+)>\\s?$'", "'^(unclosed'"),
    );
    await expect(loadPlatformRegistry({ userDir: dir })).rejects.toMatchObject({
      code: 'PLATFORM_INVALID',
      message: expect.stringMatching(/acme_os\.yaml: modes\[0\]\.prompt: not a valid regular expression/),
    });
  });

  const bad: [string, string, RegExp][] = [
    ['an unknown key (typo)', `${MINIMAL}pagerr: {}\n`, /\(top level\): Unrecognized key: "pagerr"/i],
    [
      'a transition to an unknown mode',
      `${MINIMAL}transitions:\n  - { from: exec, to: enable, command: enable }\n`,
      /transitions\[0\]\.to: unknown mode "enable" \(modes: exec\)/,
    ],
    ['a wrong channel kind', MINIMAL.replace('channel: shell', 'channel: pty'), /channel: /],
    [
      'an answer with neither text nor secret',
      `${MINIMAL}transitions:\n  - { from: exec, to: exec, command: x, answers: [{ prompt: 'a' }] }\n`,
      /transitions\[0\]\.answers\[0\]: give exactly one of/,
    ],
    [
      'a name that is not the file name',
      MINIMAL.replace('name: acme_os', 'name: other_os'),
      /name: "other_os" must match the file name \("acme_os"\)/,
    ],
    ['YAML syntax', 'name: [unclosed\n', /acme_os\.yaml: line \d+: not valid YAML/],
  ];
  for (const [what, text, message] of bad) {
    it(`rejects ${what}`, () => {
      const error = thrown(() => parsePlatformFile(text, '/etc/netrun/platforms/acme_os.yaml'));
      expect(isNetrunError(error, 'PLATFORM_INVALID')).toBe(true);
      expect(error.message).toMatch(/^\/etc\/netrun\/platforms\/acme_os\.yaml/);
      expect(error.message).toMatch(message);
    });
  }

  it('an alias that collides with another platform is PLATFORM_INVALID', async () => {
    await writeFile(join(dir, 'acme_os.yaml'), `${MINIMAL}aliases: [cisco_xe]\n`);
    await expect(loadPlatformRegistry({ userDir: dir })).rejects.toMatchObject({
      code: 'PLATFORM_INVALID',
      message: expect.stringContaining('"cisco_xe" is already the name or an alias of platform "cisco_ios"'),
    });
  });
});
