import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/redaction/index.js';
import { expectRedacted, readConfig } from './helpers.js';

const redactor = createRedactor();

/** Every secret in each fixture, written out by hand so a rule that stops matching fails here. */
const SECRETS: Record<string, readonly string[]> = {
  'cisco_ios.txt': [
    '$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
    '$9$Ghj3kLmN0pQrSt$uVwXyZ0123456789abcdefABCDEFghijklmnopqrsTU',
    '0822455D0A165A4B1F',
    'Plaintext-Legacy-1',
    '104D000A0618',
    'Isakmp-PSK-9x7Q',
    'Ikev2-Local-77aZ',
    'Ikev2-Remote-88bY',
    '1511021F07257A767B',
    '06070E2F4D5A1A0D',
    '13061E010803AB',
    '02050D480809FF',
    'Rtr0Comm-RO',
    'Rtr0Comm-RW',
    'Trap-Comm-42',
    'AuthPass-v3-A',
    'PrivPass-v3-B',
    '094F471A1A0A464058',
    '045802150C2E1D1C5A',
    'Radius-Plain-Key-5',
    '01100F175804575D72',
    '0508571C22431F5B4A',
    'Vty-Plain-Pass-2',
    'NtpKey-Plain-3',
    '0007021F0B4E4D5C',
    '110A1016141D5A5E57',
  ],
  'cisco_nxos.txt': [
    '$5$KHDPAL$Nx0sAdminHashValue12345678.abcdefghijklmnopq',
    '$5$ABCDEF$NxNetopsHash0987654321zyxwvut.srqponmlkjihgfedc',
    'Nxos-Tac-Key-1',
    'Nxos-Tac-Host-Key-2',
    'Nxos-Rad-Key-3',
    '0x5a1c8e2d4f6b7a9c0d1e2f3a4b5c6d7e',
    '0x0f9e8d7c6b5a49382716051413121110',
    'Nxos-Trap-Comm',
    'Nxos-Comm-RO',
    '075e731f1a5c4f524f43',
    'Nxos-Ospf-Key-3',
    'Nxos-Md5-Key-4',
    'Nxos-Bgp-Pw-5',
  ],
  'cisco_xr.txt': [
    '$6$Xr0Salt1$XrNetopsHashValueABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklm/',
    '0822455D0A16544541',
    '1511021F0725267A79',
    '02050D4808095E731F',
    '094F471A1A0A5A4B53',
    '13061E0108030F0D1E',
    '0508571C22431F1A2B',
    'Xr-Comm-RO',
    'Xr-Trap-Comm',
    '104D000A061843595F',
    '060506324F41584B56',
  ],
  'arista_eos.txt': [
    '$6$EosSalt01$EosAdminHashAbCdEfGhIjKlMnOpQrStUvWxYz0123456789.abcdefghijklmnopqrstu',
    '$6$EosSalt02$EosNetopsHashZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210.zyxwvutsrqponmlkji',
    '$1$EosMd5$Ab3dEf6hIj9kLm2nOp5qR/',
    '$6$EosEnable$EosEnableHashQwErTyUiOpAsDfGhJkLzXcVbNm0123456789.qwertyuiopasdfghjkl',
    '070E33455D1D18544541',
    '0207165218120E1B3C',
    '13061E0108031E1A2D',
    'Eos-Comm-RO',
    'Eos-Trap-Comm',
    '0xa1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    '0x1a2b3c4d5e6f708192a3b4c5d6e7f801',
    '0A5B1F0C1A4B2C',
    '1107121D0A1F5A3D',
    'Qx8u1J7JqaqG4kfbRzKpqw==',
  ],
};

const JUNOS_SECRETS = [
  '$6$JnRoot01$JunosRootHashAbCdEfGhIjKlMnOpQrStUvWxYz0123456789.abcdefghijklmnopqrstu',
  '$6$JnOps001$JunosNetopsHashZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210.zyxwvutsrqponm',
  '$9$Hk5FCtpB1hrvWxdbYgJUjHq.f3nCA0IEc',
  '$9$dkb2aUjHmTQ3HqmTz6Ap0O1hSeK8X-7Vw',
  '$9$QnF/3/tpOIc4aRhrKMX-Vb2gaZGjH.fT',
  'Jn-Comm-RO',
  '$9$mPz6CtOBIcrvLEhSrlMWxaZjkqf5F39tu',
  '$9$7k-VwYgJDkqfUjqmTF/9LxNdsgoGUiHmP',
  '$9$aXGjq.5F/Cu69pOReK8X-dsYoJGDkqPfz',
];
SECRETS['juniper_junos.conf'] = JUNOS_SECRETS;
SECRETS['juniper_junos.set'] = JUNOS_SECRETS;

