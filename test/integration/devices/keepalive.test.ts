import type { AddressInfo } from 'node:net';
import { Server } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformRegistry, type PlatformRegistry } from '../../../src/devices/platforms/registry.js';
import { openSession } from '../../../src/devices/session.js';
import { acceptAnyHostKey } from '../../../src/devices/transport/host-keys.js';
import { generateHostKeyPair } from '../../../src/lab/server/host-keys.js';
import { testHost } from './hosts.js';

/**
 * Keepalives are off unless a host sets keepalive_interval (some NOSes drop sessions that send them).
 * A bare ssh2 server counts the client's `keepalive@openssh.com` global requests.
 */

let server: Server;
let port: number;
let keepalives = 0;
const clients = new Set<{ end(): void }>();
let platforms: PlatformRegistry;

beforeAll(async () => {
  platforms = await loadPlatformRegistry();
  const hostKey = generateHostKeyPair('modern').private;
  // ssh2 answers keepalive requests itself (no event); its debug log shows each one arriving.
  const debug = (line: string) => {
    if (line.includes('Inbound: GLOBAL_REQUEST (keepalive@openssh.com)')) keepalives++;
  };
  server = new Server({ hostKeys: [hostKey], debug }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('authentication', (ctx) =>
      ctx.method === 'password' ? ctx.accept() : ctx.reject(['password']),
    );
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _rejectExec, info) => {
        const channel = acceptExec();
        channel.write(`ran: ${info.command}\n`);
        channel.exit(0);
        channel.end();
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const client of clients) client.end();
  await new Promise((resolve) => server.close(resolve));
});

const host = (keepaliveIntervalMs: number) =>
  testHost({
    name: 'ka',
    platform: 'linux',
    port,
    credentials: { username: 'u', password: 'p' },
    connection: { keepaliveIntervalMs },
  });

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keepalives', () => {
  it('are not sent by default', async () => {
    const session = await openSession(host(0), { platforms, hostKeys: acceptAnyHostKey });
    try {
      const before = keepalives;
      await wait(400);
      expect(keepalives).toBe(before);
      expect((await session.run('x')).output).toBe('ran: x');
    } finally {
      await session.close();
    }
  });

  it('are sent at the host interval when set', async () => {
    const session = await openSession(host(100), { platforms, hostKeys: acceptAnyHostKey });
    try {
      const before = keepalives;
      await wait(450);
      expect(keepalives - before).toBeGreaterThanOrEqual(2);
      expect((await session.run('y')).output).toBe('ran: y');
    } finally {
      await session.close();
    }
  });
});
