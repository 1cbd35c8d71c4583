import { describe, expect, it } from 'vitest';
import { planConfigChange } from '../../../src/push/index.js';
import { changedLines, readConfig, verdicts } from './helpers.js';

const indented = { style: 'indented' } as const;
const IOS = readConfig('cisco_ios.txt');
const NXOS = readConfig('cisco_nxos.txt');
const XR = readConfig('cisco_xr.txt');
const EOS = readConfig('arista_eos.txt');

describe('interface blocks', () => {
  it('compares children under their own interface, and `no` lines by what they remove', () => {
    const plan = planConfigChange(
      IOS,
      [
        'interface GigabitEthernet0/1',
        ' description Customer A',
        ' no shutdown',
        ' ip mtu 1400',
        'interface GigabitEthernet0/0',
        ' no shutdown',
        ' negotiation auto',
      ],
      indented,
    );
    expect(verdicts(plan)).toEqual([
      'new has-new-children: interface GigabitEthernet0/1',
      'present found:  description Customer A',
      'new removes-existing:  no shutdown',
      'new missing:  ip mtu 1400',
      'present found: interface GigabitEthernet0/0',
      'present already-absent:  no shutdown',
      'present found:  negotiation auto',
    ]);
    expect(plan.changes).toBe(true);
    expect(plan.commands).toEqual(['interface GigabitEthernet0/1', ' no shutdown', ' ip mtu 1400']);
    expect(changedLines(plan.diff)).toEqual(['- shutdown', '+ ip mtu 1400']);
  });

  it('does not count a line configured under another interface', () => {
    const plan = planConfigChange(
      IOS,
      ['interface GigabitEthernet0/1', ' description Customer A', ' standby 1 ip 192.0.2.3'],
      indented,
    );
    expect(plan.newLines.map((l) => l.text)).toEqual([
      'interface GigabitEthernet0/1',
      ' standby 1 ip 192.0.2.3',
    ]);
    expect(plan.newLines[1]!.parents).toEqual(['interface GigabitEthernet0/1']);
  });

  it('adds a whole new block, children included, before the closing `end`', () => {
    const plan = planConfigChange(
      IOS,
      ['interface Loopback10', ' ip address 10.255.10.1 255.255.255.255'],
      indented,
    );
    expect(verdicts(plan)).toEqual([
      'new missing: interface Loopback10',
      'new missing:  ip address 10.255.10.1 255.255.255.255',
    ]);
    expect(plan.diff).toContain(
      ' !\n+interface Loopback10\n+ ip address 10.255.10.1 255.255.255.255\n end\n',
    );
  });

  it('indents a new child like its siblings on the device (EOS: 3 spaces)', () => {
    const plan = planConfigChange(
      EOS,
      ['interface Ethernet2', ' description server-02', ' mtu 9214'],
      indented,
    );
    expect(changedLines(plan.diff)).toEqual(['+   description server-02', '+   mtu 9214']);
    expect(verdicts(plan)[1]).toBe('new missing:  description server-02');
  });
});

describe('nested blocks', () => {
  it('IOS: router bgp → address-family → neighbor; new lines go before exit-address-family', () => {
    const plan = planConfigChange(
      IOS,
      [
        'router bgp 65001',
        ' neighbor 192.0.2.2 remote-as 65000',
        ' address-family ipv4',
        '  neighbor 192.0.2.2 activate',
        '  neighbor 192.0.2.2 route-map RM-OUT out',
      ],
      indented,
    );
    expect(verdicts(plan)).toEqual([
      'new has-new-children: router bgp 65001',
      'present found:  neighbor 192.0.2.2 remote-as 65000',
      'new has-new-children:  address-family ipv4',
      'present found:   neighbor 192.0.2.2 activate',
      'new missing:   neighbor 192.0.2.2 route-map RM-OUT out',
    ]);
    expect(plan.newLines.at(-1)!.parents).toEqual(['router bgp 65001', 'address-family ipv4']);
    expect(plan.diff).toContain(
      '   neighbor 192.0.2.2 send-community\n+  neighbor 192.0.2.2 route-map RM-OUT out\n  exit-address-family\n',
    );
  });

  it('NX-OS: an address-family is matched under its own parent (router vs neighbor)', () => {
    const plan = planConfigChange(
      NXOS,
      [
        'router bgp 65101',
        '  address-family ipv4 unicast',
        '    send-community',
        '  neighbor 10.0.0.0',
        '    address-family ipv4 unicast',
        '      send-community',
        '      route-map RM-IN in',
      ],
      indented,
    );
    expect(plan.lines.filter((l) => l.text.trim() === 'send-community').map((l) => l.status)).toEqual([
      'new',
      'present',
    ]);
    expect(changedLines(plan.diff)).toEqual(['+    send-community', '+      route-map RM-IN in']);
    // NX-OS prints no `end`: the diff's last context line is the device's last line.
    expect(plan.diff.trimEnd().endsWith('+      route-map RM-IN in')).toBe(true);
  });

  it('IOS XR: a new neighbor block goes inside router bgp, before the ` !` closers', () => {
    const plan = planConfigChange(
      XR,
      ['router bgp 65002', ' neighbor 192.0.2.14', '  remote-as 65010', '  address-family ipv4 unicast'],
      indented,
    );
    expect(plan.newLines.map((l) => l.reason)).toEqual(['has-new-children', 'missing', 'missing', 'missing']);
    expect(plan.diff).toContain(
      '    route-policy PASS out\n+ neighbor 192.0.2.14\n+  remote-as 65010\n+  address-family ipv4 unicast\n   !\n  !\n',
    );
  });
});

