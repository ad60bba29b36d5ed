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
  createdObject,
  DestinationClient,
  DestinationConnectContext,
  DestinationError,
  DestinationMember,
  HttpAnswer,
  HttpTransport,
  isJsonSuccess,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  BatchAnswer,
  HubSpotError,
  readMembershipUpdate,
  toDestinationError,
  upsertedIds,
  upsertRejections,
} from './hubspotResponses';
import {
  HUBSPOT_IDENTIFIER_FIELDS,
  prepareHubSpotRow,
} from './prepareHubSpotRow';
import { HubSpotSettings } from './hubSpotSettings';
import { readHubSpotMembers } from './readHubSpotMembers';
import { HubSpotProperty, writableProperties } from './hubspotProperties';

/** CRM batch calls take at most 100 inputs. */
const MAX_BATCH_INPUTS = 100;
/** The object type id of contacts. */
const CONTACTS = '0-1';
/** Lists whose memberships the API may change: DYNAMIC lists follow their filters. */
const FILLABLE = ['MANUAL', 'SNAPSHOT'];
const PAGE_SIZE = 500;
const MAX_PAGES = 100;
/** An add (upsert, then membership add) and a remove (read, then membership remove) take two calls each. */
const CALLS_PER_BATCH = 2;

interface ListBody {
  listId?: string | number;
  name?: string;
  objectTypeId?: string;
  processingType?: string;
}

/**
 * One HubSpot portal: its MANUAL and SNAPSHOT contact lists are the objects. Adds upsert the members'
 * contacts by email (creating the missing ones, writing mapped properties) and add their record ids to the
 * list; removes read the contacts by email and remove their ids; updates upsert the properties.
 */
