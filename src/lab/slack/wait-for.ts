export interface WaitForOptions {
  /** Default 5 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Said in the timeout error, e.g. "the summary reply". */
  description?: string;
}

/**
 * Resolves with the predicate's first truthy result, checking now and after every change of the
 * stand-in (no polling interval to tune). Rejects after the timeout, saying what it waited for.
 */
export function waitForChange<T>(
  onChange: (listener: () => void) => () => void,
  predicate: () => T | undefined | null | false,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise<T>((resolve, reject) => {
    let unsubscribe = (): void => {};
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      unsubscribe();
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const check = () => {
      let value: T | undefined | null | false;
      try {
        value = predicate();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value) finish(() => resolve(value as T));
    };
    const onAbort = () => finish(() => reject(options.signal?.reason ?? new Error('waitFor aborted')));
    const timer = setTimeout(() => {
      const what = options.description ?? 'the condition';
      finish(() => reject(new Error(`Slack stand-in: timed out after ${timeoutMs} ms waiting for ${what}`)));
    }, timeoutMs);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    unsubscribe = onChange(check);
    check();
  });
}
