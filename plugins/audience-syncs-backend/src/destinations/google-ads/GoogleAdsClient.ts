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
import {
  googleStatusOf,
  memberViolations,
  toDestinationError,
} from './googleResponses';
import { GOOGLE_IDENTIFIER_FIELDS, prepareGoogleRow } from './prepareGoogleRow';
import { GoogleAdsSettings } from './googleAdsSettings';

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
    batchSize: MAX_MEMBERS_PER_REQUEST,
    // IngestionService: 300 requests a minute per Google Cloud project.
    rateLimit: { requests: 300, perSeconds: 60 },
  };
  readonly #settings: GoogleAdsSettings;
  readonly #http: HttpTransport;

  static create(context: DestinationConnectContext<GoogleAdsSettings>) {
    const { settings } = context;
    const transport = context.http({
      service: 'Google',
      baseUrl: settings.apiRoot,
      auth: { type: 'bearer', token: settings.accessToken },
      toError: answer => toDestinationError(answer, settings),
    });
    return new GoogleAdsClient(settings, transport);
  }

  private constructor(settings: GoogleAdsSettings, http: HttpTransport) {
    this.#settings = settings;
    this.#http = http;
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

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareGoogleRow(member, target, this.#settings);
  }

  /**
   * Data Manager fails a whole request over one bad member. When every violation names a member,
   * those rows are rejected and the others sent again, so one bad row does not hold back its batch.
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
      if (isJsonSuccess(answer)) break;
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
      audienceMembers: rows.map(row => audienceMember(field, row.identifier)),
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