describe('top-level lines and `no` lines', () => {
  it('plans top-level lines on their own', () => {
    const plan = planConfigChange(
      IOS,
      ['ip route 0.0.0.0 0.0.0.0 192.0.2.2', 'ntp server 10.10.10.124'],
      indented,
    );
    expect(verdicts(plan)).toEqual([
      'present found: ip route 0.0.0.0 0.0.0.0 192.0.2.2',
      'new missing: ntp server 10.10.10.124',
    ]);
  });

  it('appends top-level lines at the end when the config has no `end`', () => {
    const plan = planConfigChange(NXOS, ['ntp server 10.10.10.124 use-vrf management'], indented);
    expect(plan.diff.trimEnd().split('\n').at(-1)).toBe('+ntp server 10.10.10.124 use-vrf management');
  });

  it('`no X` is compliant when X is absent or printed as `no X`, new when X (or X with more words) is there', () => {
    const plan = planConfigChange(
      IOS,
      [
        'no ip http server',
        'no ip domain lookup',
        'no logging host 10.10.10.50',
        'no logging host 10.10.10.5',
        'no snmp-server community Rtr0Comm-RW',
      ],
      indented,
    );
    expect(plan.lines.map((l) => l.reason)).toEqual([
      'already-absent',
      'already-absent',
      'removes-existing',
      'already-absent',
      'removes-existing',
    ]);
    expect(changedLines(plan.diff)).toEqual([
      '-logging host 10.10.10.50',
      '-snmp-server community <redacted> RW 11',
    ]);
  });
});

describe('already-compliant devices', () => {
  const request = [
    '! baseline, re-applied every night',
    'interface GigabitEthernet0/0',
    ' description Uplink to core-01 (password reset ticket CHG12345)',
    ' negotiation auto',
    'router bgp 65001',
    ' address-family ipv4',
    '  neighbor 192.0.2.2 send-community',
    ' exit-address-family',
    'exit',
    'ip route 0.0.0.0 0.0.0.0 192.0.2.2',
    'no ip http server',
    'line vty 0 4',
    ' transport input ssh',
    'end',
  ];

  it('reports no change, sends nothing and has an empty diff', () => {
    const plan = planConfigChange(IOS, request, indented);
    expect(plan.changes).toBe(false);
    expect(plan.newLines).toEqual([]);
    expect(plan.presentLines).toHaveLength(11);
    expect(plan.commands).toEqual([]);
    expect(plan.diff).toBe('');
  });

  it("ignores comments, blank lines and `exit`/`end` in the request, keeping the other lines' positions", () => {
    const plan = planConfigChange(IOS, request, indented);
    expect(plan.lines[0]).toMatchObject({ index: 1, text: 'interface GigabitEthernet0/0' });
    expect(plan.lines.map((l) => l.text)).not.toContain('exit');
    expect(plan.lines.map((l) => l.text)).toContain(' exit-address-family');
  });
});

describe('whitespace differences', () => {
  it('normalises spaces, tabs and CRLF on both sides', () => {
    const running =
      'interface Gi0/1\r\n description  Customer   A\r\n ip address 10.0.0.1 255.255.255.0\r\n!\r\nend\r\n';
    for (const request of [
      ['interface   Gi0/1', '\tdescription Customer A', '\tip address 10.0.0.1  255.255.255.0  '],
      ['interface Gi0/1 ', '    description Customer A', '    ip address 10.0.0.1 255.255.255.0'],
    ]) {
      expect(planConfigChange(running, request, indented).changes).toBe(false);
    }
  });

  it('reads a more-indented line as a child of the line above it, as the tree rule says', () => {
    const running = 'interface Gi0/1\n description A\n ip address 10.0.0.1 255.255.255.0\n';
    const plan = planConfigChange(
      running,
      ['interface Gi0/1', ' description A', '   ip address 10.0.0.1 255.255.255.0'],
      indented,
    );
    expect(plan.newLines.at(-1)).toMatchObject({
      parents: ['interface Gi0/1', 'description A'],
      reason: 'missing',
    });
  });

  it('accepts the request as one multi-line string (the Slack modal text)', () => {
    const plan = planConfigChange(
      IOS,
      ['interface Loopback0\n ip address 10.255.0.1 255.255.255.255\n'],
      indented,
    );
    expect(verdicts(plan)).toEqual([
      'present found: interface Loopback0',
      'present found:  ip address 10.255.0.1 255.255.255.255',
    ]);
  });
});

describe('the diff', () => {
  const running = 'hostname r1\n!\nsnmp-server community OldComm RO\n!\nend\n';

  it('is a unified diff named after the label, with secrets masked', () => {
    const plan = planConfigChange(running, ['snmp-server community NewComm RO'], {
      ...indented,
      label: 'r1',
    });
    expect(plan.diff).toBe(
      [
        '--- r1\trunning',
        '+++ r1\tafter push',
        '@@ -2,4 +2,5 @@',
        ' !',
        ' snmp-server community <redacted> RO',
        ' !',
        '+snmp-server community <redacted> RO',
        ' end',
        '',
      ].join('\n'),
    );
    expect(plan.diff).not.toContain('OldComm');
    expect(plan.diff).not.toContain('NewComm');
  });

  it('uses the redact function given, and the context size given', () => {
    const plan = planConfigChange(running, ['ntp server 10.0.0.1'], {
      ...indented,
      redact: (t) => t.toUpperCase(),
      context: 0,
    });
    expect(plan.diff).toBe(
      '--- running-config\trunning\n+++ running-config\tafter push\n@@ -4,0 +5,1 @@\n+NTP SERVER 10.0.0.1\n',
    );
  });
});
