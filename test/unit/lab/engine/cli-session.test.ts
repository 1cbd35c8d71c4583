import { describe, expect, it } from 'vitest';
import { LabDeviceRuntime } from '../../../../src/lab/device/lab-device.js';
import { SessionCounter } from '../../../../src/lab/device/session-counter.js';
import { CliSession } from '../../../../src/lab/engine/cli-session.js';
import type { LoginSpec } from '../../../../src/lab/engine/session-core.js';
import { getPersonality } from '../../../../src/lab/personality/load.js';
import type { LabFault } from '../../../../src/lab/types.js';

/** The CLI engine without sockets: a fake terminal records what the device writes. */
function session(platform: string, opts: { interactive?: boolean; fault?: LabFault } = {}) {
  const device = new LabDeviceRuntime({
    spec: { name: 'dut', platform, ...(opts.fault ? { fault: opts.fault } : {}) },
    personality: getPersonality(platform),
    index: 1,
    labStart: Date.UTC(2024, 0, 1),
    counter: new SessionCounter(),
  });
  let out = '';
  let ended: number | undefined;
  const io = {
    newline: '\n',
    write: (chunk: string | Buffer) => {
      out += chunk.toString();
      return true;
    },
    waitDrain: async () => undefined,
    end: (status: number) => {
      ended = status;
    },
    drop: () => undefined,
  };
  const cli = new CliSession(device, io, { interactive: opts.interactive ?? true });
  return {
    cli,
    device,
    get out() {
      return out;
    },
    get ended() {
      return ended;
    },
    async until(pattern: RegExp) {
      for (let i = 0; i < 200 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 5));
      expect(out).toMatch(pattern);
    },
  };
}

describe('CliSession', () => {
  it('handles typeahead the way a device does: each line echoed when read, after its prompt', async () => {
    const s = session('cisco_ios');
    const run = s.cli.runShell();
    s.cli.feed('enable\nnetrun-enable\nconf t\ninterface Gi2\nshutdown\nend\n');
    await s.until(/dut#$/m);
    await s.until(/dut\(config-if\)#shutdown\ndut\(config-if\)#end\ndut#$/);
    expect(s.out).toContain('dut>enable\nPassword: \ndut#conf t\nEnter configuration commands');
    s.cli.close();
    await run;
  });

  it('IOS: a lone unknown word is a host name; with more words the second word is marked', async () => {
    const s = session('cisco_ios');
    const run = s.cli.runShell();
    s.cli.feed('frob\nfrob the widgets\n');
    await s.until(/marker\.\n\ndut>$/);
    expect(s.out).toContain(
      'dut>frob\n% Unknown command or computer name, or unable to find computer address\n',
    );
    expect(s.out).toContain(`dut>frob the widgets\n${' '.repeat(9)}^\n% Invalid input detected`);
    s.cli.close();
    await run;
  });

  it('IOS: `configure` asks where from; `do` runs exec commands in config mode; Ctrl-Z ends', async () => {
    const s = session('cisco_ios');
    const run = s.cli.runShell();
    s.cli.feed('enable\nnetrun-enable\nconfigure\n\ndo show privilege\n\x1a');
    await s.until(/Current privilege level is 15\ndut\(config\)#\^Z\ndut#$/);
    expect(s.out).toContain(
      'Configuring from terminal, memory, or network [terminal]? \nEnter configuration',
    );
    s.cli.close();
    await run;
  });

  it('EOS: interface sub-mode prompts carry the short interface name', async () => {
    const s = session('arista_eos');
    const run = s.cli.runShell();
    s.cli.feed('enable\nnetrun-enable\nconfigure\ninterface Ethernet2\nvlan 30\n');
    await s.until(/dut\(config-vlan-30\)#$/);
    expect(s.out).toContain('dut(config-if-Et2)#');
    s.cli.close();
    await run;
  });

  it('XR: config lines wait in the candidate; show configuration lists them; commit applies them', async () => {
    const s = session('cisco_xr');
    const run = s.cli.runShell();
    s.cli.feed(
      'configure\nrouter static\naddress-family ipv4 unicast\n192.0.2.0/24 Null0\nshow configuration\n',
    );
    await s.until(/end\nRP\/0\/RSP0\/CPU0:dut\(config-static-afi\)#$/);
    expect(s.out).toContain('router static\n address-family ipv4 unicast\n  192.0.2.0/24 Null0\nend\n');
    expect(s.device.runningConfig()).not.toContain('192.0.2.0/24 Null0');
    s.cli.feed('commit\nend\n');
    await s.until(/RP\/0\/RSP0\/CPU0:dut#$/);
    expect(s.device.runningConfig()).toContain('  192.0.2.0/24 Null0');
    s.cli.close();
    await run;
  });

  it('Junos: edit levels make set paths relative and show in the [edit …] banner', async () => {
    const s = session('juniper_junos');
    const run = s.cli.runShell();
    s.cli.feed(
      'configure\nedit interfaces ge-0/0/2\nset description "edge port"\nshow\ntop\nrun show system uptime | count\n',
    );
    await s.until(/Count: \d+ lines\n\n\[edit\]\nnetrun@dut# $/);
    expect(s.out).toContain('[edit interfaces ge-0/0/2]\nnetrun@dut# set description "edge port"');
    expect(s.out).toContain('description "edge port";\n');
    s.cli.feed('commit\n');
    await s.until(/commit complete/);
    expect(s.device.runningConfig()).toMatch(/ge-0\/0\/2 \{\n {8}description "edge port";/);
    s.cli.close();
    await run;
  });

  it('linux exec: no terminal for sudo, exit status of the last command', async () => {
    const s = session('linux', { interactive: false });
    await s.cli.runExec('sudo -s');
    expect(s.out).toContain('sudo: a terminal is required to read the password');
    expect(s.ended).toBe(1);
    const t = session('linux', { interactive: false });
    await t.cli.runExec('false-command; echo done');
    expect(t.out).toBe('-bash: false-command: command not found\ndone\n');
    expect(t.ended).toBe(0);
  });

  it('a login dialogue refuses wrong credentials three times, then ends', async () => {
    const s = session('cisco_ios');
    const t = getPersonality('cisco_ios').telnet;
    const login: LoginSpec = { ...t, check: () => 'reject' };
    const run = s.cli.runShell({ login });
    s.cli.feed('a\nb\nc\nd\ne\nf\n');
    await run;
    expect(s.out.match(/% Authentication failed/g)).toHaveLength(3);
    expect(s.out).not.toContain('dut>');
    expect(s.ended).toBe(1);
  });

  it('the invalid fault rejects display commands only', async () => {
    const s = session('cisco_nxos', { fault: 'invalid' });
    const run = s.cli.runShell();
    s.cli.feed('show version\nterminal length 0\nshow clock\n');
    await s.until(
      /dut# terminal length 0\ndut# show clock\n {10}\^\n% Invalid command at '\^' marker\.\ndut# $/,
    );
    s.cli.close();
    await run;
  });
});
