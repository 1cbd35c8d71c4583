import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_RULES,
  createRedactor,
  parseRedactionConfig,
  parseRedactionYaml,
} from '../../../src/redaction/index.js';
import { failure } from './helpers.js';

describe('configured rules', () => {
  it('adds a rule that masks one numbered group', () => {
    const redactor = createRedactor({
      rules: [{ id: 'vendor-api-key', pattern: String.raw`^api-key (\S+)`, replace: 1 }],
    });
    expect(redactor.redact('api-key ABC123 scope read\napi-keys 3')).toBe(
      'api-key <redacted> scope read\napi-keys 3',
    );
  });

  it('masks named groups and several groups per match, keeping the text between them', () => {
    const redactor = createRedactor({
      rules: [
        {
          id: 'ldap-bind',
          pattern: String.raw`bind-dn (?<dn>\S+) bind-pw (\S+)`,
          replace: ['dn', 2],
        },
      ],
    });
    expect(redactor.redact('ldap bind-dn cn=svc bind-pw hunter2 port 636')).toBe(
      'ldap bind-dn <redacted> bind-pw <redacted> port 636',
    );
  });

  it('honours flags (case-insensitive here) and the whole match as group 0', () => {
    const redactor = createRedactor({
      rules: [{ id: 'otp', pattern: 'OTP-[0-9]{6}', flags: 'i', replace: 0 }],
    });
    expect(redactor.redact('code otp-123456 and OTP-654321')).toBe('code <redacted> and <redacted>');
  });

  it('uses the configured mask everywhere', () => {
    const redactor = createRedactor({ mask: '***' });
    expect(redactor.redact('enable secret 9 $9$abc$def\n key 7 0822\n')).toBe(
      'enable secret 9 ***\n key 7 0822\n',
    );
  });

  it('switches built-in rules off by id', () => {
    const redactor = createRedactor({ disable: ['snmp-community'] });
    expect(redactor.redact('snmp-server community LabPublic RO')).toBe('snmp-server community LabPublic RO');
    expect(redactor.redact('enable secret 0 plain')).toBe('enable secret 0 <redacted>');
    expect(redactor.rules.map((r) => r.id)).not.toContain('snmp-community');
  });

  it('lists the rules in the order they run, built-ins first', () => {
    const redactor = createRedactor({ rules: [{ id: 'mine', pattern: 'x(y)', replace: 1 }] });
    expect(redactor.rules.map((r) => r.id)).toEqual([...BUILT_IN_RULES.map((r) => r.id), 'mine']);
    expect(redactor.rules.at(-1)).toEqual({
      id: 'mine',
      description: '',
      builtIn: false,
      pattern: 'x(y)',
      flags: 'm',
    });
    expect(redactor.rules.every((r, i) => r.builtIn === i < BUILT_IN_RULES.length)).toBe(true);
  });
});

describe('bad redaction settings name the rule and say what to do', () => {
  it('an invalid regular expression', () => {
    const e = failure(() => createRedactor({ rules: [{ id: 'broken', pattern: '(unclosed', replace: 1 }] }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.lines).toHaveLength(1);
    expect(e.lines[0]).toMatch(
      /^rule "broken": pattern is not a valid regular expression: .*Unterminated group/,
    );
    expect(e.hint).toBe('fix the redaction rules named above, or remove them');
  });

  it('a group number the pattern does not have', () => {
    const e = failure(() =>
      createRedactor({ rules: [{ id: 'too-far', pattern: 'key (\\S+)', replace: 2 }] }),
    );
    expect(e.lines).toEqual([
      'rule "too-far": replace: group 2 does not exist — the pattern has 1 capture group; use a number from 0 to 1, or add a group (…) around the secret',
    ]);
  });

  it('a group name the pattern does not have', () => {
    const e = failure(() =>
      createRedactor({ rules: [{ id: 'named', pattern: 'key (?<value>\\S+)', replace: 'secret' }] }),
    );
    expect(e.lines).toEqual([
      'rule "named": replace: no capture group is named "secret" — the pattern names "value"',
    ]);
  });

  it('a pattern that matches the empty text', () => {
    const e = failure(() =>
      createRedactor({ rules: [{ id: 'greedy', pattern: 'token=(\\S*)|', replace: 1 }] }),
    );
    expect(e.lines[0]).toMatch(/^rule "greedy": pattern matches an empty text/);
  });

  it('several problems at once, with a count line', () => {
    const e = failure(() =>
      createRedactor({
        disable: ['snmp-comunity'],
        rules: [
          { id: 'secret', pattern: 'a(b)', replace: 1 },
          { id: 'twice', pattern: 'a(b)', replace: 1 },
          { id: 'twice', pattern: 'c(d)', replace: 1 },
        ],
      }),
    );
    expect(e.lines).toEqual([
      'the redaction settings have 3 problems:',
      'disable: no built-in rule is called "snmp-comunity" — did you mean "snmp-community"?',
      'rule "secret": the id is taken by a built-in rule — choose another id (and list "secret" under disable: to replace it)',
      'rule "twice": the id is used twice — give each rule its own id',
    ]);
  });

  it('unknown keys and missing fields (strict schema), with the rule id in the path', () => {
    const e = failure(() =>
      parseRedactionConfig({ rules: [{ id: 'typo', pattern: 'a(b)', replce: 1 }] }, 'netrun.yaml'),
    );
    expect(e.lines[0]).toBe('netrun.yaml has 2 problems:');
    expect(e.lines).toContain(
      'netrun.yaml: rules[0] (rule "typo"): unknown key "replce" — expected one of: id, description, pattern, flags, replace',
    );
    expect(e.lines.some((l) => l.startsWith('netrun.yaml: rules[0] (rule "typo").replace: '))).toBe(true);
  });

  it('flags that would change how rules run', () => {
    const e = failure(() =>
      parseRedactionConfig({ rules: [{ id: 'sticky', pattern: 'a(b)', flags: 'gy', replace: 1 }] }),
    );
    expect(e.lines).toEqual([
      'redaction settings: rules[0] (rule "sticky").flags: expected flags made of i, m, s, u, v (g and d are always added)',
    ]);
  });

  it('an unknown top-level key', () => {
    const e = failure(() => parseRedactionConfig({ rule: [] }));
    expect(e.lines).toEqual([
      'redaction settings: unknown key "rule" — expected one of: rules, disable, mask',
    ]);
  });
});

describe('parseRedactionYaml', () => {
  it('reads rules from YAML', () => {
    const config = parseRedactionYaml(
      [
        'disable: [crypt-hash]',
        'rules:',
        '  - id: vendor-api-key',
        "    pattern: '^api-key (\\S+)'",
        '    replace: 1',
      ].join('\n'),
    );
    expect(config).toEqual({
      disable: ['crypt-hash'],
      mask: '<redacted>',
      rules: [{ id: 'vendor-api-key', pattern: '^api-key (\\S+)', flags: 'm', replace: 1 }],
    });
    expect(createRedactor(config).redact('api-key K1')).toBe('api-key <redacted>');
  });

  it('treats an empty file as no settings', () => {
    expect(parseRedactionYaml('')).toEqual({ rules: [], disable: [], mask: '<redacted>' });
  });

  it('names the file on a YAML syntax error', () => {
    const e = failure(() => parseRedactionYaml('rules: [\n  - id: x', 'redaction.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.lines[0]).toMatch(/^redaction\.yaml: YAML syntax error: /);
  });
});
