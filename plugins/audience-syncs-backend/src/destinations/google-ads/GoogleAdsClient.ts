import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationCapabilities,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  createdObject,
  DestinationClient,
  DestinationConnectContext,
  DestinationError,
  HttpTransport,
  isJsonSuccess,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { awaitRequestStatus, RequestOutcome } from './awaitRequestStatus';
import {
  googleStatusOf,
  memberViolations,
  toDestinationError,
} from './googleResponses';
import { GOOGLE_IDENTIFIER_FIELDS, prepareGoogleRow } from './prepareGoogleRow';
import { GoogleAdsSettings } from './googleAdsSettings';
import { readMemberConsent } from './readMemberConsent';

/** At most 10,000 audience members per request. */
const MAX_MEMBERS_PER_REQUEST = 10_000;
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;

/** One Google Ads account's Customer Match lists, filled through the Data Manager API. */
export class GoogleAdsClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities = {
    supportsAudienceSyncs: true,
    objectLabel: 'Customer Match List',
    identifierFields: GOOGLE_IDENTIFIER_FIELDS,
    additionalFields: 'none',
    canCreateObjects: true,
    // Google takes hashed identifiers into user lists and never lists a list's members back.
    canReadMembers: false,
    batchSize: MAX_MEMBERS_PER_REQUEST,
    // IngestionService: 300 requests a minute per Google Cloud project.
    rateLimit: { requests: 300, perSeconds: 60 },
  };
  readonly #settings: GoogleAdsSettings;
  readonly #http: HttpTransport;
  readonly #logger: LoggerService;

  static create(context: DestinationConnectContext<GoogleAdsSettings>) {
    const { settings } = context;
    const { auth, loginAccountId } = settings;
    const credentials =
      auth.kind === 'token'
        ? 'accessToken'
        : 'clientId, clientSecret and refreshToken';
    const transport = context.http({
      service: 'Google',
      baseUrl: settings.apiRoot,
      auth:
        auth.kind === 'token'
          ? { type: 'bearer', token: auth.accessToken }
          : {
              type: 'oauth2',
              grant: { type: 'refresh_token', ...auth },
              credentials,
            },
      // The manager account the operating account is reached through, on every call.
      headers: loginAccountId
        ? {
            'login-account': `accountTypes/GOOGLE_ADS/accounts/${loginAccountId}`,
          }
        : undefined,
      toError: answer =>
        toDestinationError(answer, { ...settings, credentials }),
    });
    return new GoogleAdsClient(settings, transport, context.logger);
  }

  private constructor(
    settings: GoogleAdsSettings,
    http: HttpTransport,
    logger: LoggerService,
  ) {
    this.#settings = settings;
    this.#http = http;
    this.#logger = logger;
  }

  /** The account's Customer Match lists (lists with ingested user list info); other lists cannot be filled. */
  listObjects(): Promise<DestinationObject[]> {
    return this.#http.paginate({
      request: (pageToken?: string) => ({
        method: 'GET',
        path: this.#listsPath(),
        query: { pageSize: String(PAGE_SIZE), pageToken },
      }),
      read: (body: {
        userLists?: Array<{
          id: string;
          displayName?: string;
          ingestedUserListInfo?: unknown;
        }>;
        nextPageToken?: string;
      }) => ({
        items: (body.userLists ?? [])
          .filter(list => list.ingestedUserListInfo)
          .map(list => ({
            id: String(list.id),
            name: list.displayName ?? String(list.id),
          })),
        next: body.nextPageToken || undefined,
      }),
      maxPages: MAX_PAGES,
      what: `user lists of Google Ads account ${
        this.#settings.operatingAccountId
      }`,
    });
  }

  async createObject(name: string): Promise<DestinationObject> {
    const { listUploadKeyType, mobileApp } = this.#settings;
    const body = await this.#http.json<{
      id?: string | number;
      displayName?: string;
    }>('POST', this.#listsPath(), {
      body: {
        displayName: name,
        description: 'Kept in sync by Backstage Audience Syncs',
        ingestedUserListInfo: {
          uploadKeyTypes: [listUploadKeyType],
          ...(listUploadKeyType === 'CONTACT_ID'
            ? {
                contactIdInfo: {
                  dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY',
                },
              }
            : {}),
          ...(mobileApp
            ? {
                mobileIdInfo: {
                  dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY',
                  ...mobileApp,
                },
              }
            : {}),
        },
      },
    });
    return createdObject(
      { id: body.id, name: body.displayName },
      { name, service: 'Google', object: 'user list' },
    );
  }

  /** The member's row, carrying its own consent (from the consent attributes) in `fields.consent`. */
  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    const prepared = prepareGoogleRow(member, target, this.#settings);
    const { consentAttributes } = this.#settings;
    if (!prepared.ok || Object.keys(consentAttributes).length === 0) {
      return prepared;
    }
    const own = readMemberConsent(member, consentAttributes);
    if (!own.ok) {
      return { ok: false, code: 'invalid_consent', reason: own.reason };
    }
    return own.consent
      ? {
          ok: true,
          row: { ...prepared.row, fields: { consent: own.consent } },
        }
      : prepared;
  }

  /**
   * Data Manager fails a whole request over one bad member. When every violation names a member,
   * those rows are rejected and the others sent again, so one bad row does not hold back its batch.
   * An accepted request is processed later: its status is read back, and when Google reports records
   * it could not process, the request's rows are rejected (Google counts failures, it does not say
   * which), so that they stay out of the ledger and go again next run.
   */
  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    // Lists hold identifiers only (additionalFields 'none'): an update has nothing to change.
    if (request.operation === 'update') return { rejected: [] };
    const rejected: RowRejection[] = [];
    let pending = request.rows;
    while (pending.length > 0) {
      const answer = await this.#http.request(
        'POST',
        `/audienceMembers:${request.operation === 'add' ? 'ingest' : 'remove'}`,
        { body: this.#membersBody(request, pending), signal: request.signal },
      );
      if (isJsonSuccess(answer)) {
        const requestId = (answer.body as { requestId?: unknown }).requestId;
        rejected.push(
          ...(await this.#processed(String(requestId ?? ''), pending, request)),
        );
        break;
      }
      const violations = memberViolations(
        googleStatusOf(answer),
        pending.length,
      );
      if (!violations) throw this.#http.error(answer);
      for (const [index, violation] of violations) {
        rejected.push({
          memberKey: pending[index].memberKey,
          code: violation.reason ?? 'INVALID_AUDIENCE_MEMBER',
          message: `Google refused the member: ${
            violation.description ?? violation.reason
          }`,
          retryable: false,
        });
      }
      pending = pending.filter((_, index) => !violations.has(index));
    }
    return { rejected };
  }

  /** The rows of an accepted request that Google could not process; throws while it is still processing. */
  async #processed(
    requestId: string,
    rows: PreparedRow[],
    request: BatchRequest,
  ): Promise<RowRejection[]> {
    if (!requestId) {
      throw new DestinationError({
        message: 'Google accepted the request without a requestId to follow',
        code: 'unexpected_response',
        retryable: true,
      });
    }
    const { checks, firstWaitMs } = this.#settings.requestStatus;
    const outcome = await awaitRequestStatus(this.#http, requestId, {
      checks,
      firstWaitMs,
      signal: request.signal,
    });
    if (!outcome) {
      // Google accepted the request and may take hours to process it: holding the run (or resending the
      // batch, which would meet the same wait) for that long would stall every sync to this account. The
      // accepted request stands; what Google later finds wrong shows in its own diagnostics.
      this.#logger.warn(
        `Google was still processing request ${requestId} after ${checks} status checks; its ${rows.length} members count as sent`,
      );
      return [];
    }
    if (outcome.status === 'SUCCESS') return [];
    const message = failureMessage(outcome, rows.length);
    return rows.map(row => ({
      memberKey: row.memberKey,
      code: outcome.errorCounts[0]?.reason ?? outcome.status,
      message,
      retryable: outcome.status === 'PARTIAL_SUCCESS',
    }));
  }

  #membersBody(request: BatchRequest, rows: PreparedRow[]) {
    const { operatingAccountId, loginAccountId, consent } = this.#settings;
    const add = request.operation === 'add';
    const field = request.target.identifier.field;
    return {
      destinations: [
        {
          operatingAccount: {
            accountType: 'GOOGLE_ADS',
            accountId: operatingAccountId,
          },
          ...(loginAccountId
            ? {
                loginAccount: {
                  accountType: 'GOOGLE_ADS',
                  accountId: loginAccountId,
                },
              }
            : {}),
          productDestinationId: request.target.object.id,
        },
      ],
      audienceMembers: rows.map(row => ({
        ...audienceMember(field, row.identifier),
        ...(add && row.fields.consent ? { consent: row.fields.consent } : {}),
      })),
      encoding: 'HEX',
      ...(add
        ? { termsOfService: { customerMatchTermsOfServiceStatus: 'ACCEPTED' } }
        : {}),
      ...(add && consent ? { consent } : {}),
    };
  }

  #listsPath(): string {
    return `/accountTypes/GOOGLE_ADS/accounts/${
      this.#settings.operatingAccountId
    }/userLists`;
  }
}

/** What Google said of the records of a request it could not (all) process. */
function failureMessage(outcome: RequestOutcome, rowCount: number): string {
  const reasons = outcome.errorCounts
    .map(c => `${c.reason} × ${c.recordCount}`)
    .join(', ');
  return outcome.status === 'FAILED'
    ? `Google could not process the request (FAILED${
        reasons ? `: ${reasons}` : ''
      })`
    : `Google could not process some of the request's ${rowCount} members (PARTIAL_SUCCESS${
        reasons ? `: ${reasons}` : ''
      }); it does not say which, so all are sent again next run`;
}

/** The AudienceMember carrying one identifier of the mapped field. */
function audienceMember(field: string, identifier: string) {
  switch (field) {
    case 'emailAddress':
      return { userData: { userIdentifiers: [{ emailAddress: identifier }] } };
    case 'phoneNumber':
      return { userData: { userIdentifiers: [{ phoneNumber: identifier }] } };
    case 'mobileId':
      return { mobileData: { mobileIds: [identifier] } };
    case 'userId':
      return { userIdData: { userId: identifier } };
    default:
      throw new DestinationError({
        message: `Google Ads has no identifier field '${field}'`,
        code: 'unsupported_identifier',
        retryable: false,
      });
  }
}
