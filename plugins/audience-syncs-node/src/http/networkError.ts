import { DestinationError } from '../connectors';

/**
 * What a request that got no (whole) answer means for the engine: cancelled by the engine's `signal`
 * (not retryable), timed out after `timeoutMs` or the service could not be reached (both retryable), or
 * never sent because `fetch` refused to build it (a header value with a line break, a URL with
 * credentials: not retryable, the settings must change). The message names the `service` and says what
 * failed, through `scrub`; the raw error is not kept, as `fetch` quotes header values and URLs,
 * credentials included.
 */
export function networkError(
  error: unknown,
  signal: AbortSignal | undefined,
  context: { service: string; scrub: (text: string) => string },
): DestinationError {
  if (signal?.aborted) {
    return new DestinationError({
      message: 'The batch was cancelled',
      code: 'aborted',
      retryable: false,
    });
  }
  if ((error as Error | undefined)?.name === 'TimeoutError') {
    return new DestinationError({
      message: `${context.service} did not answer in time (timeoutMs)`,
      code: 'timeout',
      retryable: true,
    });
  }
  // Network failures carry their cause (ECONNREFUSED, a reset); a request fetch would not build has
  // none. Names, not classes: fetch's errors may come from another realm than the caller's.
  const failure = error as Error | undefined;
  if (failure?.name === 'TypeError' && failure.cause === undefined) {
    return new DestinationError({
      message: `The request to ${
        context.service
      } could not be sent (${context.scrub(
        failure.message,
      )}); check the destination's settings`,
      code: 'request_not_sent',
      retryable: false,
    });
  }
  return new DestinationError({
    message: `${context.service} could not be reached: ${context.scrub(
      describe(error),
    )}`,
    code: 'network_error',
    retryable: true,
  });
}

/** `fetch failed` says little: its cause says what (`connect ECONNREFUSED 127.0.0.1:443`). */
function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = ((error as Error)?.cause as Error | undefined)?.message;
  return cause ? `${message} (${cause})` : message;
}
