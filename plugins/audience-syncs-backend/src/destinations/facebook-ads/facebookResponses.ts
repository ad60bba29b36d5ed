import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
  PreparedRow,
  RowRejection,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The Graph error envelope's `error`. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** The error envelope of a Graph answer, if it has one. */
export function graphErrorOf(answer: HttpAnswer): GraphError | undefined {
  return (answer.body as { error?: GraphError } | undefined)?.error;
}

/** Rate-limit codes: app (4), user (17), page/ad-account (32, 613) and business-use-case (80000–80014). */
function isThrottle(error: GraphError): boolean {
  const code = error.code ?? 0;
  return (
    [4, 17, 32, 613].includes(code) ||
    (code >= 80000 && code <= 80014) ||
    error.error_subcode === 1487742 ||
    error.error_subcode === 2446079
  );
}

/**
 * What a Graph error answer means for the engine. Graph answers nearly every error with HTTP 400, so the
 * error code decides, not the status.
 */
export function toDestinationError(
  answer: HttpAnswer,
  context: { adAccountId: string },
): DestinationError {
  const { status, headers } = answer;
  const error = graphErrorOf(answer);
  const code = error?.code;
  const said = `${error?.message ?? `HTTP ${status}`}${
    code !== undefined
      ? ` (code ${code}${
          error?.error_subcode ? `/${error.error_subcode}` : ''
        })`
      : ''
  }`;
  if (error && isThrottle(error)) {
    return new DestinationError({
      message: `Facebook is throttling requests of ad account act_${context.adAccountId}: ${said}`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: regainAccessMs(headers) ?? parseRetryAfter(headers),
    });
  }
  if (code === 190 || code === 102 || code === 104 || status === 401) {
    return new DestinationError({
      message: `Facebook refused the access token (${said}); check the destination's accessToken setting: the token may be wrong, expired or revoked`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (
    code === 10 ||
    code === 294 ||
    (code !== undefined && code >= 200 && code <= 299) ||
    status === 403
  ) {
    return new DestinationError({
      message: `The access token may not manage the audiences of ad account act_${context.adAccountId} (${said}); it needs the ads_management permission`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (code === 100 && error?.error_subcode === 33) {
    return new DestinationError({
      message: `Facebook does not know this object, or the token cannot see it: ${said}`,
      code: 'object_not_found',
      retryable: false,
    });
  }
  if (error?.is_transient || code === 1 || code === 2 || status >= 500) {
    return new DestinationError({
      message: `Facebook failed with a transient error: ${said}`,
      code: 'facebook_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  return new DestinationError({
    message: `Facebook refused the request: ${said}`,
    code: code === 105 ? 'too_many_rows' : 'facebook_error',
    retryable: false,
  });
}

/**
 * `X-Business-Use-Case-Usage`: per business id, usage entries with `estimated_time_to_regain_access`
 * in minutes. The longest wait of any entry, in milliseconds; undefined when none says to wait.
 */
function regainAccessMs(headers: Headers): number | undefined {
  const header = headers.get('x-business-use-case-usage');
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<
      string,
      Array<{ estimated_time_to_regain_access?: number }>
    >;
    const minutes = Math.max(
      0,
      ...Object.values(usage)
        .flat()
        .map(entry => Number(entry.estimated_time_to_regain_access) || 0),
    );
    return minutes > 0 ? minutes * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

/** The response of a users upload. */
export interface UsersResponse {
  num_received?: number;
  num_invalid_entries?: number;
  invalid_entry_samples?: Record<string, string>;
}

/**
 * The rows Meta refused, from `invalid_entry_samples`: a map from the value sent to the reason. Rows are found
 * by the identifier they carried. Returns the count Meta gave that no sample explains, too.
 */
export function readRejections(
  response: UsersResponse,
  rows: PreparedRow[],
): { rejected: RowRejection[]; unexplained: number } {
  const samples = response.invalid_entry_samples ?? {};
  const rejected = rows
    .filter(row =>
      Object.prototype.hasOwnProperty.call(samples, row.identifier),
    )
    .map(row => ({
      memberKey: row.memberKey,
      code: 'invalid_entry',
      message: `Facebook refused the row: ${samples[row.identifier]}`,
      retryable: false,
    }));
  const invalid = response.num_invalid_entries ?? 0;
  return { rejected, unexplained: Math.max(0, invalid - rejected.length) };
}
