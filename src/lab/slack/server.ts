import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Answer, fromOutcome, jsonAnswer, textAnswer } from './answer.js';
import type { CallLog } from './call-log.js';
import type { FaultDecision, FaultInjector } from './faults.js';
import { parseApiArgs, readBody } from './http-body.js';
import { METHODS, type MethodContext } from './methods/index.js';
import { handleResponseUrl } from './response-url.js';
import { handleUpload } from './upload.js';
import { stringArg } from './validate.js';

export interface ServerParts {
  ctx: MethodContext;
  faults: FaultInjector;
  log: CallLog;
  tokens: ReadonlySet<string>;
  /** Aborted on close so delayed answers stop waiting. */
  closing: AbortSignal;
}

interface Route {
  /** Name for fault rules and the call log. */
  kind: string;
  args: Record<string, unknown>;
  execute: () => Promise<Answer>;
}

/** The call log keeps arguments, never the token, and notes file parts by size. */
function recordedArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === 'token') continue;
    out[key] = Buffer.isBuffer((value as { content?: unknown })?.content)
      ? {
          filename: (value as { filename: string }).filename,
          bytes: (value as { content: Buffer }).content.length,
        }
      : value;
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

async function apiRoute(
  parts: ServerParts,
  method: string,
  req: IncomingMessage,
  raw: Buffer,
  query: URLSearchParams,
): Promise<Route> {
  const parsed = await parseApiArgs(raw, req.headers['content-type'], query);
  const args = parsed.ok ? parsed.args : {};
  const execute = async (): Promise<Answer> => {
    if (!parsed.ok) return jsonAnswer(200, { ok: false, error: parsed.error });
    const token = bearer(req.headers.authorization) ?? stringArg(args, 'token');
    if (!token) return jsonAnswer(200, { ok: false, error: 'not_authed' });
    if (!parts.tokens.has(token)) return jsonAnswer(200, { ok: false, error: 'invalid_auth' });
    const handler = METHODS[method];
    if (!handler) return jsonAnswer(200, { ok: false, error: 'unknown_method' });
    return fromOutcome(handler(parts.ctx, args));
  };
  return { kind: method, args, execute };
}

async function responseUrlRoute(
  parts: ServerParts,
  id: string,
  req: IncomingMessage,
  raw: Buffer,
): Promise<Route> {
  const parsed = await parseApiArgs(raw, req.headers['content-type'], new URLSearchParams());
  let body: Record<string, unknown> = parsed.ok ? parsed.args : {};
  // Webhooks also take a form with one `payload` field holding the JSON.
  if (typeof body.payload === 'string') {
    try {
      body = JSON.parse(body.payload) as Record<string, unknown>;
    } catch {
      return { kind: 'response_url', args: body, execute: async () => textAnswer(400, 'invalid_payload') };
    }
  }
  const execute = async () =>
    parsed.ok
      ? handleResponseUrl(parts.ctx, id, body)
      : textAnswer(400, 'invalid_payload', { error: 'invalid_payload' });
  return { kind: 'response_url', args: body, execute };
}

async function route(parts: ServerParts, req: IncomingMessage, raw: Buffer): Promise<Route | undefined> {
  const url = new URL(req.url ?? '/', 'http://standin');
  const api = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname);
  if (api) return apiRoute(parts, api[1]!, req, raw, url.searchParams);
  const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(url.pathname);
  if (upload) {
    const fileId = upload[1]!;
    const execute = () => handleUpload(parts.ctx.store, fileId, raw, req.headers['content-type']);
    return { kind: 'upload', args: { file_id: fileId, bytes: raw.length }, execute };
  }
  const hook = /^\/hooks\/response\/(\d+\/[0-9a-f]+)$/.exec(url.pathname);
  if (hook) return responseUrlRoute(parts, hook[1]!, req, raw);
  return undefined;
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/** A fault's answer in place of the real one; `processed` is the real one when the fault came after. */
function faultAnswer(action: NonNullable<FaultDecision['action']>, processed?: Answer): Answer {
  const facts = { ts: processed?.ts, channel: processed?.channel };
  if (action.kind === 'ratelimit') {
    const answer = jsonAnswer(
      429,
      { ok: false, error: 'ratelimited' },
      { ...facts, retryAfterSec: action.retryAfterSec },
    );
    answer.headers['retry-after'] = String(action.retryAfterSec);
    return answer;
  }
  if (action.kind === 'http-error') {
    return textAnswer(action.status, `stand-in fault: HTTP ${action.status}`, {
      ...facts,
      error: `http_${action.status}`,
    });
  }
  return { status: 0, headers: {}, body: '', ok: false, error: 'connection_dropped', ...facts };
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms > 0) await sleep(ms, undefined, { signal });
}

async function answerThrough(parts: ServerParts, r: Route, res: ServerResponse, decision: FaultDecision) {
  const action = decision.action;
  await pause(decision.delayBeforeMs, parts.closing);
  let processed: Answer | undefined;
  if (action?.phase !== 'before') {
    try {
      processed = await r.execute();
    } catch (error) {
      processed = jsonAnswer(500, { ok: false, error: 'fatal_error', detail: String(error) });
    }
    await pause(decision.delayAfterMs, parts.closing);
  }
  const answer = action ? faultAnswer(action, processed) : processed!;
  if (answer.status === 0) res.socket?.destroy();
  else send(res, answer);
  return { answer, fault: action?.kind };
}

/** One request: read, route, apply faults (before or after the real work), answer, record. */
export function createRequestHandler(parts: ServerParts) {
  const { log } = parts;
  const now = parts.ctx.now;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const seq = log.nextSeq();
    const at = now();
    try {
      const raw = await readBody(req);
      const r = await route(parts, req, raw);
      if (!r) return send(res, textAnswer(404, 'not_found'));
      const { answer, fault } = await answerThrough(parts, r, res, parts.faults.decide(r.kind));
      const { status, ok, error, ts, channel, droppedSilently, retryAfterSec } = answer;
      log.add({
        ...{ seq, method: r.kind, args: recordedArgs(r.args), at, durationMs: now() - at },
        ...{ status, ok, error, ts, channel, fault, droppedSilently, retryAfterSec },
      });
    } catch (error) {
      if (parts.closing.aborted) return;
      if (!res.headersSent) send(res, textAnswer(500, `stand-in error: ${String(error)}`));
    }
  };
}
