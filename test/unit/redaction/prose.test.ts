import { describe, expect, it } from 'vitest';
import { createRedactor, redactText } from '../../../src/redaction/index.js';
import { readConfig } from './helpers.js';

/** Lines that mention a secret keyword without holding a secret: each must come out unchanged. */
const PROSE = [
  'r1#show running-config | include password',
  'r1#show run | include secret|key',
  'r1#show run | section tacacs',
  'no service password-encryption',
  'service password-encryption',
  ' description reset password for lab users',
  ' 10 remark allow password vault',
  'security passwords min-length 10',
  'password encryption aes',
  'feature password encryption aes',
  'no password strength-check',
  'aaa authentication password-prompt "Password please: "',
  'Password:',
  '% Bad secrets',
  '! password changed by netops on 2024-03-05',
  'user@mx> show configuration | display set | match "secret|password"',
  'set interfaces ge-0/0/0 description "reset password for lab"',
  '    description "reset password for lab";',
  'netops@jump-01:~$ grep -i password /etc/ssh/sshd_config',
  'PasswordAuthentication no',
  'crypto key generate rsa modulus 2048',
  'key chain OSPF-KEYS',
  ' key 1',
  ' tunnel key 100',
  'ip ssh pubkey-chain',
  '    community BLACKHOLE members 65535:666;',
  ' lsp-password keychain ISIS-KEYS',
  'snmp-server host 10.10.10.60 use-vrf management',
  'snmp-server enable traps',
  'Enter configuration commands, one per line.  End with CNTL/Z.',
  '%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 10.0.0.9] [Reason: Login Authentication Failed - BadPassword]',
];

describe('prose that mentions a keyword', () => {
  const redactor = createRedactor();

  for (const line of PROSE) {
    it(`leaves ${JSON.stringify(line)} unchanged`, () => {
      expect(redactor.redact(line)).toBe(line);
    });
  }

  it('leaves the same lines unchanged inside a longer output with CRLF line ends', () => {
    const text = `${PROSE.join('\r\n')}\r\n`;
    expect(redactor.redact(text)).toBe(text);
  });
});

describe('redactText', () => {
  it('uses the built-in rules', () => {
    expect(redactText('enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n')).toBe(
      'enable secret 5 <redacted>\n',
    );
  });

  it('works on CRLF output and keeps the \\r', () => {
    expect(redactText('snmp-server community Pub1ic RO\r\nhostname r1\r\n')).toBe(
      'snmp-server community <redacted> RO\r\nhostname r1\r\n',
    );
  });

  it('is idempotent: masking a masked text changes nothing', () => {
    for (const name of ['cisco_ios.txt', 'juniper_junos.conf', 'linux.txt']) {
      const once = redactText(readConfig(name));
      expect(redactText(once)).toBe(once);
    }
  });
});