describe('redaction of running configurations, per platform', () => {
  for (const [name, secrets] of Object.entries(SECRETS)) {
    it(`${name}: every secret is masked, every other line is unchanged`, () => {
      const original = readConfig(name);
      expectRedacted(original, redactor.redact(original), secrets);
    });
  }

  it('keeps the keyword and type so engineers still see what is configured (IOS)', () => {
    const lines = redactor.redact(readConfig('cisco_ios.txt')).split('\n');
    expect(lines).toContain('enable secret 9 <redacted>');
    expect(lines).toContain('username backup privilege 1 password 7 <redacted>');
    expect(lines).toContain(' standby 1 authentication md5 key-string 7 <redacted>');
    expect(lines).toContain(' neighbor 192.0.2.2 password 7 <redacted>');
    expect(lines).toContain('crypto isakmp key <redacted> address 198.51.100.7');
    expect(lines).toContain('snmp-server community <redacted> RO 10');
    expect(lines).toContain(
      'snmp-server user snmpadmin SNMPV3-GROUP v3 auth sha <redacted> priv aes 128 <redacted>',
    );
    expect(lines).toContain('ntp authentication-key 1 md5 <redacted> 7');
    // `key 1` of a key chain is an index, not the shared key of a tacacs/radius block.
    expect(lines).toContain(' key 1');
  });

  it('keeps quotes, the closing `;` and Junos SECRET-DATA comments', () => {
    const lines = redactor.redact(readConfig('juniper_junos.conf')).split('\n');
    expect(lines).toContain('        encrypted-password "<redacted>"; ## SECRET-DATA');
    expect(lines).toContain('        10.10.10.41 secret "<redacted>"; ## SECRET-DATA');
    expect(lines).toContain('        authentication-key 1 type md5 value "<redacted>"; ## SECRET-DATA');
    expect(lines).toContain('    community <redacted> {');
    // A routing-policy community is configuration, not an SNMP community string.
    expect(lines).toContain('    community BLACKHOLE members 65535:666;');
  });

  it('NX-OS keeps the quotes around tacacs keys and the words after the hash', () => {
    const lines = redactor.redact(readConfig('cisco_nxos.txt')).split('\n');
    expect(lines).toContain('tacacs-server host 10.10.10.40 key 7 "<redacted>"');
    expect(lines).toContain('radius-server host 10.10.10.41 key 7 "<redacted>" authentication accounting');
    expect(lines).toContain('username admin password 5 <redacted>  role network-admin');
    expect(lines).toContain('snmp-server host 10.10.10.60 use-vrf management');
  });

  it('IOS XR masks `key` lines inside tacacs/radius/server-private blocks only', () => {
    const lines = redactor.redact(readConfig('cisco_xr.txt')).split('\n');
    expect(lines.filter((l) => /^ +key 7 <redacted>$/.test(l))).toHaveLength(3);
    expect(lines).toContain('  key-string password <redacted>');
    expect(lines).toContain(' lsp-password keychain ISIS-KEYS');
  });
});

describe('redaction of Linux host output', () => {
  const original = readConfig('linux.txt');
  const redacted = redactor.redact(original);

  function privateKeyBodies(text: string): string[] {
    const bodies = text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----\n[\s\S]*?\n-----END/g) ?? [];
    return bodies.flatMap((b) => b.split('\n').slice(1, -1)).filter((l) => l.trim() !== '');
  }

  it('masks shadow hashes, env secrets and every line of private keys', () => {
    const keyLines = privateKeyBodies(original);
    expect(keyLines.length).toBeGreaterThan(10);
    expectRedacted(original, redacted, [
      '$6$Lx0Rq2wT$Zr8cQm1vN4pB7sK2dF5gH9jL3aS6dF8gH1jK4lZ7xC0vB3nM6qW9eR2tY5uI8oP1aS4dF7gH0jK3lZ6xC9vB2n.',
      '$y$j9T$Qm3nP7vR2xZ8$wK5tH1cJ9bL4dF6gS0aV3eN8rU2yI7oM1pX5zC4qT9u',
      '$6$Bk9pQ2rS$Lm4nO7pQ1rS4tU7vW0xY3zA6bC9dE2fG5hI8jK1lM4nO7pQ0rS3tU6vW9xY2zA5bC8dE1fG4hI7jK0lM3nO.',
      ':Ab3dE6hI9kL2n:',
      'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
      '8f14e45fceea167a5a36dedd4bea2543',
      'Lab-Env-Pass-9',
      ...keyLines,
    ]);
  });

  it('keeps the BEGIN/END lines, blank lines inside the key, and public certificates', () => {
    const lines = redacted.split('\n');
    expect(lines).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(lines).toContain('-----END RSA PRIVATE KEY-----');
    expect(lines[lines.indexOf('-----BEGIN RSA PRIVATE KEY-----') + 3]).toBe('');
    expect(lines).toContain('MIIBszCCAVmgAwIBAgIUQ7vZ1+Xy0c3Jz0bT5x8QmYbK4XwwCgYIKoZIzj0EAwIw');
    expect(lines).toContain('daemon:*:19472:0:99999:7:::');
    expect(lines).toContain('NETRUN_DB=/var/lib/netrun/netrun.db');
  });

  it('masks a private key cut off before its END line, to the end of the output', () => {
    const cut = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBo2\n  AwEHoUQDQgAE\n';
    expect(redactor.redact(cut)).toBe('-----BEGIN EC PRIVATE KEY-----\n<redacted>\n  <redacted>\n');
  });
});
