import { expect } from 'vitest';
import type { JobSummary } from '../../../../src/engine/index.js';
import { summarise } from '../../../../src/engine/index.js';
import { checkBlocks } from '../../../../src/lab/slack/index.js';
import type { JobHeader, SlackMessage } from '../../../../src/slack/index.js';
import { makeResult } from '../../../helpers/make-result.js';

export const HEADER: JobHeader = {
  jobId: 'a1b2c3d4',
  requester: 'U0ALICE001',
  command: 'show version',
  target: 'core-routers',
  hostCount: 12,
};

/** Slack's own checks (as the stand-in applies them) plus the text limit chat.update enforces. */
export function expectValidMessage(message: SlackMessage): void {
  expect(checkBlocks(message.blocks, { maxBlocks: 50, maxSectionTextChars: 3_000 })).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(4_000);
}

export function summaryOf(okCount: number, failed: string[] = [], timeouts: string[] = []): JobSummary {
  const results = [
    ...Array.from({ length: okCount }, (_, i) => makeResult({ host: `r${i + 1}`, totalMs: 100 + i * 10 })),
    ...failed.map((host) =>
      makeResult({ host, code: 'CONNECT_REFUSED', message: `connection refused by ${host}` }),
    ),
    ...timeouts.map((host) => makeResult({ host, status: 'timeout', code: 'HOST_TIMEOUT', totalMs: 30_000 })),
  ];
  return summarise(results, { wallMs: 4_200, concurrency: 20, peakConcurrency: 12 });
}