export class HubSpotClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #settings: HubSpotSettings;
  readonly #http: HttpTransport;
  readonly #logger: LoggerService;

  static create(context: DestinationConnectContext<HubSpotSettings>) {
    const { settings } = context;
    const transport = context.http({
      service: 'HubSpot',
      baseUrl: settings.baseUrl,
      auth:
        settings.auth.kind === 'private-app'
          ? { type: 'bearer', token: settings.auth.accessToken }
          : {
              type: 'oauth2',
              grant: { type: 'refresh_token', ...settings.auth },
              credentials: 'clientId, clientSecret and refreshToken',
            },
      toError: toDestinationError,
    });
    return new HubSpotClient(settings, transport, context.logger);
  }

  private constructor(
    settings: HubSpotSettings,
    http: HttpTransport,
    logger: LoggerService,
  ) {
    this.#settings = settings;
    this.#http = http;
    this.#logger = logger;
    this.capabilities = {
      supportsAudienceSyncs: true,
      objectLabel: 'List',
      identifierFields: HUBSPOT_IDENTIFIER_FIELDS,
      // Contact properties, which portals add their own of: `describeFields` lists them.
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: MAX_BATCH_INPUTS,
      // The portal's budget in batches of two calls each.
      rateLimit: {
        requests: Math.floor(settings.requestsPerTenSeconds / CALLS_PER_BATCH),
        perSeconds: 10,
      },
    };
  }

  /** The portal's contact lists whose members can be managed: MANUAL and SNAPSHOT. */
  listObjects(): Promise<DestinationObject[]> {
    return this.#http.paginate<DestinationObject, number>({
      request: (offset = 0) => ({
        method: 'POST',
        path: `${this.#lists()}/search`,
        body: { processingTypes: FILLABLE, count: PAGE_SIZE, offset },
      }),
      read: (
        body: { lists?: ListBody[]; hasMore?: boolean; offset?: number },
        offset = 0,
      ) => ({
        items: (body.lists ?? [])
          .filter(
            list =>
              list.objectTypeId === CONTACTS &&
              FILLABLE.includes(String(list.processingType)),
          )
          .map(list => ({ id: String(list.listId), name: String(list.name) })),
        // An offset that does not move on would list the same page forever.
        next:
          body.hasMore && body.offset !== undefined && body.offset > offset
            ? body.offset
            : undefined,
      }),
      maxPages: MAX_PAGES,
      what: 'HubSpot lists',
    });
  }

  /** The portal's contact properties that can be written (not read-only, not calculated); any list. */
  async describeFields(): Promise<DestinationFieldSchema> {
    const body = await this.#http.json<{ results?: HubSpotProperty[] }>(
      'GET',
      this.#properties(),
    );
    return {
      acceptsAnyField: false,
      fields: writableProperties(body.results ?? []),
    };
  }

  /**
   * Creates a MANUAL contact list. List names are unique in a portal: when the name is taken by a
   * list whose members can be managed, that list is the one to fill.
   */
  async createObject(name: string): Promise<DestinationObject> {
    const answer = await this.#http.request('POST', this.#lists(), {
      body: { name, objectTypeId: CONTACTS, processingType: 'MANUAL' },
    });
    let list: ListBody | undefined;
    if (isJsonSuccess(answer)) {
      list = (answer.body as { list?: ListBody }).list;
    } else if (isNameTaken(answer)) {
      const found = await this.#http.json<{ list?: ListBody }>(
        'GET',
        `${this.#lists()}/object-type-id/${CONTACTS}/name/${encodeURIComponent(
          name,
        )}`,
      );
      list = found.list;
      if (list && !FILLABLE.includes(String(list.processingType))) {
        throw new DestinationError({
          message: `HubSpot already has a ${list.processingType} list named '${name}', whose members follow its filters: choose another name`,
          code: 'object_exists',
          retryable: false,
        });
      }
    } else {
      throw this.#http.error(answer);
    }
    return createdObject(
      { id: list?.listId, name: list?.name },
      { name, service: 'HubSpot', object: 'list' },
    );
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareHubSpotRow(member, target);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    if (request.rows.length === 0) return { rejected: [] };
    const rowsByEmail = groupBy(request.rows, r => r.identifier.toLowerCase());
    switch (request.operation) {
      case 'remove':
        return this.#remove(request, rowsByEmail);
      case 'update':
        if (request.target.fieldMappings.length === 0) return { rejected: [] };
        return {
          rejected: (await this.#upsert(request, rowsByEmail)).rejected,
        };
      default: {
        const { rejected, ids } = await this.#upsert(request, rowsByEmail);
        if (ids.size === 0) return { rejected };
        const answer = readMembershipUpdate(
          await this.#http.json(
            'PUT',
            `${this.#listPath(request)}/memberships/add`,
            {
              body: [...new Set(ids.values())],
              signal: request.signal,
            },
          ),
        );
        // A contact removed between the upsert and the add: the next run upserts it again.
        const missing = new Set(answer.missing);
        for (const [email, id] of ids) {
          if (!missing.has(id)) continue;
          for (const row of rowsByEmail.get(email) ?? []) {
            rejected.push({
              memberKey: row.memberKey,
              code: 'record_missing',
              message:
                'HubSpot no longer had the contact when adding it to the list',
              retryable: true,
            });
          }
        }
        this.#logger.debug(
          `Added ${answer.added.length} contacts to HubSpot list ${
            request.target.object.id
          } (${
            ids.size - answer.added.length - missing.size
          } were members already)`,
        );
        return { rejected };
      }
    }
  }

  /**
   * Creates or updates the rows' contacts by email, with their mapped properties. Returns the
   * record id per email written, and rejections for the others, matched through `objectWriteTraceId`.
   */
  async #upsert(
    request: BatchRequest,
    rowsByEmail: Map<string, PreparedRow[]>,
  ): Promise<{ rejected: RowRejection[]; ids: Map<string, string> }> {
    const inputs = [...rowsByEmail.keys()];
    const answer = await this.#http.request(
      'POST',
      `${this.#contacts()}/batch/upsert`,
      {
        body: {
          inputs: inputs.map((email, index) => {
            const rows = rowsByEmail.get(email)!;
            return {
              id: email,
              idProperty: 'email',
              objectWriteTraceId: String(index),
              properties: {
                ...toProperties(rows[rows.length - 1].fields),
                email,
              },
            };
          }),
        },
        signal: request.signal,
      },
    );
    if (answer.status !== 200 && answer.status !== 207) {
      throw this.#http.error(answer);
    }
    const body = (answer.body ?? {}) as BatchAnswer;
    return {
      rejected: upsertRejections(body, inputs, rowsByEmail),
      ids: upsertedIds(body, inputs),
    };
  }

  /**
   * Finds the rows' contacts by email without creating any (batch read), then removes their ids from
   * the list. Emails no contact has are not members: nothing to remove.
   */
  async #remove(
    request: BatchRequest,
    rowsByEmail: Map<string, PreparedRow[]>,
  ): Promise<BatchResult> {
    const answer = await this.#http.request(
      'POST',
      `${this.#contacts()}/batch/read`,
      {
        body: {
          idProperty: 'email',
          inputs: [...rowsByEmail.keys()].map(id => ({ id })),
          properties: ['email'],
        },
        signal: request.signal,
      },
    );
    if (answer.status !== 200 && answer.status !== 207) {
      throw this.#http.error(answer);
    }
    const body = (answer.body ?? {}) as BatchAnswer;
    const unexpected = (body.errors ?? []).filter(
      e => e.category !== 'OBJECT_NOT_FOUND',
    );
    if (unexpected.length > 0) {
      throw this.#http.error({ ...answer, body: unexpected[0] });
    }
    const ids = (body.results ?? [])
      .map(r => r.id)
      .filter((id): id is string => id !== undefined)
      .map(String);
    if (ids.length > 0) {
      // Ids HubSpot reports missing were deleted meanwhile: they are out of the list either way.
      await this.#http.json(
        'PUT',
        `${this.#listPath(request)}/memberships/remove`,
        {
          body: ids,
          signal: request.signal,
        },
      );
    }
    return { rejected: [] };
  }

  /** The list's members by email, page after page (see `readHubSpotMembers`). */
  readMembers(
    target: SyncTarget,
    options: { signal?: AbortSignal } = {},
  ): AsyncIterable<DestinationMember[]> {
    return readHubSpotMembers({
      http: this.#http,
      listPath: `${this.#lists()}/${encodeURIComponent(target.object.id)}`,
      contactsPath: this.#contacts(),
      signal: options.signal,
    });
  }

  #lists(): string {
    const { apiVersion } = this.#settings;
    return apiVersion === 'v3' ? '/crm/v3/lists' : `/crm/lists/${apiVersion}`;
  }

  #contacts(): string {
    const { apiVersion } = this.#settings;
    return apiVersion === 'v3'
      ? '/crm/v3/objects/contacts'
      : `/crm/objects/${apiVersion}/contacts`;
  }

  #properties(): string {
    const { apiVersion } = this.#settings;
    return apiVersion === 'v3'
      ? '/crm/v3/properties/contacts'
      : `/crm/properties/${apiVersion}/contacts`;
  }

  #listPath(request: BatchRequest): string {
    return `${this.#lists()}/${encodeURIComponent(request.target.object.id)}`;
  }
}

/**
 * Contact properties as HubSpot stores them: text. A missing value (null) is the empty string, which
 * clears the property; objects are written as JSON.
 */
function toProperties(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, propertyText(value)]),
  );
}

function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isNameTaken(answer: HttpAnswer): boolean {
  const body = answer.body as HubSpotError | undefined;
  return (
    answer.status === 400 &&
    (body?.subCategory === 'ILS.DUPLICATE_LIST_NAMES' ||
      /already exists/i.test(body?.message ?? ''))
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
