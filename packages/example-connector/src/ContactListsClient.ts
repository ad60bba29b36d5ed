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
  HttpAnswer,
  httpStatusError,
  HttpTransport,
  preparedRow,
  PrepareResult,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { ContactListsSettings } from './contactListsSettings';

/** The vendor takes at most 100 emails per request. */
const MAX_EMAILS = 100;

interface ListsPage {
  lists: DestinationObject[];
  nextCursor?: string;
}

/** One contact-lists account: its lists are the objects, filled with contacts by email. */
export class ContactListsClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities = {
    supportsAudienceSyncs: true,
    objectLabel: 'List',
    identifierFields: [
      { field: 'email', label: 'Email', entityKeys: ['email'], hashed: false },
    ],
    // Contact fields, which `describeFields` lists.
    additionalFields: 'any',
    canCreateObjects: true,
    batchSize: MAX_EMAILS,
  };
  readonly #http: HttpTransport;

  /** Requests carry the key in `x-api-key`; the kit scrubs it from every error. */
  static create({
    settings,
    http,
  }: DestinationConnectContext<ContactListsSettings>) {
    return new ContactListsClient(
      http({
        service: 'Contact Lists',
        baseUrl: `${settings.baseUrl}/v1`,
        auth: { type: 'header', name: 'x-api-key', value: settings.apiKey },
        toError: toContactListsError,
      }),
    );
  }

  private constructor(http: HttpTransport) {
    this.#http = http;
  }

  listObjects(): Promise<DestinationObject[]> {
    return this.#http.paginate({
      request: (cursor?: string) => ({
        method: 'GET',
        path: '/lists',
        query: { cursor },
      }),
      read: (page: ListsPage) => ({
        items: page.lists.map(({ id, name }) => ({ id, name })),
        next: page.nextCursor,
      }),
      maxPages: 100,
      what: 'contact lists',
    });
  }

  async createObject(name: string): Promise<DestinationObject> {
    const list = await this.#http.json<{ id?: string; name?: string }>(
      'POST',
      '/lists',
      { body: { name } },
    );
    return createdObject(list, {
      name,
      service: 'Contact Lists',
      object: 'list',
    });
  }

  /** The account's contact fields, the same for every list. */
  async describeFields(): Promise<DestinationFieldSchema> {
    const { fields = [] } = await this.#http.json<{
      fields?: Array<{ key: string; title: string; kind: string }>;
    }>('GET', '/fields');
    return {
      acceptsAnyField: false,
      fields: fields.map(f => ({
        name: f.key,
        label: f.title,
        type: f.kind === 'number' ? 'number' : 'string',
        required: false,
      })),
    };
  }

  /** `preparedRow` converts the mapped values to the described fields' types. */
  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    const email = member.keys[target.identifier.entityKey]?.trim();
    if (!email) {
      return {
        ok: false,
        code: 'missing_identifier',
        reason: 'The member has no email',
      };
    }
    return preparedRow(member, target, email.toLowerCase());
  }

  /** Adds and removes are idempotent at the vendor: a contact is in a list at most once. */
  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    if (request.operation === 'update' || request.rows.length === 0) {
      return { rejected: [] };
    }
    const list = encodeURIComponent(request.target.object.id);
    const { refused = [] } = await this.#http.json<{
      refused?: Array<{ email: string; reason: string }>;
    }>('POST', `/lists/${list}/contacts/${request.operation}`, {
      body: {
        emails: request.rows.map(row => row.identifier),
        ...(request.operation === 'add' &&
        request.target.fieldMappings.length > 0
          ? {
              fields: Object.fromEntries(
                request.rows.map(row => [row.identifier, row.fields]),
              ),
            }
          : {}),
      },
      signal: request.signal,
    });
    const reasons = new Map(refused.map(r => [r.email, r.reason]));
    return {
      rejected: request.rows
        .filter(row => reasons.has(row.identifier))
        .map(row => ({
          memberKey: row.memberKey,
          code: 'refused',
          message: `Contact Lists refused the contact: ${reasons.get(
            row.identifier,
          )}`,
          retryable: false,
        })),
    };
  }
}

/** The vendor's errors: an unknown list is 404; the rest read as their HTTP status says. */
function toContactListsError(answer: HttpAnswer): DestinationError {
  if (answer.status === 404) {
    return new DestinationError({
      message: "Contact Lists has no such list; check the sync's object",
      code: 'object_not_found',
      retryable: false,
    });
  }
  return httpStatusError(answer, {
    service: 'Contact Lists',
    credentials: 'apiKey',
  });
}
