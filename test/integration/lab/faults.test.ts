import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_CREDENTIALS, LAB_FAULTS, type Lab, type LabFault, startLab } from '../../../src/lab/index.js';
import { connectClient, LabTerminal } from './lab-client.js';

/**
 * One test per fault kind, from the client's side of the wire, plus the latency and size knobs.
 * Bounds on time are generous: they tell "fast" from "never", not milliseconds.
 */
let lab: Lab;
const dev = (fault: LabFault) => `ios-${fault}`;
const portOf = (name: string) => lab.devices.find((d) => d.name === name)?.port as number;

beforeAll(async () => {
  lab = await startLab({
    devices: [
      ...LAB_FAULTS.map((fault) => ({ name: dev(fault), platform: 'cisco_ios', fault })),
      { name: 'junos-invalid', platform: 'juniper_junos', fault: 'invalid' as const },
      { name: 'ios-slow', platform: 'cisco_ios', latency: { connectMs: 300, commandMs: 300 } },
      { name: 'ios-padded', platform: 'cisco_ios', outputLines: 500 },
      { name: 'ios-toggle', platform: 'cisco_ios' },
    ],
  });
});

afterAll(async () => {
  await lab?.stop();
});

function failure(promise: Promise<unknown>): Promise<Error & { level?: string; code?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );
}

