import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
  PreparedRow,
  RowRejection,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The burst window of HubSpot's limits: TEN_SECONDLY_ROLLING. */
export const TEN_SECONDS_MS = 10_000;

/** HubSpot's error body, also the shape of each error of a 207 answer. */
export interface HubSpotError {
  status?: string;
  message?: string;
  category?: string;
  subCategory?: string;
  errorType?: string;
  policyName?: string;
  context?: Record<string, unknown>;
  errors?: Array<{ message?: string; context?: Record<string, unknown> }>;
}

/** A batch upsert or read answer: 200, or 207 Multi-Status with `errors`. */
export interface BatchAnswer {
  results?: Array<{
    id?: string;
    /** The upsert input's own trace id, echoed back. */
    objectWriteTraceId?: string;
    properties?: Record<string, string | null>;
  }>;
  errors?: HubSpotError[];
}

/**
 * What a HubSpot error answer means for the engine. 429 is throttling: HubSpot counts in rolling windows and
 * names the window's length in `X-HubSpot-RateLimit-Interval-Milliseconds`, so the whole window is the
 * wait (ten seconds when the header is missing).
 */
export function toDestinationError(answer: HttpAnswer): DestinationError {
  const { status, headers } = answer;
  const body = answer.body as HubSpotError | undefined;
  const said = `${body?.category ?? body?.errorType ?? `HTTP ${status}`}${
    body?.subCategory ? `/${body.subCategory}` : ''
  }: ${body?.message ?? 'no details'}`;
  if (status === 429 || body?.errorType === 'RATE_LIMIT') {
    return new DestinationError({
      message: `HubSpot is throttling requests of the portal (${said}${
        body?.policyName ? `, policy ${body.policyName}` : ''
      })`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs:
        windowMs(headers) ?? parseRetryAfter(headers) ?? TEN_SECONDS_MS,
    });
  }
  if (status === 401) {
    return new DestinationError({
      message: `HubSpot refused the access token (${said}); check the destination's accessToken setting: a private-app token stops working when the app is deleted or its token rotated`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (status === 403) {
    const scopes = (body?.errors ?? []).flatMap(e => {
      const required = e.context?.requiredGranularScopes;
      return Array.isArray(required) ? required.map(String) : [];
    });
    return new DestinationError({
      message: `The access token may not do this (${said})${
        scopes.length ? `; it lacks the scope ${scopes.join(', ')}` : ''
      }: the private app needs crm.lists.read, crm.lists.write, crm.objects.contacts.read and crm.objects.contacts.write`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `HubSpot failed with ${status} (${said})`,
      code: 'hubspot_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  return new DestinationError({
    message: `HubSpot refused the request (${said})`,
    code: status === 404 ? 'object_not_found' : 'invalid_request',
    retryable: false,
  });
}

function windowMs(headers: Headers): number | undefined {
  const value = Number(
    headers.get('x-hubspot-ratelimit-interval-milliseconds'),
  );
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The record id HubSpot wrote for each upsert input (`inputs[i]`, sent with `objectWriteTraceId` i), by
 * the input's email. Results come in any order and show the email as HubSpot keeps it, which need not be
 * the one sent: the trace id says which input a result is; only a result without one is matched by email.
 */
export function upsertedIds(
  answer: BatchAnswer,
  inputs: string[],
): Map<string, string> {
  const ids = new Map<string, string>();
  const sent = new Set(inputs);
  for (const result of answer.results ?? []) {
    if (result.id === undefined) continue;
    const email =
      result.objectWriteTraceId !== undefined
        ? inputs[Number(result.objectWriteTraceId)]
        : result.properties?.email?.toLowerCase();
    if (email !== undefined && sent.has(email))
      ids.set(email, String(result.id));
  }
  return ids;
}

/**
 * The rows of an upsert HubSpot did not write: every input that no result is for (`upsertedIds`). The reason
 * comes from the error that names its input, by `objectWriteTraceId` (the input's index, as sent) or, in
 * errors without one, by the ids (emails) it lists. Validation errors will not pass on a resend; others may.
 */
export function upsertRejections(
  answer: BatchAnswer,
  inputs: string[],
  rowsByEmail: Map<string, PreparedRow[]>,
): RowRejection[] {
  const written = upsertedIds(answer, inputs);
  const reasons = new Map<string, HubSpotError>();
  const unexplained: HubSpotError[] = [];
  for (const error of answer.errors ?? []) {
    const named = [
      ...listOf(error.context?.objectWriteTraceId)
        .map(trace => inputs[Number(trace)])
        .filter((email): email is string => email !== undefined),
      ...listOf(error.context?.ids).map(id => id.toLowerCase()),
    ];
    if (named.length === 0) unexplained.push(error);
    for (const email of named) reasons.set(email, error);
  }
  const rejected: RowRejection[] = [];
  for (const email of inputs) {
    if (written.has(email)) continue;
    const error = reasons.get(email) ?? unexplained[0];
    for (const row of rowsByEmail.get(email) ?? []) {
      rejected.push({
        memberKey: row.memberKey,
        code: error?.subCategory ?? error?.category ?? 'not_written',
        message: error
          ? `HubSpot refused the contact: ${error.message ?? error.category}`
          : 'HubSpot did not write the contact and gave no reason',
        retryable: error ? error.category !== 'VALIDATION_ERROR' : true,
      });
    }
  }
  return rejected;
}

/**
 * A membership answer: the ids added (under the schema's `recordsIdsAdded` or the `recordIdsAdded`
 * of a doc example: both are read), removed, and missing (no such record).
 */
export function readMembershipUpdate(body: unknown): {
  added: string[];
  removed: string[];
  missing: string[];
} {
  const answer = (body ?? {}) as Record<string, unknown>;
  return {
    added: listOf(answer.recordsIdsAdded ?? answer.recordIdsAdded),
    removed: listOf(answer.recordIdsRemoved),
    missing: listOf(answer.recordIdsMissing),
  };
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
