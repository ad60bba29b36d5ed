import {
  DestinationError,
  HttpAnswer,
  parseRetryAfter,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * How long to hold the destination after 403 REQUEST_LIMIT_EXCEEDED. The allocation is counted over a
 * rolling 24 hours and Salesforce says nothing about when calls free up: seconds would only spend
 * more attempts, so wait a quarter of an hour between tries.
 */
export const REQUEST_LIMIT_WAIT_MS = 15 * 60_000;

/** One entry of an error answer (single-resource shape). */
export interface SalesforceErrorEntry {
  message?: string;
  errorCode?: string;
  fields?: string[];
}

/** One error of a record in an sObject Collections answer (`statusCode`). */
export interface RecordError {
  statusCode?: string;
  message?: string;
  fields?: string[];
}

/** One entry of an sObject Collections answer, in request order. */
export interface CollectionResult {
  id?: string | null;
  success?: boolean;
  errors?: RecordError[];
}

/** Salesforce answers errors with an array; OAuth errors with `{ error, error_description }`. */
export function errorEntries(body: unknown): SalesforceErrorEntry[] {
  if (Array.isArray(body)) return body as SalesforceErrorEntry[];
  const oauth = body as { error?: string; error_description?: string };
  if (oauth && typeof oauth.error === 'string') {
    return [{ errorCode: oauth.error, message: oauth.error_description }];
  }
  return [];
}

/** A record error means another transaction holds the row: worth sending again. */
export function isLockError(error: {
  statusCode?: string;
  errorCode?: string;
  message?: string;
}): boolean {
  const code = error.statusCode ?? error.errorCode;
  return (
    code === 'UNABLE_TO_LOCK_ROW' ||
    (code === 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY' &&
      /UNABLE_TO_LOCK_ROW/.test(error.message ?? ''))
  );
}

/**
 * What a Salesforce error answer means for the engine. The error code decides where it is telling:
 * REQUEST_LIMIT_EXCEEDED is the org's daily allocation (throttling, whatever the status), UNABLE_TO_LOCK_ROW
 * a row held by another transaction (retry).
 */
export function toDestinationError(
  answer: HttpAnswer,
  context: { authSettings: string; externalIdField?: string },
): DestinationError {
  const { status, headers } = answer;
  const entries = errorEntries(answer.body);
  const first = entries[0] ?? {};
  const code = first.errorCode;
  const said =
    entries.length > 0
      ? entries
          .slice(0, 3)
          .map(e => `${e.errorCode}: ${oneLine(e.message ?? '')}`)
          .join('; ')
      : `HTTP ${status}`;
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    const usage = headers.get('sforce-limit-info');
    return new DestinationError({
      message: `Salesforce refused the call: the org has used its daily API allocation (${said}${
        usage ? `, ${usage}` : ''
      }); waiting for calls to free up`,
      code: 'throttled',
      retryable: true,
      throttled: true,
      retryAfterMs: parseRetryAfter(headers) ?? REQUEST_LIMIT_WAIT_MS,
    });
  }
  if (status === 401 || code === 'INVALID_SESSION_ID') {
    return new DestinationError({
      message: `Salesforce refused the session (${said}); check the destination's ${
        context.authSettings
      } setting${
        context.authSettings === 'accessToken'
          ? ': session tokens expire with their session, so prefer clientId and clientSecret of a connected app'
          : 's'
      }`,
      code: 'unauthorized',
      retryable: false,
    });
  }
  if (entries.some(isLockError)) {
    return new DestinationError({
      message: `Another transaction held a record the request needed (${said})`,
      code: 'row_locked',
      retryable: true,
    });
  }
  if (status >= 500 || status === 408) {
    return new DestinationError({
      message: `Salesforce failed with ${status} (${said})`,
      code: 'salesforce_unavailable',
      retryable: true,
      retryAfterMs: parseRetryAfter(headers),
    });
  }
  if (status === 403) {
    return new DestinationError({
      message: `The Salesforce user may not do this (${said}); it needs API access and read/write on Campaign, CampaignMember, Contact and Lead`,
      code: 'forbidden',
      retryable: false,
    });
  }
  if (status === 404) {
    return new DestinationError({
      message: `Salesforce does not know the resource (${said}); check the destination's instanceUrl and apiVersion settings`,
      code: 'not_found',
      retryable: false,
    });
  }
  const field = context.externalIdField;
  const aboutExternalId =
    field !== undefined &&
    code === 'INVALID_FIELD' &&
    (first.message ?? '').toLowerCase().includes(field.toLowerCase());
  return new DestinationError({
    message: `Salesforce refused the request (${said})${
      aboutExternalId
        ? `; check the destination's externalIdField setting: '${field}' must be a field of Contact and, unless matchLeads is false, of Lead`
        : ''
    }`,
    code: code === 'EXCEEDED_ID_LIMIT' ? 'too_many_rows' : 'invalid_request',
    retryable: false,
  });
}

/** The message of an OAuth token refusal (`invalid_client`, …), naming the connected-app settings. */
export function tokenError(answer: HttpAnswer): DestinationError {
  const { status } = answer;
  const said =
    errorEntries(answer.body)
      .map(e => `${e.errorCode}: ${e.message ?? ''}`)
      .join('; ') || `HTTP ${status}`;
  if (status >= 500) {
    return new DestinationError({
      message: `Salesforce could not issue a session (${said})`,
      code: 'salesforce_unavailable',
      retryable: true,
    });
  }
  return new DestinationError({
    message: `Salesforce refused the connected app's credentials (${said}); check the destination's clientId and clientSecret settings, and that the app allows the client-credentials flow with a run-as user`,
    code: 'unauthorized',
    retryable: false,
  });
}

/** Salesforce puts the whole query, over several lines, in MALFORMED_QUERY messages. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
