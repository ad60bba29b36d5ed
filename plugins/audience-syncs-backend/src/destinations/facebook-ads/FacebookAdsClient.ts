import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationCapabilities,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  BatchSequence,
  createdObject,
  DestinationClient,
  DestinationConnectContext,
  HttpTransport,
  isJsonSuccess,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createHash, createHmac } from 'node:crypto';
import {
  graphErrorOf,
  readRejections,
  toDestinationError,
  UsersResponse,
} from './facebookResponses';
import {
  FACEBOOK_IDENTIFIER_FIELDS,
  prepareFacebookRow,
} from './prepareFacebookRow';
import { FacebookAdsSettings } from './facebookAdsSettings';

/** "Only a maximum of 10000 at a time" per users request. */
const MAX_USERS_PER_REQUEST = 10_000;
const PAGE_SIZE = 500;
/** 100 pages of 500: far beyond any real account, and a guard against a paging loop. */
const MAX_PAGES = 100;

/** An audience as listed with the fields that say whether users can be uploaded to it. */
interface ListedAudience {
  id: string;
  name?: string;
  subtype?: string;
  permission_for_actions?: { can_edit?: boolean };
}

/**
 * Only customer-list audiences (subtype CUSTOM) take uploaded users, and only when the account may edit
 * them (an audience shared from another business may not be): lookalike, website, app or engagement
 * audiences are filled by Meta itself.
 */
function acceptsUploads(audience: ListedAudience): boolean {
  return (
    audience.subtype === 'CUSTOM' &&
    audience.permission_for_actions?.can_edit !== false
  );
}

/**
 * Meta's `session` of a multi-request upload. Its `session_id` is a number: a hash of the sequence id,
 * so every batch of the run's operation (and each retry) names the same session.
 */
function uploadSession(sequence: BatchSequence) {
  const hash = createHash('sha256').update(sequence.id).digest('hex');
  return {
    // 48 bits: a safe integer in JSON, and enough that two runs' sessions never meet.
    session_id: parseInt(hash.slice(0, 12), 16),
    batch_seq: sequence.number,
    last_batch_flag: sequence.last,
    estimated_num_total: sequence.estimatedRows,
  };
}

/** One Facebook Ads ad account: its Custom Audiences, filled through the Marketing API. */
export class FacebookAdsClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities = {
    supportsAudienceSyncs: true,
    objectLabel: 'Custom Audience',
    identifierFields: FACEBOOK_IDENTIFIER_FIELDS,
    additionalFields: 'none',
    canCreateObjects: true,
    // Meta keeps custom audiences' hashed members to itself: the API reports sizes, never members.
    canReadMembers: false,
    batchSize: MAX_USERS_PER_REQUEST,
    // The custom_audience business-use-case floor of a standard-tier ad account.
    rateLimit: { requests: 190_000, perSeconds: 3600 },
    // A session's batches are numbered, so Meta takes them in any order up to the last one.
    concurrentBatches: 4,
  };
  readonly #settings: FacebookAdsSettings;
  readonly #http: HttpTransport;
  readonly #logger: LoggerService;

  /** Graph requests carry the token in a Bearer header, never in a URL that could be logged. */
  static create(context: DestinationConnectContext<FacebookAdsSettings>) {
    const { settings } = context;
    const transport = context.http({
      service: 'Facebook',
      baseUrl: settings.apiRoot,
      auth: { type: 'bearer', token: settings.accessToken },
      toError: answer => toDestinationError(answer, settings),
      // Graph may put an error envelope in a 2xx answer.
      isSuccess: answer => isJsonSuccess(answer) && !graphErrorOf(answer),
    });
    return new FacebookAdsClient(settings, transport, context.logger);
  }

  private constructor(
    settings: FacebookAdsSettings,
    http: HttpTransport,
    logger: LoggerService,
  ) {
    this.#settings = settings;
    this.#http = http;
    this.#logger = logger;
  }

  listObjects(): Promise<DestinationObject[]> {
    return this.#http.paginate({
      request: (after?: string) => ({
        method: 'GET',
        path: this.#accountPath(),
        query: this.#query({
          fields: 'id,name,subtype,permission_for_actions',
          limit: String(PAGE_SIZE),
          after,
        }),
      }),
      read: (body: {
        data?: ListedAudience[];
        paging?: { next?: string; cursors?: { after?: string } };
      }) => ({
        items: (body.data ?? []).filter(acceptsUploads).map(audience => ({
          id: String(audience.id),
          name: audience.name ?? String(audience.id),
        })),
        next: body.paging?.next ? body.paging.cursors?.after : undefined,
      }),
      maxPages: MAX_PAGES,
      what: `custom audiences of act_${this.#settings.adAccountId}`,
    });
  }

  async createObject(name: string): Promise<DestinationObject> {
    const body = await this.#http.json<{ id?: string | number }>(
      'POST',
      this.#accountPath(),
      {
        query: this.#query(),
        body: {
          name,
          subtype: 'CUSTOM',
          description: 'Kept in sync by Backstage Audience Syncs',
          customer_file_source: this.#settings.customerFileSource,
        },
      },
    );
    // Graph answers the id alone.
    return createdObject(
      { id: body.id },
      { name, service: 'Facebook', object: 'audience' },
    );
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareFacebookRow(member, target, this.#settings);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    // Audiences hold match keys only (additionalFields 'none'): an update has nothing to change.
    if (request.operation === 'update' || request.rows.length === 0) {
      return { rejected: [] };
    }
    const body = await this.#http.json<UsersResponse>(
      request.operation === 'add' ? 'POST' : 'DELETE',
      `/${encodeURIComponent(request.target.object.id)}/users`,
      {
        query: this.#query(),
        body: {
          payload: {
            schema: [request.target.identifier.field],
            data: request.rows.map(row => [row.identifier]),
          },
          session: request.sequence && uploadSession(request.sequence),
        },
        signal: request.signal,
      },
    );
    const { rejected, unexplained } = readRejections(body, request.rows);
    if (unexplained > 0) {
      this.#logger.warn(
        `Facebook counted ${unexplained} invalid entries in a batch for audience ${request.target.object.id} without naming them`,
      );
    }
    return { rejected };
  }

  #accountPath(): string {
    return `/act_${this.#settings.adAccountId}/customaudiences`;
  }

  /** `query` with `appsecret_proof` when the app requires it: HMAC-SHA256 of the token and the time. */
  #query(
    query: Record<string, string | undefined> = {},
  ): Record<string, string | undefined> {
    const { accessToken, appSecret } = this.#settings;
    if (!appSecret) return query;
    const time = String(Math.floor(Date.now() / 1000));
    const proof = createHmac('sha256', appSecret)
      .update(`${accessToken}|${time}`)
      .digest('hex');
    return { ...query, appsecret_time: time, appsecret_proof: proof };
  }
}
