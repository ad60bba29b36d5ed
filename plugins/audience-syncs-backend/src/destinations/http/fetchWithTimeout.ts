/**
 * `fetch`, aborted after `timeoutMs` (a `TimeoutError`) or when the caller's `signal` aborts, whichever
 * comes first. Failures are thrown as `fetch` throws them: callers decide what they mean.
 */
export function fetchWithTimeout(
  url: string | URL,
  init: Omit<RequestInit, 'signal'>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Response> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  return fetch(url, { ...init, signal: AbortSignal.any(signals) });
}
