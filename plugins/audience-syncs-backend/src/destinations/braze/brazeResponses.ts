import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
  PreparedRow,
  RowRejection,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** A `/users/track` answer: `{ message, attributes_processed?, errors?: [{ type, input_array, index }] }`. */
export interface TrackResponse {
  message?: string;
  errors?: Array<{ type?: string; input_array?: string; index?: number }>;
}

/** The body of a `/users/track` answer, when it is an object. */
export function trackBody(answer: HttpAnswer): TrackResponse | undefined {
  const body = answer.body;
  return typeof body === 'object' && body !== null
    ? (body as TrackResponse)
    : undefined;
}

/**
 * The rows Braze refused, from `errors[]` entries of `input_array` "attributes" and the row's `index`
 *. Entries naming no row of the request are left out.
 */
export function readRejections(
  response: TrackResponse | undefined,
  rows: PreparedRow[],
): RowRejection[] {
  const byIndex = new Map<number, string>();
  for (const error of response?.errors ?? []) {
    const index = error?.index;
    if (
      error?.input_array === 'attributes' &&
      Number.isInteger(index) &&
      index! >= 0 &&
      index! < rows.length &&
      !byIndex.has(index!)
    ) {
      byIndex.set(index!, error.type ?? 'refused');
    }
  }
  return [...byIndex].map(([index, type]) => ({
    memberKey: rows[index].memberKey,
    code: 'invalid_user_object',
    message: `Braze refused the row: ${type}`,
    retryable: false,
  }));
}

/**
 * What a failed `/users/track` means for the engine: 429 is throttling, with the wait from
 * `X-RateLimit-Retry-After` (seconds), else `X-RateLimit-Reset` (epoch seconds), else `Retry-After`; 401 and
 * 403 are the API key's fault; 5xx are transient; the rest (a batch over the size limit) are final.
 */
export function toDestinationError(answer: HttpAnswer): DestinationError {
  const { status, headers } = answer;
  const body = trackBody(answer);
  const said = `HTTP ${status}${body?.message ? `: ${body.message}` : ''}`;
  if (status === 429) {
    return new DestinationError({
      message: `Braze is throttling requests (${said})`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: retryAfterMs(headers),
    });
  }
  if (status === 401) {
    return new DestinationError({
      message: `Braze refused the REST API key (${said}); check the destination's apiKey setting and that it belongs to the workspace at baseUrl`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (status === 403) {
    return new DestinationError({
      message: `Braze refused the request (${said}); the destination's apiKey needs the users.track permission (and any IP allowlist must include this backend)`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (status === 404) {
    return new DestinationError({
      message: `Braze has no /users/track at the destination's baseUrl (${said}); it must be the workspace's REST endpoint, e.g. https://rest.iad-01.braze.com`,
      code: 'not_found',
      retryable: false,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `Braze failed with a transient error (${said})`,
      code: 'braze_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  const details = (body?.errors ?? [])
    .slice(0, 3)
    .map(e => `${e.input_array}[${e.index}]: ${e.type}`);
  return new DestinationError({
    message: `Braze refused the request (${said})${
      details.length ? `: ${details.join('; ')}` : ''
    }`,
    code: 'braze_error',
    retryable: false,
  });
}

function retryAfterMs(headers: Headers): number | undefined {
  const seconds = Number(headers.get('x-ratelimit-retry-after') ?? NaN);
  if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds * 1000);
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  if (Number.isFinite(reset) && reset * 1000 > Date.now()) {
    return Math.ceil(reset * 1000 - Date.now());
  }
  return parseRetryAfter(headers);
}
