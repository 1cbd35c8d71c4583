import type { IncomingMessage } from 'node:http';

/** Slack's file size limit is 1 GB; the stand-in stops well before that. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface UploadedPart {
  filename: string;
  content: Buffer;
}

export type ParsedArgs = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** multipart/form-data through the WHATWG parser Node already ships (undici), not a hand-rolled one. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': contentType },
  }).formData();
  const args: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') args[key] = value;
    else
      args[key] = {
        filename: value.name,
        content: Buffer.from(await value.arrayBuffer()),
      } satisfies UploadedPart;
  }
  return args;
}

/**
 * Web API arguments the way Slack takes them: query string, then a form-encoded, JSON or multipart body
 * (body values win). Slack's error codes for unreadable bodies: `invalid_json`, `invalid_form_data`.
 */
export async function parseApiArgs(
  raw: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): Promise<ParsedArgs> {
  const args: Record<string, unknown> = Object.fromEntries(query.entries());
  if (raw.length === 0) return { ok: true, args };
  const type = mediaType(contentType);
  if (type === 'application/json') {
    try {
      const body: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return { ok: false, error: 'invalid_json' };
      return { ok: true, args: { ...args, ...(body as Record<string, unknown>) } };
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
  }
  if (type === 'multipart/form-data') {
    try {
      return { ok: true, args: { ...args, ...(await parseMultipart(raw, contentType ?? '')) } };
    } catch {
      return { ok: false, error: 'invalid_form_data' };
    }
  }
  return {
    ok: true,
    args: { ...args, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8')).entries()) },
  };
}
