import {
  DestinationError,
  RowRejection,
} from '@internal/plugin-audience-syncs-node';
import { parseRetryAfter } from '../http/parseRetryAfter';

/** The rows a 2xx answer says it refused. */
export async function readRejections(
  response: Response,
): Promise<RowRejection[]> {
  const text = await readBody(response);
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  // Anything but `{ rejected: [...] }` means every row was applied.
  const rejected =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { rejected?: unknown }).rejected
      : undefined;
  if (!Array.isArray(rejected)) return [];
  return rejected
    .filter(
      (r): r is Record<string, unknown> & { memberKey: string } =>
        typeof r === 'object' && r !== null && typeof r.memberKey === 'string',
    )
    .map(r => ({
      memberKey: r.memberKey,
      code: typeof r.code === 'string' ? r.code : 'rejected',
      message:
        typeof r.message === 'string' ? r.message : 'Rejected by the webhook',
      retryable: typeof r.retryable === 'boolean' ? r.retryable : false,
    }));
}

/** The response body; a body cut short (time-out, abort, reset) is a retryable network error. */
async function readBody(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new DestinationError({
      message: `The webhook response could not be read: ${
        (error as Error).message
      }`,
      code: 'network_error',
      retryable: true,
      cause: error,
    });
  }
}

/** What a non-2xx answer means for the engine: retry (maybe after a wait) or fail. */
export async function toDestinationError(
  response: Response,
): Promise<DestinationError> {
  const detail = (await readBody(response)).slice(0, 500);
  const status = response.status;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 429) {
    return new DestinationError({
      message: `The webhook is throttling requests (429)`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: retryAfter,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `The webhook failed with ${status}: ${detail}`,
      code: `http_${status}`,
      retryable: true,
      retryAfterMs: retryAfter,
    });
  }
  if (status === 401 || status === 403) {
    return new DestinationError({
      message: `The webhook refused our credentials (${status}); check the destination's signingSecret`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  return new DestinationError({
    message: `The webhook rejected the batch with ${status}: ${detail}`,
    code: `http_${status}`,
    retryable: false,
  });
}
