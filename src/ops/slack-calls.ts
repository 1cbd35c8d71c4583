import { webApi } from '@slack/bolt';

/** Where instrumentWebClient() reports; `client` names the WebClient (replies, progress, lookups, bolt). */
export interface SlackCallCounters {
  call(method: string, client: string): void;
  failure(method: string, client: string): void;
  rateLimited(method: string, client: string): void;
  retry(method: string, client: string): void;
}

type MakeRequest = (
  url: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<unknown>;

/** p-retry's options, which WebClient hands `retryConfig` to as they are (its typings omit this hook). */
type RetryConfig = webApi.RetryOptions & {
  onFailedAttempt?: (error: Error & { attemptNumber: number; retriesLeft: number }) => unknown;
};

/** The two WebClient internals the counters need (private in its typings, stable in its source). */
interface WebClientInternals {
  makeRequest: MakeRequest;
  retryConfig: RetryConfig;
}

/**
 * Counts a WebClient's calls by Web API method, its 429s and its retries, without changing what it
 * does. Observing rather than wrapping the public methods: `client.chat.postMessage` and friends are
 * bound to the prototype's apiCall when the client is built, but every request — files' upload URL
 * included — goes through `this.makeRequest`, and each request reads `this.retryConfig` when it
 * starts, so both can be observed per instance.
 */
export function instrumentWebClient(
  client: webApi.WebClient,
  name: string,
  counters: SlackCallCounters,
): void {
  const internals = client as unknown as WebClientInternals;
  const apiUrl = client.slackApiUrl;
  const methodOf = (url: string) =>
    url.startsWith(apiUrl) ? url.slice(apiUrl.length).split('?')[0] || 'unknown' : 'file-upload';
  client.on(webApi.WebClientEvent.RATE_LIMITED, (_retryAfter: number, request: { url?: string }) =>
    counters.rateLimited(methodOf(request?.url ?? ''), name),
  );
  const makeRequest = internals.makeRequest.bind(client);
  internals.makeRequest = (url, body, headers) => {
    const method = methodOf(url);
    counters.call(method, name);
    const base = internals.retryConfig;
    const onFailedAttempt = base.onFailedAttempt;
    // p-retry reads the options synchronously when the request starts (makeRequest has no await
    // before it), so this request — and only this one — sees the counting hook.
    internals.retryConfig = {
      ...base,
      onFailedAttempt: async (error) => {
        if (error.retriesLeft > 0) counters.retry(method, name);
        await onFailedAttempt?.(error);
      },
    };
    try {
      const answer = makeRequest(url, body, headers);
      answer.catch(() => counters.failure(method, name));
      return answer;
    } finally {
      internals.retryConfig = base;
    }
  };
}
