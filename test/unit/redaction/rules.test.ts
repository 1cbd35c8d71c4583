import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, createRedactor } from '../../../src/redaction/index.js';

/** For each built-in rule: lines it must mask (input → output) with every other rule switched off. */
const EXAMPLES: Record<string, Array<[string, string]>> = {
  'private-key': [
    [
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\n<redacted>\n-----END PRIVATE KEY-----',
    ],
  ],
  'enable-secret': [
    ['enable secret 9 $9$nhEm$X.Hs', 'enable secret 9 <redacted>'],
    ['enable secret level 15 5 $1$abc$def', 'enable secret level 15 5 <redacted>'],
    ['enable password sha512 $6$x$y', 'enable password sha512 <redacted>'],
  ],
  'username-secret': [
    ['username netops privilege 15 secret 9 $9$a$b', 'username netops privilege 15 secret 9 <redacted>'],
    [
      'username admin password 5 $5$K$N  role network-admin',
      'username admin password 5 <redacted>  role network-admin',
    ],
    [
      'username ops role network-admin secret sha512 $6$s$h',
      'username ops role network-admin secret sha512 <redacted>',
    ],
  ],
  secret: [
    [' secret 10 $6$Xr0$hash', ' secret 10 <redacted>'],
    [
      '    10.10.10.41 secret "$9$dkb2"; ## SECRET-DATA',
      '    10.10.10.41 secret "<redacted>"; ## SECRET-DATA',
    ],
    ['aaa root secret sha512 $6$a$b', 'aaa root secret sha512 <redacted>'],
  ],
  password: [
    [' password 7 0822455D0A16', ' password 7 <redacted>'],
    [' password Vty-Plain', ' password <redacted>'],
    [' neighbor 192.0.2.2 password 7 02050D48', ' neighbor 192.0.2.2 password 7 <redacted>'],
    ['  password encrypted 060506324F41', '  password encrypted <redacted>'],
    [' isis password IsisPw level-2', ' isis password <redacted> level-2'],
    ['area-password AreaPw', 'area-password <redacted>'],
  ],
  'encrypted-password': [
    ['encrypted-password "$6$abc$def"; ## SECRET-DATA', 'encrypted-password "<redacted>"; ## SECRET-DATA'],
  ],
  'snmp-community': [
    ['snmp-server community Pub1ic RO 10', 'snmp-server community <redacted> RO 10'],
    [
      'set snmp community Pub1ic authorization read-only',
      'set snmp community <redacted> authorization read-only',
    ],
  ],
  'junos-snmp-community': [['    community Pub1ic {', '    community <redacted> {']],
  'snmp-host-community': [
    [
      'snmp-server host 10.0.0.9 traps version 2c TrapC',
      'snmp-server host 10.0.0.9 traps version 2c <redacted>',
    ],
    [
      'snmp-server host 10.0.0.9 vrf MGMT version 2c TrapC',
      'snmp-server host 10.0.0.9 vrf MGMT version 2c <redacted>',
    ],
  ],
  'snmp-user-auth': [
    [
      'snmp-server user u g v3 auth sha AuthK priv aes 128 PrivK',
      'snmp-server user u g v3 auth sha <redacted> priv aes 128 PrivK',
    ],
  ],
  'snmp-user-priv': [
    [
      'snmp-server user u g v3 auth sha AuthK priv aes 128 PrivK',
      'snmp-server user u g v3 auth sha AuthK priv aes 128 <redacted>',
    ],
    [
      'snmp-server user a network-admin auth md5 0x5a priv 0x0f localizedkey',
      'snmp-server user a network-admin auth md5 0x5a priv <redacted> localizedkey',
    ],
  ],
  'aaa-server-key': [
    ['tacacs-server key 7 0458', 'tacacs-server key 7 <redacted>'],
    [
      'radius-server host 10.0.0.1 key 7 "RadK" authentication',
      'radius-server host 10.0.0.1 key 7 "<redacted>" authentication',
    ],
    [' server-private 10.0.0.4 key 7 0007', ' server-private 10.0.0.4 key 7 <redacted>'],
    [' client 10.0.0.5 server-key 7 110A', ' client 10.0.0.5 server-key 7 <redacted>'],
  ],
  'aaa-server-block-key': [
    [
      'tacacs server T1\n address ipv4 10.0.0.1\n key 7 094F',
      'tacacs server T1\n address ipv4 10.0.0.1\n key 7 <redacted>',
    ],
    ['radius server R1\n key RadPlain', 'radius server R1\n key <redacted>'],
    [
      ' server-private 10.0.0.4 port 49\n  key 7 1511',
      ' server-private 10.0.0.4 port 49\n  key 7 <redacted>',
    ],
  ],
  'key-string': [
    ['  key-string 7 104D000A0618', '  key-string 7 <redacted>'],
    [
      ' standby 1 authentication md5 key-string 7 0607',
      ' standby 1 authentication md5 key-string 7 <redacted>',
    ],
    ['  key-string password 0508', '  key-string password <redacted>'],
  ],
  'pre-shared-key': [
    ['  pre-shared-key local LocalK', '  pre-shared-key local <redacted>'],
    [' pre-shared-key address 203.0.113.9 key AddrK', ' pre-shared-key address 203.0.113.9 key <redacted>'],
    [
      '    pre-shared-key ascii-text "$9$aX"; ## SECRET-DATA',
      '    pre-shared-key ascii-text "<redacted>"; ## SECRET-DATA',
    ],
    [' authentication remote pre-share key RemoteK', ' authentication remote pre-share key <redacted>'],
  ],
  'isakmp-key': [
    ['crypto isakmp key 6 IsaK address 198.51.100.7', 'crypto isakmp key 6 <redacted> address 198.51.100.7'],
  ],
  'authentication-key': [
    [' ip ospf authentication-key 7 1306', ' ip ospf authentication-key 7 <redacted>'],
    ['ntp authentication-key 1 md5 NtpK 7', 'ntp authentication-key 1 md5 <redacted> 7'],
    [
      '    authentication-key 1 type md5 value "$9$Qn"; ## SECRET-DATA',
      '    authentication-key 1 type md5 value "<redacted>"; ## SECRET-DATA',
    ],
    [
      'set protocols bgp group CORE authentication-key "$9$mP"',
      'set protocols bgp group CORE authentication-key "<redacted>"',
    ],
    ['  level 2 hello-authentication-key "$9$zz";', '  level 2 hello-authentication-key "<redacted>";'],
  ],
  'message-digest-key': [
    [' ip ospf message-digest-key 1 md5 7 1511', ' ip ospf message-digest-key 1 md5 7 <redacted>'],
    ['   message-digest-key 1 md5 encrypted 104D', '   message-digest-key 1 md5 encrypted <redacted>'],
  ],
  'junos-secret-9': [['md5 1 key "$9$7k-VwYgJ";', 'md5 1 key "<redacted>";']],
  'crypt-hash': [['hash is $6$salt$abcdef.ghi/ here', 'hash is <redacted> here']],
  'shadow-hash': [
    ['legacy:Ab3dE6hI9kL2n:19000:0:99999:7:::', 'legacy:<redacted>:19000:0:99999:7:::'],
    ['root:$6$s$h:19784:0:99999:7:::', 'root:<redacted>:19784:0:99999:7:::'],
  ],
  'key-value-secret': [
    ['SLACK_BOT_TOKEN=xoxb-123', 'SLACK_BOT_TOKEN=<redacted>'],
    ["export DB_PASSWORD='p w'", "export DB_PASSWORD='<redacted>'"],
    ['api_key = "abc"', 'api_key = "<redacted>"'],
  ],
};

describe('each built-in rule on its own', () => {
  it('has examples for every built-in rule', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(BUILT_IN_RULES.map((r) => r.id).sort());
  });

  for (const rule of BUILT_IN_RULES) {
    const alone = () =>
      createRedactor({ disable: BUILT_IN_RULES.map((r) => r.id).filter((id) => id !== rule.id) });
    it(`${rule.id}: ${rule.description}`, () => {
      const redactor = alone();
      expect(redactor.rules.map((r) => r.id)).toEqual([rule.id]);
      for (const [input, output] of EXAMPLES[rule.id] ?? []) expect(redactor.redact(input)).toBe(output);
    });
  }
});
