import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationConnectContext,
  HttpAnswer,
  HttpTransport,
  PreparedRow,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  readRejections,
  toDestinationError,
  trackBody,
} from './brazeResponses';
import { BRAZE_IDENTIFIER_FIELDS, prepareBrazeRow } from './prepareBrazeRow';
import { BrazeSettings } from './brazeSettings';

/**
 * One Braze workspace. Membership is a value of an array custom attribute, written through
 * `/users/track`: an add is `{ "<attribute>": { "add": [<object id>] } }` with the mapped fields, a
 * remove `{ "remove": [...] }` that never creates a user. Braze segments filter on the value; the partner
 * Cohort API needs partner credentials, so it is not used.
 */
export class BrazeClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #settings: BrazeSettings;
  readonly #http: HttpTransport;
  readonly #logger: LoggerService;

  static create(context: DestinationConnectContext<BrazeSettings>) {
    const { settings } = context;
    const transport = context.http({
      service: 'Braze',
      baseUrl: settings.apiRoot,
      auth: { type: 'bearer', token: settings.apiKey },
      toError: toDestinationError,
    });
    return new BrazeClient(settings, transport, context.logger);
  }

  private constructor(
    settings: BrazeSettings,
    http: HttpTransport,
    logger: LoggerService,
  ) {
    this.#settings = settings;
    this.#http = http;
    this.#logger = logger;
    this.capabilities = {
      supportsAudienceSyncs: true,
      objectLabel: 'Segment (attribute value)',
      identifierFields: BRAZE_IDENTIFIER_FIELDS,
      additionalFields: 'any',
      // Braze's REST API neither lists nor creates attribute values: they are configured.
      canCreateObjects: false,
      // Who has an attribute value is only told by an asynchronous segment export to storage, not a read.
      canReadMembers: false,
      batchSize: settings.batchSize,
      // /users/track: 3,000 requests per 3 seconds.
      rateLimit: { requests: 3000, perSeconds: 3 },
      // Each /users/track request stands alone; one at a time would use about 1% of the budget.
      concurrentBatches: 4,
    };
  }

  /**
   * The configured values, once Braze has accepted the API key: an empty `/users/track` is refused as
   * "no valid data" (400) by a key Braze knows, and as 401 by one it does not, changing nothing.
   */
  async listObjects(): Promise<DestinationObject[]> {
    const answer = await this.#track({ attributes: [] });
    if (!isOk(answer) && answer.status !== 400) {
      throw this.#http.error(answer);
    }
    return this.#settings.objects;
  }

  /** Custom attributes are created by the first write that names them: Braze takes any name. */
  async describeFields(): Promise<DestinationFieldSchema> {
    return { acceptsAnyField: true };
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareBrazeRow(member, target, this.#settings);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    const { operation, target, rows } = request;
    if (rows.length === 0) return { rejected: [] };
    // Updates carry fields only: nothing to send when the sync maps none.
    if (operation === 'update' && target.fieldMappings.length === 0) {
      return { rejected: [] };
    }
    const answer = await this.#track(
      { attributes: rows.map(row => this.#attributesObject(request, row)) },
      request.signal,
    );
    const body = trackBody(answer);
    if (isOk(answer)) {
      const rejected = readRejections(body, rows);
      if ((body?.errors?.length ?? 0) > rejected.length) {
        this.#logger.warn(
          `Braze reported ${
            body!.errors!.length - rejected.length
          } errors in a batch for ${target.object.id} that name no row`,
        );
      }
      return { rejected };
    }
    // A batch of nothing but refused rows fails as a whole (400), naming each row.
    if (answer.status === 400) {
      const rejected = readRejections(body, rows);
      if (rejected.length === rows.length) return { rejected };
    }
    throw this.#http.error(answer);
  }

  #attributesObject(request: BatchRequest, row: PreparedRow) {
    const { membershipAttribute, updateExistingOnly } = this.#settings;
    const objectId = request.target.object.id;
    const identity = { [request.target.identifier.field]: row.identifier };
    switch (request.operation) {
      case 'add':
        return {
          ...row.fields,
          ...identity,
          [membershipAttribute]: { add: [objectId] },
          _update_existing_only: updateExistingOnly,
        };
      case 'remove':
        // Removing a user Braze does not have must not create one.
        return {
          ...identity,
          [membershipAttribute]: { remove: [objectId] },
          _update_existing_only: true,
        };
      default:
        return { ...row.fields, ...identity, _update_existing_only: true };
    }
  }

  /** One `/users/track` request, whatever its answer. */
  #track(body: unknown, signal?: AbortSignal): Promise<HttpAnswer> {
    return this.#http.request('POST', '/users/track', { body, signal });
  }
}

function isOk(answer: HttpAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}
