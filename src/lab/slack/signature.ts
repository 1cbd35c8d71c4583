import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`). */
export function slackSignature(
  signingSecret: string,
  timestampSec: number | string,
  rawBody: string,
): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  timestampSec: number,
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': slackSignature(signingSecret, timestampSec, rawBody),
  };
}
