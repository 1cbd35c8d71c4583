import { describe, expect, it } from 'vitest';
import { SetConfig } from '../../../../src/lab/engine/set-config.js';

const braces = {
  pairs: ['unit', 'family', 'user'],
  values: ['host-name', 'description', 'address', 'uid'],
  indent: 4,
};
const single = [
  ['system', 'host-name'],
  ['interfaces', '*', 'description'],
];

const SAMPLE = `set system host-name r1
set system services ssh
set system login user netrun uid 2000
set interfaces lo0 unit 0 family inet address 10.0.0.1/32
set interfaces ge-0/0/0 description "to core"
not a set line`;

describe('SetConfig', () => {
  it('renders the brace hierarchy with pairs, values and quoting', () => {
    expect(SetConfig.parse(SAMPLE).renderBraces(braces)).toEqual([
      'system {',
      '    host-name r1;',
      '    services {',
      '        ssh;',
      '    }',
      '    login {',
      '        user netrun {',
      '            uid 2000;',
      '        }',
      '    }',
      '}',
      'interfaces {',
      '    lo0 {',
      '        unit 0 {',
      '            family inet {',
      '                address 10.0.0.1/32;',
      '            }',
      '        }',
      '    }',
      '    ge-0/0/0 {',
      '        description "to core";',
      '    }',
      '}',
    ]);
  });

  it('set replaces single values, extends statements and groups new lines with their siblings', () => {
    const c = SetConfig.parse(SAMPLE);
    c.set(['system', 'host-name', 'r2'], single);
    c.set(['system', 'services', 'ssh', 'root-login', 'deny'], single);
    c.set(['interfaces', 'ge-0/0/0', 'description', 'new'], single);
    c.set(['system', 'domain-name', 'x'], single);
    expect(c.renderSet()).toEqual([
      'set system host-name r2',
      'set system services ssh root-login deny',
      'set system login user netrun uid 2000',
      'set system domain-name x',
      'set interfaces lo0 unit 0 family inet address 10.0.0.1/32',
      'set interfaces ge-0/0/0 description new',
    ]);
  });

  it('delete removes a subtree and says whether anything was there', () => {
    const c = SetConfig.parse(SAMPLE);
    expect(c.delete(['interfaces'])).toBe(true);
    expect(c.delete(['interfaces'])).toBe(false);
    expect(c.renderSet()).toHaveLength(3);
  });

  it('shows a path relative to a prefix', () => {
    const c = SetConfig.parse(SAMPLE);
    expect(c.renderBraces(braces, ['interfaces', 'ge-0/0/0'])).toEqual(['description "to core";']);
    expect(c.renderSet(['system', 'login'])).toEqual(['set system login user netrun uid 2000']);
  });
});
