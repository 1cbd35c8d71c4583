import { webApi } from '@slack/bolt';
import type { SlackSettings } from '../config/index.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './bolt-logger.js';

/**
 * Network errors and 5xx are retried a few times, quickly enough that a result still lands within
 * seconds; 429s are not retried here (see below).
 */
export const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 5_000,
  randomize: true,
};

export interface SlackClients {
  /** Thread replies, files and parent messages (paced per channel). */
  replies: webApi.WebClient;
  /** chat.update only (paced per workspace). */
  progress: webApi.WebClient;
  /** Lookups: auth.test, usergroups.users.list. */
  lookups: webApi.WebClient;
}

/**
 * Separate clients because a WebClient that meets a 429 pauses every call it has queued. The two
 * paced clients also hand 429s back (`rejectRateLimitedCalls`) instead of sleeping on them: their
 * pacers know the scope of the limit — one channel, or the workspace's updates — and pause just that,
 * then resend. Lookups keep the WebClient's own Retry-After handling.
 */
export function createSlackClients(
  slack: Pick<SlackSettings, 'botToken' | 'apiUrl'>,
  log: Logger,
  retry: webApi.RetryOptions = DEFAULT_RETRY,
): SlackClients {
  const base: webApi.WebClientOptions = {
    logger: boltLogger(log),
    retryConfig: retry,
    timeout: 30_000,
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
  };
  return {
    replies: new webApi.WebClient(slack.botToken, { ...base, rejectRateLimitedCalls: true }),
    progress: new webApi.WebClient(slack.botToken, { ...base, rejectRateLimitedCalls: true }),
    lookups: new webApi.WebClient(slack.botToken, base),
  };
}
