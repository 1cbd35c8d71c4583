import { connect, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { TelnetSocket } from 'telnet-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CREDENTIALS, type Lab, startLab } from '../../../src/lab/index.js';
import { connectClient, execOnce, LabTerminal } from './lab-client.js';

/** The linux personality (shell, exec, sudo, jump host), telnet, legacy SSH and exec on a router. */
let lab: Lab;
const portOf = (name: string) => lab.devices.find((d) => d.name === name)?.port as number;

beforeAll(async () => {
  lab = await startLab({
    devices: [
      { name: 'jump', platform: 'linux' },
      { name: 'behind', platform: 'cisco_ios' },
      { name: 'tel', platform: 'cisco_ios', transport: 'telnet' },
      { name: 'tel-junos', platform: 'juniper_junos', transport: 'telnet' },
      { name: 'old', platform: 'cisco_ios', legacyOnly: true },
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
});

describe('linux', () => {
  it('shell: prompt, sudo with a password to a root prompt, root-only files, exit back', async () => {
    const t = await LabTerminal.open({ port: portOf('jump') });
    try {
      expect(await t.readUntil(/netrun@jump:~\$ $/)).toContain(
        'Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY',
      );
      expect(await t.run('echo nope > /etc/motd', /\$ $/)).toContain('Permission denied');
      expect(await t.run('sudo -s', /password for netrun: $/)).toContain('[sudo] password for netrun: ');
      expect(await t.run('wrong', /password for netrun: $/)).toContain('Sorry, try again.');
      await t.run(LAB_CREDENTIALS.password, /root@jump:\/home\/netrun# $/);
      await t.run('echo "from the lab test" >> /etc/motd', /# $/);
      expect(await t.run('cat /etc/motd', /# $/)).toContain('from the lab test');
      expect(await t.run('whoami', /# $/)).toMatch(/\r\nroot\r\n/);
      await t.run('exit', /netrun@jump:~\$ $/);
      expect(lab.device('jump').runningConfig()).toContain('from the lab test');
      t.write('exit\n');
      await new Promise<void>((resolve) => t.stream.once('close', () => resolve()));
    } finally {
      t.close();
    }
  });

  it('exec channel: output and exit status', async () => {
    const ok = await execOnce(portOf('jump'), 'uname -a');
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/^Linux jump \S+ #1 SMP .* GNU\/Linux\n$/);
    const missing = await execOnce(portOf('jump'), 'frobnicate --now');
    expect(missing.code).toBe(127);
    expect(missing.output).toBe('-bash: frobnicate: command not found\n');
    const chain = await execOnce(portOf('jump'), 'hostname && cat /etc/hostname | wc -l');
    expect(chain).toEqual({ output: 'jump\n1\n', code: 0 });
  });

  it('forwards TCP to 127.0.0.1 only: an SSH session to a router through the jump host', async () => {
    const jump = await connectClient({ port: portOf('jump') });
    try {
      const refused = await new Promise<Error | undefined>((resolve) =>
        jump.forwardOut('127.0.0.1', 0, '192.0.2.1', 22, (err) => resolve(err)),
      );
      expect(refused?.message).toMatch(/prohibited|refused|failure/i);
      const before = lab.device('behind').stats().totalSessions;
      const tunnel = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
        jump.forwardOut('127.0.0.1', 0, '127.0.0.1', portOf('behind'), (err, ch) =>
          err ? reject(err) : resolve(ch),
        ),
      );
      const inner = new ssh2.Client();
      const output = await new Promise<string>((resolve, reject) => {
        inner.on('error', reject);
        inner.on('ready', () =>
          inner.exec('show clock', (err, stream) => {
            if (err) return reject(err);
            let text = '';
            stream.on('data', (d: Buffer) => {
              text += d.toString();
            });
            stream.on('close', () => resolve(text));
          }),
        );
        inner.connect({
          sock: tunnel,
          username: LAB_CREDENTIALS.username,
          password: LAB_CREDENTIALS.password,
        });
      });
      inner.end();
      expect(output).toMatch(/UTC/);
      expect(lab.device('behind').stats().totalSessions).toBe(before + 1);
    } finally {
      jump.end();
    }
  });

  it('network devices refuse port forwarding', async () => {
    const router = await connectClient({ port: portOf('behind') });
    try {
      const err = await new Promise<Error | undefined>((resolve) =>
        router.forwardOut('127.0.0.1', 0, '127.0.0.1', portOf('jump'), (e) => resolve(e)),
      );
      expect(err).toBeInstanceOf(Error);
    } finally {
      router.end();
    }
  });
});

describe('exec on a router', () => {
  it('runs one command and closes the whole connection, as IOS does', async () => {
    const client = await connectClient({ port: portOf('behind') });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const output = await new Promise<string>((resolve, reject) =>
      client.exec('show ip interface brief', (err, stream) => {
        if (err) return reject(err);
        let text = '';
        stream.on('data', (d: Buffer) => {
          text += d.toString();
        });
        stream.on('close', () => resolve(text));
      }),
    );
    expect(output).toContain('GigabitEthernet1');
    expect(output).not.toContain('--More--');
    await closed;
  });
});

describe('legacy-only SSH', () => {
  it('offers only old algorithms: modern-only clients fail, legacy clients get in with ssh-rsa', async () => {
    const modernOnly = {
      kex: ['curve25519-sha256'],
      cipher: ['aes128-gcm@openssh.com'],
      serverHostKey: ['ssh-ed25519'],
    } as ssh2.ConnectConfig['algorithms'];
    await expect(connectClient({ port: portOf('old'), algorithms: modernOnly })).rejects.toThrow(
      /no matching/i,
    );
    let hostKeyType = '';
    const legacy = {
      kex: ['diffie-hellman-group14-sha1'],
      cipher: ['aes128-cbc'],
      serverHostKey: ['ssh-rsa'],
      hmac: ['hmac-sha1'],
    } as ssh2.ConnectConfig['algorithms'];
    const client = await connectClient({
      port: portOf('old'),
      algorithms: legacy,
      hostVerifier: (key: Buffer) => {
        hostKeyType = key.subarray(4, 4 + key.readUInt32BE(0)).toString();
        return true;
      },
    });
    client.end();
    expect(hostKeyType).toBe('ssh-rsa');
    expect(lab.devices.find((d) => d.name === 'old')?.hostKey.type).toBe('ssh-rsa');
  });
});

/** A telnet client: negotiation events recorded, text read until a pattern. */
class TelnetClient {
  text = '';
  readonly offers: number[] = [];
  private readonly telnet: TelnetSocket;
  private constructor(readonly socket: Socket) {
    this.telnet = new TelnetSocket(socket);
    this.telnet.on('will', (option: number) => this.offers.push(option));
    this.telnet.on('data', (d: Buffer | string) => {
      this.text += d.toString();
    });
  }

  static open(port: number): Promise<TelnetClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new TelnetClient(socket)));
      socket.once('error', reject);
    });
  }

  async until(pattern: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(this.text)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const seen = this.text;
    this.text = '';
    return seen;
  }

  send(line: string): void {
    this.telnet.write(`${line}\r\n`);
  }
}

describe('telnet', () => {
  it('negotiates echo, asks Username:/Password:, refuses a wrong password, then serves the CLI', async () => {
    const t = await TelnetClient.open(portOf('tel'));
    try {
      expect(await t.until(/Username: $/)).toContain('User Access Verification');
      expect(t.offers).toEqual(expect.arrayContaining([1, 3]));
      t.send(LAB_CREDENTIALS.username);
      await t.until(/Password: $/);
      t.send('wrong');
      expect(await t.until(/Username: $/)).toContain('% Authentication failed');
      t.send(LAB_CREDENTIALS.username);
      const pw = await t.until(/Password: $/);
      t.send(LAB_CREDENTIALS.password);
      expect(await t.until(/tel>$/)).not.toContain(LAB_CREDENTIALS.password);
      expect(pw).not.toContain(LAB_CREDENTIALS.password);
      t.send('show clock');
      expect(await t.until(/tel>$/)).toMatch(/^show clock\r\n\*\d\d:\d\d:\d\d\.\d{3} UTC/);
      t.send('enable');
      await t.until(/Password: $/);
      t.send(LAB_CREDENTIALS.enableSecret);
      await t.until(/tel#$/);
      t.send('configure terminal');
      await t.until(/\(config\)#$/);
      t.send('snmp-server location telnet-lab');
      t.send('end');
      await t.until(/tel#$/);
      expect(lab.device('tel').runningConfig()).toContain('snmp-server location telnet-lab');
    } finally {
      t.socket.destroy();
    }
  });

  it('Junos over telnet: login:/Password: then the operational prompt', async () => {
    const t = await TelnetClient.open(portOf('tel-junos'));
    try {
      await t.until(/login: $/);
      t.send(LAB_CREDENTIALS.username);
      await t.until(/Password:$/);
      t.send(LAB_CREDENTIALS.password);
      await t.until(/netrun@tel-junos> $/);
      t.send('show version | match Junos:');
      expect(await t.until(/netrun@tel-junos> $/)).toContain('Junos: 21.2R1.10');
    } finally {
      t.socket.destroy();
    }
  });
});
