import { DestinationError } from '../connectors';
import { HttpAnswer } from './HttpAnswer';
import { parseRetryAfter } from './parseRetryAfter';

/** How much of an error body a message quotes. */
const DETAIL_LENGTH = 500;

/**
 * The plain reading of a failed answer, for a vendor whose errors say nothing beyond their status: 429 is
 * throttling (for as long as `Retry-After` says), 408 and 5xx are worth retrying, 401 and 403 are the
 * credentials' fault (the message names the `credentials` setting), any other status fails for good.
 * `service` is the subject of the message, e.g. `The webhook`.
 *
 * @public
 */
export function httpStatusError(
  answer: HttpAnswer,
  context: { service: string; credentials: string },
): DestinationError {
  const { status } = answer;
  const detail = answer.text.slice(0, DETAIL_LENGTH);
  const retryAfterMs = parseRetryAfter(answer.headers);
  if (status === 429) {
    return new DestinationError({
      message: `${context.service} is throttling requests (429)`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `${context.service} failed with ${status}: ${detail}`,
      code: `http_${status}`,
      retryable: true,
      retryAfterMs,
    });
  }
  if (status === 401 || status === 403) {
    return new DestinationError({
      message: `${context.service} refused our credentials (${status}); check the destination's ${context.credentials}`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  return new DestinationError({
    message: `${context.service} rejected the request with ${status}: ${detail}`,
    code: `http_${status}`,
    retryable: false,
  });
}
