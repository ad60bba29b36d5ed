import { DestinationError } from '@internal/plugin-audience-syncs-node';
import { scrubSecrets } from './scrubSecrets';

/**
 * What a request that got no answer means for the engine: cancelled by the engine's `signal` (not
 * retryable), timed out after `timeoutMs`, or the service could not be reached (both retryable).
 * The message names the `service` and never repeats one of the `secrets`.
 */
export function toNetworkError(
  error: unknown,
  signal: AbortSignal | undefined,
  context: { service: string; secrets?: readonly string[] },
): DestinationError {
  if (signal?.aborted) {
    return new DestinationError({
      message: 'The batch was cancelled',
      code: 'aborted',
      retryable: false,
      cause: error,
    });
  }
  const timedOut = (error as Error).name === 'TimeoutError';
  return new DestinationError({
    message: timedOut
      ? `${context.service} did not answer in time (timeoutMs)`
      : `${context.service} could not be reached: ${scrubSecrets(
          (error as Error).message,
          context.secrets ?? [],
        )}`,
    code: timedOut ? 'timeout' : 'network_error',
    retryable: true,
    cause: error,
  });
}
