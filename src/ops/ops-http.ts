import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { HealthReport } from './health.js';

export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** What the two operator endpoints serve. */
export interface OpsEndpoints {
  health(): HealthReport;
  metrics(): Promise<{ contentType: string; body: string }>;
}

function sendHealth(res: ServerResponse, endpoints: OpsEndpoints): void {
  const report = endpoints.health();
  res.writeHead(report.status === 'ok' ? 200 : 503, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`${JSON.stringify(report)}\n`);
}

async function sendMetrics(res: ServerResponse, endpoints: OpsEndpoints, log: Logger): Promise<void> {
  try {
    const { contentType, body } = await endpoints.metrics();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  } catch (error) {
    log.error({ err: error }, 'metrics: cannot render');
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('metrics could not be collected; see the log\n');
  }
}

/** /healthz and /metrics next to /slack/events (HTTP mode): Bolt's receiver serves them. */
export function opsRoutes(endpoints: OpsEndpoints, log: Logger): CustomRoute[] {
  return [
    { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: (_req, res) => sendHealth(res, endpoints) },
    {
      path: METRICS_PATH,
      method: ['GET'],
      handler: (_req, res) => void sendMetrics(res, endpoints, log),
    },
  ];
}

async function handle(req: IncomingMessage, res: ServerResponse, endpoints: OpsEndpoints, log: Logger) {
  const path = new URL(req.url ?? '/', 'http://netrun').pathname;
  const known = path === HEALTH_PATH || path === METRICS_PATH;
  if (known && req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('use GET\n');
  } else if (path === HEALTH_PATH) sendHealth(res, endpoints);
  else if (path === METRICS_PATH) await sendMetrics(res, endpoints, log);
  else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`netrun serves ${HEALTH_PATH} and ${METRICS_PATH} here\n`);
  }
}

export interface OpsServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * The small HTTP server Socket Mode needs for /healthz and /metrics (it has no HTTP port of its
 * own), and HTTP mode when NETRUN_METRICS_PORT keeps them off the port Slack reaches.
 */
export async function startOpsServer(options: {
  port: number;
  /** Unset: every interface, as a container needs. */
  host?: string;
  endpoints: OpsEndpoints;
  log: Logger;
}): Promise<OpsServer> {
  const { endpoints, log } = options;
  const server = createServer((req, res) => void handle(req, res, endpoints, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    port,
    url: `http://${host}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
