import { type Answer, textAnswer } from './answer.js';
import { parseMultipart, type UploadedPart } from './http-body.js';
import type { SlackStore } from './store.js';

function isPart(value: unknown): value is UploadedPart {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedPart).content);
}

/**
 * The URL files.getUploadURLExternal hands out. Slack takes the bytes raw or as a multipart form
 * (@slack/web-api sends a form with one file part) and answers `OK - <bytes>`.
 */
export async function handleUpload(
  store: SlackStore,
  fileId: string,
  raw: Buffer,
  contentType: string | undefined,
): Promise<Answer> {
  const file = store.file(fileId);
  if (!file) return textAnswer(404, 'file_not_found', { error: 'file_not_found' });
  let content = raw;
  if ((contentType ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const parts = Object.values(await parseMultipart(raw, contentType ?? ''));
    const part = parts.find(isPart);
    if (!part) return textAnswer(400, 'no_file_data', { error: 'no_file_data' });
    content = part.content;
  }
  file.content = content;
  file.uploaded = true;
  store.changed();
  return textAnswer(200, `OK - ${content.length}`);
}
