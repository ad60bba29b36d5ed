import { DestinationError } from '../connectors';

/**
 * What a request that got no (whole) answer means for the engine: cancelled by the engine's `signal`
 * (not retryable), timed out after `timeoutMs`, or the service could not be reached (both retryable).
 * The message names the `service` and says what failed, through `scrub`; the raw error is not kept, as
 * `fetch` quotes header values and URLs, credentials included.
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
  if ((error as Error)?.name === 'TimeoutError') {
    return new DestinationError({
      message: `${context.service} did not answer in time (timeoutMs)`,
      code: 'timeout',
      retryable: true,
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
