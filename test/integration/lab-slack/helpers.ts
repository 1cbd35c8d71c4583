import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, webApi } from '@slack/bolt';
import type { SlackStandin } from '../../../src/lab/slack/index.js';

export const CHANNEL = 'C0NETOPS01';
export const ALICE = 'U0ALICE001';
export const SIGNING_SECRET = 'standin-signing-secret';

/** Bolt and the WebClient log through this; tests stay quiet. */
export const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A real WebClient against the stand-in, retrying at once so fault tests stay fast. */
export function webClient(standin: SlackStandin, options: webApi.WebClientOptions = {}): webApi.WebClient {
  return new webApi.WebClient(standin.token, {
    slackApiUrl: standin.apiUrl,
    logger: quietLogger,
    retryConfig: { retries: 5, minTimeout: 0, maxTimeout: 1, factor: 1 },
    ...options,
  });
}

export interface BoltUnderTest {
  app: App;
  url: string;
  stop: () => Promise<void>;
}

/** A Bolt app in HTTP mode on 127.0.0.1 port 0, its Web API pointed at the stand-in. */
export async function startBolt(standin: SlackStandin, register: (app: App) => void): Promise<BoltUnderTest> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logger: quietLogger });
  const app = new App({
    token: standin.token,
    receiver,
    logger: quietLogger,
    clientOptions: { slackApiUrl: standin.apiUrl, retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } },
  });
  register(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}
