import { describe, expect, it } from 'vitest';
import { loadPlatformRegistry } from '../../../src/devices/platforms/index.js';
import { createRedactor } from '../../../src/redaction/index.js';
import { expectRedacted } from './helpers.js';

/**
 * The secrets issue 7 names, one realistic line per platform that writes it, each checked on its own
 * so a gap names the item and the platform. The per-platform running configs (platforms.test.ts)
 * check the same rules in context.
 */
const redactor = createRedactor();

type Case = [platform: string, line: string, ...secrets: string[]];

const CHECKLIST: Record<string, Case[]> = {
  'Cisco secret 5': [
    ['cisco_ios', 'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', '$1$mERr$hx5rVt7rPNoS4wqbXKX7m0'],
    [
      'cisco_ios',
      'username backup privilege 15 secret 5 $1$aBcD$Qr8sT7uV6wX5yZ4a3B2c1/',
      '$1$aBcD$Qr8sT7uV6wX5yZ4a3B2c1/',
    ],
    [
      'cisco_nxos',
      'username admin password 5 $5$KHDPAL$Nx0sAdminHash12345678  role network-admin',
      '$5$KHDPAL$Nx0sAdminHash12345678',
    ],
    [
      'arista_eos',
      'username svc privilege 1 role network-operator secret 5 $1$EosMd5$Ab3dEf6hIj9kLm2nOp5qR/',
      '$1$EosMd5$Ab3dEf6hIj9kLm2nOp5qR/',
    ],
  ],
  'Cisco secret 8': [
    [
      'cisco_ios',
      'enable secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs',
      '$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs',
    ],
    [
      'cisco_ios',
      'username netops privilege 15 algorithm-type sha256 secret 8 $8$Pq1Rs2Tu3Vw4Xy$AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
      '$8$Pq1Rs2Tu3Vw4Xy$AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
    ],
  ],
  'Cisco secret 9': [
    [
      'cisco_ios',
      'enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
      '$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM',
    ],
    [
      'cisco_ios',
      'username netops privilege 15 secret 9 $9$Ghj3kLmN0pQrSt$uVwXyZ0123456789abcdefABCDEFghij',
      '$9$Ghj3kLmN0pQrSt$uVwXyZ0123456789abcdefABCDEFghij',
    ],
  ],
  'Cisco password 7': [
    ['cisco_ios', 'username backup privilege 1 password 7 0822455D0A165A4B1F', '0822455D0A165A4B1F'],
    ['cisco_ios', ' password 7 0508571C22431F5B4A', '0508571C22431F5B4A'],
    ['cisco_xr', ' password 7 060506324F41584B56', '060506324F41584B56'],
    ['arista_eos', '   neighbor SPINES password 7 Qx8u1J7JqaqG4kfbRzKpqw==', 'Qx8u1J7JqaqG4kfbRzKpqw=='],
  ],
  'SNMP community': [
    ['cisco_ios', 'snmp-server community Rtr0Comm-RO RO 10', 'Rtr0Comm-RO'],
    ['cisco_nxos', 'snmp-server community Nxos-Comm-RO group network-operator', 'Nxos-Comm-RO'],
    ['cisco_xr', 'snmp-server community Xr-Comm-RO RO', 'Xr-Comm-RO'],
    ['arista_eos', 'snmp-server community Eos-Comm-RO ro', 'Eos-Comm-RO'],
    ['juniper_junos', 'set snmp community Jn-Comm-RO authorization read-only', 'Jn-Comm-RO'],
    ['juniper_junos', '    community Jn-Comm-RO {', 'Jn-Comm-RO'],
  ],
  key: [
    ['cisco_ios', ' ip ospf authentication-key 7 13061E010803AB', '13061E010803AB'],
    ['cisco_ios', ' standby 1 authentication md5 key-string 7 104D000A0618', '104D000A0618'],
    ['cisco_xr', '  key-string password 0508571C22431F1A2B', '0508571C22431F1A2B'],
    ['arista_eos', '   ip ospf authentication-key 7 0A5B1F0C1A4B2C', '0A5B1F0C1A4B2C'],
    [
      'juniper_junos',
      '        authentication-key 1 type md5 value "$9$mPz6CtOBIcrvLEhSrlMWxaZjkqf5F39tu"; ## SECRET-DATA',
      '$9$mPz6CtOBIcrvLEhSrlMWxaZjkqf5F39tu',
    ],
  ],
  'pre-shared-key': [
    ['cisco_ios', '  pre-shared-key local Ikev2-Local-77aZ', 'Ikev2-Local-77aZ'],
    ['cisco_ios', '  pre-shared-key address 203.0.113.9 key Ikev2-Addr-5', 'Ikev2-Addr-5'],
    ['cisco_ios', 'crypto isakmp key Isakmp-PSK-9x7Q address 198.51.100.7', 'Isakmp-PSK-9x7Q'],
    [
      'juniper_junos',
      '            pre-shared-key ascii-text "$9$aXGjq.5F/Cu69pOReK8X-dsYoJGDkqPfz"; ## SECRET-DATA',
      '$9$aXGjq.5F/Cu69pOReK8X-dsYoJGDkqPfz',
    ],
  ],
  'TACACS+/RADIUS keys': [
    ['cisco_ios', 'tacacs-server key 7 045802150C2E1D1C5A', '045802150C2E1D1C5A'],
    [
      'cisco_ios',
      'tacacs server TAC1\n address ipv4 10.10.10.40\n key 7 094F471A1A0A464058',
      '094F471A1A0A464058',
    ],
    [
      'cisco_ios',
      'radius server RAD1\n address ipv4 10.10.10.41 auth-port 1812 acct-port 1813\n key Radius-Plain-Key-5',
      'Radius-Plain-Key-5',
    ],
    ['cisco_nxos', 'tacacs-server host 10.10.10.40 key 7 "Nxos-Tac-Host-Key-2"', 'Nxos-Tac-Host-Key-2'],
    [
      'cisco_nxos',
      'radius-server host 10.10.10.41 key 7 "Nxos-Rad-Key-3" authentication accounting',
      'Nxos-Rad-Key-3',
    ],
    ['cisco_xr', 'tacacs-server host 10.10.10.41 port 49\n key 7 02050D4808095E731F', '02050D4808095E731F'],
    [
      'arista_eos',
      'tacacs-server host 10.10.10.40 vrf MGMT key 7 070E33455D1D18544541',
      '070E33455D1D18544541',
    ],
    ['arista_eos', 'radius-server key 7 0207165218120E1B3C', '0207165218120E1B3C'],
    [
      'juniper_junos',
      'set system tacplus-server 10.10.10.40 secret "$9$Hk5FCtpB1hrvWxdbYgJUjHq.f3nCA0IEc"',
      '$9$Hk5FCtpB1hrvWxdbYgJUjHq.f3nCA0IEc',
    ],
    [
      'juniper_junos',
      'set system radius-server 10.10.10.41 secret "$9$dkb2aUjHmTQ3HqmTz6Ap0O1hSeK8X-7Vw"',
      '$9$dkb2aUjHmTQ3HqmTz6Ap0O1hSeK8X-7Vw',
    ],
  ],
  'Junos $9$': [
    [
      'juniper_junos',
      '            md5 1 key "$9$7k-VwYgJDkqfUjqmTF/9LxNdsgoGUiHmP"; ## SECRET-DATA',
      '$9$7k-VwYgJDkqfUjqmTF/9LxNdsgoGUiHmP',
    ],
    [
      'juniper_junos',
      'set protocols bgp group EXT authentication-key "$9$QnF/3/tpOIc4aRhrKMX-Vb2gaZGjH.fT"',
      '$9$QnF/3/tpOIc4aRhrKMX-Vb2gaZGjH.fT',
    ],
  ],
  'Junos encrypted-password': [
    [
      'juniper_junos',
      '        encrypted-password "$6$JnRoot01$JunosRootHashAbCdEfGhIjKlMnOpQr"; ## SECRET-DATA',
      '$6$JnRoot01$JunosRootHashAbCdEfGhIjKlMnOpQr',
    ],
    [
      'juniper_junos',
      'set system login user netops authentication encrypted-password "$6$JnOps001$JunosNetopsHashZyXw"',
      '$6$JnOps001$JunosNetopsHashZyXw',
    ],
  ],
  'private keys': [
    [
      'linux',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
    ],
    [
      'linux',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAvRsaKeyBody0123456789\n-----END RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAvRsaKeyBody0123456789',
    ],
    [
      'linux',
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIEcKeyBodyAbCdEf0123456789\n-----END EC PRIVATE KEY-----',
      'MHcCAQEEIEcKeyBodyAbCdEf0123456789',
    ],
    [
      'linux',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCPkcs8Body\n-----END PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCPkcs8Body',
    ],
    [
      'linux',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wEncryptedBody\n-----END ENCRYPTED PRIVATE KEY-----',
      'MIIFHDBOBgkqhkiG9w0BBQ0wEncryptedBody',
    ],
    [
      'arista_eos',
      'bash$ cat /persist/secure/ssl/keys/eapi.key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAeosKeyBody\nAnotherLineOfKey0123\n-----END RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEAeosKeyBody',
      'AnotherLineOfKey0123',
    ],
  ],
};

describe('every secret issue 7 names is masked, on every platform that writes it', () => {
  for (const [item, cases] of Object.entries(CHECKLIST)) {
    for (const [platform, line, ...secrets] of cases) {
      it(`${item} · ${platform}: ${line.split('\n').at(-1)!.trim().slice(0, 60)}`, () => {
        expectRedacted(line, redactor.redact(line), secrets);
      });
    }
  }

  it('covers every built-in platform', async () => {
    const platforms = new Set(
      Object.values(CHECKLIST).flatMap((cases) => cases.map(([platform]) => platform)),
    );
    expect([...platforms].sort()).toEqual((await loadPlatformRegistry()).names());
  });
});
