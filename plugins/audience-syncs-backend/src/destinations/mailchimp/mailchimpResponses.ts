import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
  PreparedRow,
  RowRejection,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * Mailchimp sends no wait with its throttle: it limits simultaneous connections, which free up as
 * other requests finish, so a short pause is enough.
 */
export const MAILCHIMP_THROTTLE_WAIT_MS = 1000;

/** An RFC 7807 error body. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field?: string; message?: string }>;
}

/** The answer of a batch subscribe. */
export interface BatchSubscribeResponse {
  errors?: Array<{
    email_address?: string;
    error?: string;
    error_code?: string;
    field_message?: string;
  }>;
}

/** The answer of a segment (tag) batch add/remove. */
export interface SegmentChangeResponse {
  errors?: Array<{ email_addresses?: string[]; error?: string }>;
}

/**
 * What a batch subscribe did with the rows, by `errors[].email_address`: the rows it refused, and those
 * whose contact exists already (`ERROR_CONTACT_EXISTS`), which it left as they were.
 */
export function readSubscribeAnswer(
  response: BatchSubscribeResponse | undefined,
  rows: PreparedRow[],
): { rejected: RowRejection[]; existing: PreparedRow[] } {
  const byEmail = new Map<string, { error?: string; error_code?: string }>();
  for (const error of response?.errors ?? []) {
    if (typeof error?.email_address === 'string') {
      byEmail.set(error.email_address.trim().toLowerCase(), error);
    }
  }
  const rejected: RowRejection[] = [];
  const existing: PreparedRow[] = [];
  for (const row of rows) {
    const error = byEmail.get(row.identifier.toLowerCase());
    if (!error) continue;
    if (error.error_code === 'ERROR_CONTACT_EXISTS') {
      existing.push(row);
      continue;
    }
    rejected.push({
      memberKey: row.memberKey,
      code: 'invalid_contact',
      message: `Mailchimp refused the contact: ${
        error.error ?? 'no reason given'
      }`,
      retryable: false,
    });
  }
  return { rejected, existing };
}

/** Emails a tag change names in `errors[].email_addresses`: contacts not in the audience. */
export function emailsInErrors(
  response: SegmentChangeResponse | undefined,
): Map<string, string> {
  const emails = new Map<string, string>();
  for (const error of response?.errors ?? []) {
    for (const email of error?.email_addresses ?? []) {
      emails.set(String(email).toLowerCase(), error.error ?? 'refused');
    }
  }
  return emails;
}

/**
 * What a failed request means for the engine. 429, and a 403 without a problem body (the throttle
 * under heavy load), are throttling; 401 and other 403s are the key's fault; 404 is an unknown audience or
 * tag (`missing` says which); 5xx are transient; other 400s are final.
 */
export function toDestinationError(
  answer: HttpAnswer,
  missing: string,
): DestinationError {
  const { status, headers } = answer;
  const problem = problemOf(answer);
  const said = problem
    ? `${problem.title ?? `HTTP ${status}`}: ${problem.detail ?? 'no details'}`
    : `HTTP ${status}`;
  if (status === 429 || (status === 403 && !problem)) {
    return new DestinationError({
      message: `Mailchimp is throttling requests (${said}); it allows 10 simultaneous connections per user`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: parseRetryAfter(headers) ?? MAILCHIMP_THROTTLE_WAIT_MS,
    });
  }
  if (status === 401) {
    return new DestinationError({
      message: `Mailchimp refused the API key (${said}); check the destination's apiKey setting: the key may be wrong or revoked, and its -dc suffix picks the data center`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (status === 403) {
    return new DestinationError({
      message: `Mailchimp refused the request (${said}); the account of the destination's apiKey may not use this audience`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (status === 404) {
    return new DestinationError({
      message: `Mailchimp has no ${missing} (${said})`,
      code: 'object_not_found',
      retryable: false,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `Mailchimp failed with a transient error (${said})`,
      code: 'mailchimp_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  const fields = (problem?.errors ?? [])
    .slice(0, 5)
    .map(e => `${e.field}: ${e.message}`);
  return new DestinationError({
    message: `Mailchimp refused the request (${said})${
      fields.length ? `: ${fields.join('; ')}` : ''
    }`,
    code: 'invalid_request',
    retryable: false,
  });
}

/** The RFC 7807 problem of an answer; a 403 without one is Mailchimp's throttle. */
function problemOf(answer: HttpAnswer): Problem | undefined {
  const body = answer.body as Problem | undefined;
  return typeof body === 'object' && body !== null && 'status' in body
    ? body
    : undefined;
}
