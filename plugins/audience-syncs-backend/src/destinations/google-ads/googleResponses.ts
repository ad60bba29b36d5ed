import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The google.rpc.Status of an error answer: `{ error: { code, message, status, details } }`. */
export interface GoogleStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<Record<string, unknown>>;
}

/** The status of an error answer, if it has one. */
export function googleStatusOf(answer: HttpAnswer): GoogleStatus | undefined {
  return (answer.body as { error?: GoogleStatus } | undefined)?.error;
}

export interface FieldViolation {
  field?: string;
  description?: string;
  reason?: string;
}

function detail(error: GoogleStatus | undefined, type: string) {
  return error?.details?.find(d =>
    String(d['@type']).endsWith(`google.rpc.${type}`),
  );
}

function violationsOf(error: GoogleStatus | undefined): FieldViolation[] {
  const badRequest = detail(error, 'BadRequest') as
    | { fieldViolations?: FieldViolation[] }
    | undefined;
  return badRequest?.fieldViolations ?? [];
}

/**
 * The audience members a refused request names, by index (`audience_members[3]…`), when every violation
 * is about a member: then the others can be sent again. Undefined when any violation is about the request
 * itself (destination, terms, encoding, size), which no member's removal would fix.
 */
export function memberViolations(
  error: GoogleStatus | undefined,
  memberCount: number,
): Map<number, FieldViolation> | undefined {
  const violations = violationsOf(error);
  if (violations.length === 0) return undefined;
  const byMember = new Map<number, FieldViolation>();
  for (const violation of violations) {
    const match = /^audience_members\[(\d+)\]/.exec(violation.field ?? '');
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= memberCount) return undefined;
    if (!byMember.has(index)) byMember.set(index, violation);
  }
  return byMember;
}

/**
 * What a Data Manager error answer means for the engine. The status decides, except that a concurrent
 * modification (a conflict with another write of the list) is worth retrying whatever its status.
 */
export function toDestinationError(
  answer: HttpAnswer,
  context: { operatingAccountId: string; credentials: string },
): DestinationError {
  const { status, headers } = answer;
  const error = googleStatusOf(answer);
  const reason = (detail(error, 'ErrorInfo') as { reason?: string } | undefined)
    ?.reason;
  const said = `${error?.status ?? `HTTP ${status}`}${
    reason && reason !== error?.status ? `/${reason}` : ''
  }: ${error?.message ?? 'no details'}`;
  if (status === 429 || error?.status === 'RESOURCE_EXHAUSTED') {
    return new DestinationError({
      message: `Google is throttling requests (${said})`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: retryDelayMs(error) ?? parseRetryAfter(headers),
    });
  }
  if (status === 401) {
    return new DestinationError({
      message: `Google refused the access token (${said}); check the destination's ${
        context.credentials
      }: ${
        context.credentials === 'accessToken'
          ? 'OAuth access tokens expire after an hour and need'
          : 'the refresh token needs'
      } the datamanager scope`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (status === 403) {
    return new DestinationError({
      message: `The access token may not use Google Ads account ${context.operatingAccountId} (${said}); check operatingAccountId and loginAccountId`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (reason === 'CONCURRENT_MODIFICATION' || error?.status === 'ABORTED') {
    return new DestinationError({
      message: `Another request changed the list at the same time (${said})`,
      code: 'concurrent_modification',
      retryable: true,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `Google failed with ${status} (${said})`,
      code: 'google_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  const violations = violationsOf(error)
    .slice(0, 5)
    .map(v => `${v.field}: ${v.description} (${v.reason})`);
  return new DestinationError({
    message: `Google refused the request (${said})${
      violations.length ? `: ${violations.join('; ')}` : ''
    }`,
    code: status === 404 ? 'object_not_found' : 'invalid_request',
    retryable: false,
  });
}

/** `google.rpc.RetryInfo.retryDelay`, a Duration like `"1.5s"`, in milliseconds. */
function retryDelayMs(error: GoogleStatus | undefined): number | undefined {
  const delay = (
    detail(error, 'RetryInfo') as { retryDelay?: unknown } | undefined
  )?.retryDelay;
  const match =
    typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}