/** An enabled IOS shell with paging off, ready for a show command. */
async function enabled(name: string): Promise<LabTerminal> {
  const t = await LabTerminal.open({ port: portOf(name) });
  await t.readUntil(/>$/);
  await t.run('enable', /Password: $/);
  await t.run(LAB_CREDENTIALS.enableSecret, /#$/);
  await t.run('terminal length 0', /#$/);
  return t;
}

describe('connection faults', () => {
  it('auth-reject: every password is refused', async () => {
    const error = await failure(connectClient({ port: portOf(dev('auth-reject')) }));
    expect(error.level).toBe('client-authentication');
  });

  it('auth-silence: the authentication request is never answered', async () => {
    const started = Date.now();
    const error = await failure(connectClient({ port: portOf(dev('auth-silence')), readyTimeout: 1500 }));
    expect(error.message).toMatch(/Timed out while waiting for handshake/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('refuse: nothing listens (ECONNREFUSED)', async () => {
    const error = await failure(connectClient({ port: portOf(dev('refuse')) }));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('black-hole: TCP is accepted but no SSH banner ever comes', async () => {
    const socket = connect({ host: '127.0.0.1', port: portOf(dev('black-hole')) });
    try {
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      const received: Buffer[] = [];
      socket.on('data', (d: Buffer) => received.push(d));
      await new Promise((r) => setTimeout(r, 700));
      expect(received).toEqual([]);
      expect(socket.destroyed).toBe(false);
    } finally {
      socket.destroy();
    }
  });

  it('hostkey-change: the device presents a key other than the one on record', async () => {
    const device = lab.devices.find((d) => d.name === dev('hostkey-change'));
    let presented = '';
    const client = await connectClient({
      port: device?.port as number,
      hostVerifier: (key: Buffer) => {
        presented = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return true;
      },
    });
    client.end();
    expect(presented).toMatch(/^SHA256:/);
    expect(presented).not.toBe(device?.hostKey.fingerprint);
    // A healthy device presents exactly the recorded key.
    let usual = '';
    const other = lab.devices.find((d) => d.name === 'ios-toggle');
    const healthy = await connectClient({
      port: other?.port as number,
      hostVerifier: (key: Buffer) => {
        usual = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
        return true;
      },
    });
    healthy.end();
    expect(usual).toBe(other?.hostKey.fingerprint);
  });
});

describe('output faults', () => {
  it('hang: show output stops half way and the connection stays open, silent', async () => {
    const t = await enabled(dev('hang'));
    try {
      t.write('show version\n');
      const got = await t.drain(800);
      expect(got).toContain('Cisco IOS XE Software');
      expect(got).not.toMatch(/#$/);
      expect(await t.drain(500)).toBe('');
      expect(t.closed).toBe(false);
    } finally {
      t.close();
    }
  });

  it('drop: show output stops half way and the connection is closed', async () => {
    const t = await enabled(dev('drop'));
    t.write('show version\n');
    await new Promise<void>((resolve) => t.stream.once('close', () => resolve()));
    expect(t.pending).toContain('Cisco IOS XE Software');
    expect(t.pending).not.toContain('Configuration register');
    t.close();
  });

  it('trickle: show output arrives a few bytes at a time, and completes', async () => {
    const t = await enabled(dev('trickle'));
    try {
      const before = t.chunks.length;
      const out = await t.run('show ip interface brief', /#$/, 20_000);
      expect(out).toContain('GigabitEthernet1');
      const chunks = t.chunks.slice(before);
      expect(chunks.length).toBeGreaterThan(20);
      expect(Math.max(...chunks.slice(1, -1).map((c) => c.length))).toBeLessThanOrEqual(16);
    } finally {
      t.close();
    }
  });

  it('garbage: show output carries ANSI codes and invalid UTF-8, and completes', async () => {
    const t = await enabled(dev('garbage'));
    try {
      t.write('show version\n');
      await t.readUntil(/#$/);
      const raw = Buffer.concat(t.chunks);
      expect(raw.includes(Buffer.from('\x1b[1;3'))).toBe(true);
      expect(raw.includes(Buffer.from([0xff, 0xfe]))).toBe(true);
      expect(raw.toString('utf8')).toContain('\ufffd');
    } finally {
      t.close();
    }
  });

  it('huge-output: show running-config is about 10 MB, then the prompt', async () => {
    const t = await enabled(dev('huge-output'));
    try {
      // Counted as it streams: 10 MB through readUntil would be needlessly slow.
      t.buffering = false;
      let bytes = 0;
      let tail = '';
      const done = new Promise<void>((resolve) => {
        t.stream.on('data', (d: Buffer) => {
          bytes += d.length;
          tail = (tail + d.toString('latin1')).slice(-64);
          if (tail.endsWith('\r\nend\r\nios-huge-output#')) resolve();
        });
      });
      t.write('show running-config\n');
      await done;
      expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
      expect(bytes).toBeLessThan(12 * 1024 * 1024);
    } finally {
      t.close();
    }
  });

  it('pager: the paging-off command is accepted and ignored', async () => {
    const t = await enabled(dev('pager'));
    try {
      t.write('show version\n');
      const out = await t.readUntil(/ --More-- $/);
      expect(out).toContain('Cisco IOS XE Software');
      t.write('q');
      await t.readUntil(/#$/);
    } finally {
      t.close();
    }
  });

  it('invalid: every show command is rejected with the platform error', async () => {
    const t = await enabled(dev('invalid'));
    try {
      expect(await t.run('show version', /#$/)).toMatch(/\^\r\n% Invalid input detected at '\^' marker\./);
      // Non-show commands still work.
      expect(await t.run('configure terminal', /\(config\)#$/)).toContain('Enter configuration commands');
    } finally {
      t.close();
    }
    const j = await LabTerminal.open({ port: portOf('junos-invalid') });
    try {
      await j.readUntil(/> $/);
      expect(await j.run('show version', /> $/)).toContain('syntax error, expecting <command>.');
    } finally {
      j.close();
    }
  });
});

describe('knobs', () => {
  it('latency delays the banner and each command', async () => {
    const started = Date.now();
    const t = await LabTerminal.open({ port: portOf('ios-slow') });
    try {
      await t.readUntil(/>$/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      const sent = Date.now();
      await t.run('show clock', /UTC.*\r\nios-slow>$/s);
      expect(Date.now() - sent).toBeGreaterThanOrEqual(280);
      // Session set-up is not device work: paging off answers at once.
      const setup = Date.now();
      await t.run('terminal length 0', /ios-slow>$/);
      expect(Date.now() - setup).toBeLessThan(250);
    } finally {
      t.close();
    }
  });

  it('outputLines pads show output to about that many lines', async () => {
    const t = await enabled('ios-padded');
    try {
      const out = await t.run('show ip interface brief', /#$/);
      const lines = out.split('\r\n').length;
      expect(lines).toBeGreaterThanOrEqual(500);
      expect(lines).toBeLessThan(510);
    } finally {
      t.close();
    }
  });

  it('setFault changes a device at run time (refuse closes the port, clearing reopens it)', async () => {
    const handle = lab.device('ios-toggle');
    handle.setFault('refuse');
    await handle.settled();
    expect((await failure(connectClient({ port: portOf('ios-toggle') }))).code).toBe('ECONNREFUSED');
    handle.setFault(undefined);
    await handle.settled();
    const client = await connectClient({ port: portOf('ios-toggle') });
    client.end();
    expect(handle.fault()).toBeUndefined();
  });
});
