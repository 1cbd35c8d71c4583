import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  getPersonality,
  labPlatforms,
  loadPersonalities,
  validatePersonality,
} from '../../../../src/lab/personality/load.js';

const LAB_SRC = fileURLToPath(new URL('../../../../src/lab/', import.meta.url));

/** The lab's own sources (src/lab/slack is the fake Slack, another module that only lives here). */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join(LAB_SRC, 'slack')) return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('lab personalities', () => {
  it('all six load and validate, in their order', () => {
    expect(labPlatforms()).toEqual([
      'cisco_ios',
      'cisco_nxos',
      'cisco_xr',
      'arista_eos',
      'juniper_junos',
      'linux',
    ]);
    for (const p of loadPersonalities().values()) expect(p.modes[p.session.startMode]).toBeDefined();
  });

  it('the engine is platform-neutral: no platform name appears in the lab TypeScript', () => {
    const names = labPlatforms();
    for (const file of tsFiles(LAB_SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const name of names) expect(text.includes(name), `${file} mentions ${name}`).toBe(false);
    }
  });

  it('an unknown platform names the known ones', () => {
    expect(() => getPersonality('vax_vms')).toThrow(/no personality "vax_vms" \(known: cisco_ios, .*linux\)/);
  });

  it('a bad file is refused naming the file and the path inside it', () => {
    const good = parse(readFileSync(join(LAB_SRC, 'personalities', 'linux.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(() => validatePersonality({ ...good, prompts: {} }, 'x.yaml')).toThrow(
      /^lab personality x\.yaml: \(top level\): Unrecognized key/,
    );
    const session = { ...(good.session as object), startMode: 'nowhere' };
    expect(() => validatePersonality({ ...good, session }, 'x.yaml')).toThrow(
      'lab personality x.yaml: session.startMode: mode "nowhere" is not defined under modes (defined: user, root)',
    );
    const badRegex = { ...(good.interfaces as object), match: '(' };
    expect(() => validatePersonality({ ...good, interfaces: badRegex }, 'x.yaml')).toThrow(
      /interfaces\.match: must be a valid regular expression/,
    );
  });
});
