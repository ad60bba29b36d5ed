import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationFieldType,
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
  HttpTransport,
  isJsonSuccess,
  md5Hex,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  BatchSubscribeResponse,
  emailsInErrors,
  Problem,
  readSubscribeAnswer,
  SegmentChangeResponse,
  toDestinationError,
} from './mailchimpResponses';
import { MergeFieldInfo, mergeFieldValues } from './mergeFieldValues';
import {
  MAILCHIMP_IDENTIFIER_FIELDS,
  prepareMailchimpRow,
} from './prepareMailchimpRow';
import { MailchimpSettings } from './mailchimpSettings';
import { readMailchimpMembers } from './readMailchimpMembers';

/** Members per batch subscribe, and emails per tag add or remove. */
const MAX_MEMBERS_PER_REQUEST = 500;
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;
/**
 * Merge field types by the value they hold; birthdays (`MM/DD`) and addresses are shaped from text and
 * objects when sent, and the other types are text.
 */
const MERGE_FIELD_TYPES: Record<string, DestinationFieldType> = {
  number: 'number',
  date: 'date',
};
/** How long the audience's merge fields are trusted before they are read again. */
const MERGE_FIELDS_TTL_MS = 60_000;

/**
 * One Mailchimp audience: its tags (static segments) are the objects. An add upserts the contacts
 * with a batch subscribe (new ones get `newMemberStatus`, existing ones keep their status; mapped fields
 * become merge fields, written to existing contacts one by one) and then adds them to the tag, since only contacts can be tagged; a remove
 * takes them out of the tag and leaves the contacts alone. At most `maxConcurrentRequests` requests
 * are open at once, under Mailchimp's limit of 10 simultaneous connections.
 */
export class MailchimpClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities = {
    supportsAudienceSyncs: true,
    objectLabel: 'Audience/Tag',
    identifierFields: MAILCHIMP_IDENTIFIER_FIELDS,
    // Merge fields, checked against the audience's when a batch is sent.
    additionalFields: 'any',
    canCreateObjects: true,
    canReadMembers: true,
    batchSize: MAX_MEMBERS_PER_REQUEST,
    // No request budget: Mailchimp limits simultaneous connections, which the client keeps under.
    concurrentBatches: 4,
  };
  readonly #settings: MailchimpSettings;
  readonly #http: HttpTransport;
  #mergeFields:
    | { readAt: number; byTag: Map<string, MergeFieldInfo> }
    | undefined;

  /** The key is the Basic password; requests hold one of `maxConcurrentRequests` connections each. */
  static create(context: DestinationConnectContext<MailchimpSettings>) {
    const { settings } = context;
    const transport = context.http({
      service: 'Mailchimp',
      baseUrl: settings.apiRoot,
      auth: {
        type: 'basic',
        username: 'audience-syncs',
        password: settings.apiKey,
      },
      toError: answer =>
        toDestinationError(
          answer,
          `audience '${settings.listId}'; check the destination's listId`,
        ),
      maxConcurrentRequests: settings.maxConcurrentRequests,
    });
    return new MailchimpClient(settings, transport);
  }

  private constructor(settings: MailchimpSettings, http: HttpTransport) {
    this.#settings = settings;
    this.#http = http;
  }

  /** The audience's tags. */
  listObjects(): Promise<DestinationObject[]> {
    return this.#http.paginate<DestinationObject, number>({
      request: (offset = 0) => ({
        method: 'GET',
        path: `${this.#listPath()}/segments`,
        query: {
          type: 'static',
          count: String(PAGE_SIZE),
          offset: String(offset),
        },
      }),
      read: (
        body: {
          segments?: Array<{ id: number | string; name?: string }>;
          total_items?: number;
        },
        offset = 0,
      ) => {
        const segments = body.segments ?? [];
        const next = offset + PAGE_SIZE;
        return {
          items: segments.map(segment => ({
            id: String(segment.id),
            name: segment.name ?? String(segment.id),
          })),
          next:
            segments.length > 0 && next < (body.total_items ?? 0)
              ? next
              : undefined,
        };
      },
      maxPages: MAX_PAGES,
      what: `tags of Mailchimp audience ${this.#settings.listId}`,
    });
  }

  /** A new tag: a static segment without members. */
  async createObject(name: string): Promise<DestinationObject> {
    const body = await this.#http.json<{ id?: number | string; name?: string }>(
      'POST',
      `${this.#listPath()}/segments`,
      { body: { name, static_segment: [] } },
    );
    return createdObject(body, { name, service: 'Mailchimp', object: 'tag' });
  }

  /** The audience's merge fields (every tag of it shares them), by tag; any tag. */
  async describeFields(): Promise<DestinationFieldSchema> {
    const body = await this.#http.json<{
      merge_fields?: Array<{
        tag?: string;
        name?: string;
        type?: string;
        required?: boolean;
      }>;
    }>('GET', `${this.#listPath()}/merge-fields`, {
      query: { count: String(PAGE_SIZE) },
    });
    return {
      acceptsAnyField: false,
      fields: (body.merge_fields ?? [])
        .filter(f => typeof f.tag === 'string')
        .map(f => ({
          name: f.tag!,
          label: f.name || f.tag!,
          type: MERGE_FIELD_TYPES[f.type ?? ''] ?? 'string',
          required: f.required === true,
        })),
    };
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareMailchimpRow(member, target);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    const { operation, target, rows } = request;
    if (rows.length === 0) return { rejected: [] };
    if (operation === 'remove') {
      await this.#changeTag(request, 'members_to_remove', rows);
      return { rejected: [] };
    }
    if (operation === 'update' && target.fieldMappings.length === 0) {
      return { rejected: [] };
    }
    const rejected = await this.#subscribe(request);
    if (operation === 'update') return { rejected };
    const refused = new Set(rejected.map(r => r.memberKey));
    const contacts = rows.filter(row => !refused.has(row.memberKey));
    if (contacts.length === 0) return { rejected };
    const missing = await this.#changeTag(request, 'members_to_add', contacts);
    for (const row of contacts) {
      const reason = missing.get(row.identifier);
      if (reason) {
        // The contact was upserted a moment ago: worth another try on a later run.
        rejected.push({
          memberKey: row.memberKey,
          code: 'not_in_audience',
          message: `Mailchimp did not tag the contact: ${reason}`,
          retryable: true,
        });
      }
    }
    return { rejected };
  }

  /**
   * Upserts the rows' contacts; returns the rows Mailchimp refused. Batch subscribe requires a `status`
   * of every member and, with `update_existing`, gives it to existing contacts too: so it only creates
   * the new ones (with `newMemberStatus`), and the existing ones keep their status. Where the sync maps
   * fields, those are written one by one with `PUT members/{hash}`, which leaves the status alone.
   */
  async #subscribe(request: BatchRequest): Promise<RowRejection[]> {
    const byTag =
      request.target.fieldMappings.length > 0
        ? await this.#mergeFieldsFor(request.target)
        : undefined;
    const body = await this.#http.json<BatchSubscribeResponse>(
      'POST',
      this.#listPath(),
      {
        query: {
          skip_merge_validation: 'false',
          skip_duplicate_check: 'false',
        },
        body: {
          members: request.rows.map(row => ({
            email_address: row.identifier,
            status: this.#settings.newMemberStatus,
            ...(byTag
              ? { merge_fields: mergeFieldValues(row.fields, byTag) }
              : {}),
          })),
          update_existing: false,
          sync_tags: false,
        },
        signal: request.signal,
      },
    );
    const { rejected, existing } = readSubscribeAnswer(body, request.rows);
    if (!byTag) return rejected;
    const updates = await Promise.all(
      existing.map(row => this.#updateMergeFields(request, row, byTag)),
    );
    return [...rejected, ...updates.filter(r => r !== undefined)];
  }

  /** Writes an existing contact's merge fields; the rejection when Mailchimp refuses them. */
  async #updateMergeFields(
    request: BatchRequest,
    row: PreparedRow,
    byTag: Map<string, MergeFieldInfo>,
  ): Promise<RowRejection | undefined> {
    const answer = await this.#http.request(
      'PUT',
      `${this.#listPath()}/members/${md5Hex(row.identifier.toLowerCase())}`,
      {
        query: { skip_merge_validation: 'false' },
        body: {
          email_address: row.identifier,
          status_if_new: this.#settings.newMemberStatus,
          merge_fields: mergeFieldValues(row.fields, byTag),
        },
        signal: request.signal,
      },
    );
    if (isJsonSuccess(answer)) return undefined;
    if (answer.status !== 400) throw this.#http.error(answer);
    const problem = answer.body as Problem | undefined;
    return {
      memberKey: row.memberKey,
      code: 'invalid_contact',
      message: `Mailchimp refused the contact: ${
        problem?.detail ?? problem?.title ?? 'no reason given'
      }`,
      retryable: false,
    };
  }

  /** Adds contacts to the sync's tag or takes them out; returns the emails Mailchimp did not find. */
  async #changeTag(
    request: BatchRequest,
    change: 'members_to_add' | 'members_to_remove',
    rows: PreparedRow[],
  ): Promise<Map<string, string>> {
    const tag = request.target.object;
    const missing = `tag '${tag.name}' (${tag.id}) in audience ${
      this.#settings.listId
    }; check the sync's object and the destination's listId`;
    const body = await this.#http.json<SegmentChangeResponse>(
      'POST',
      `${this.#listPath()}/segments/${encodeURIComponent(tag.id)}`,
      {
        body: { [change]: [...new Set(rows.map(row => row.identifier))] },
        signal: request.signal,
        toError: answer => toDestinationError(answer, missing),
      },
    );
    return emailsInErrors(body);
  }

  /** The audience's merge fields by tag; fails naming any mapped field the audience lacks. */
  async #mergeFieldsFor(
    target: SyncTarget,
  ): Promise<Map<string, MergeFieldInfo>> {
    const wanted = [
      ...new Set(
        target.fieldMappings.map(m => m.destinationField.toUpperCase()),
      ),
    ];
    const fresh =
      this.#mergeFields &&
      Date.now() - this.#mergeFields.readAt < MERGE_FIELDS_TTL_MS;
    let byTag = fresh
      ? this.#mergeFields!.byTag
      : await this.#readMergeFields();
    if (fresh && wanted.some(tag => !byTag.has(tag))) {
      // Someone may have added the field in Mailchimp since.
      byTag = await this.#readMergeFields();
    }
    const missing = wanted.filter(tag => !byTag.has(tag));
    if (missing.length > 0) {
      throw new DestinationError({
        message: `Mailchimp audience ${
          this.#settings.listId
        } has no merge field ${missing.join(', ')} (it has ${[
          ...byTag.keys(),
        ].join(
          ', ',
        )}); add it in Mailchimp or change the sync's field mappings`,
        code: 'unknown_merge_field',
        retryable: false,
      });
    }
    return byTag;
  }

  async #readMergeFields(): Promise<Map<string, MergeFieldInfo>> {
    const body = await this.#http.json<{
      merge_fields?: Array<{ tag?: string; type?: string }>;
    }>('GET', `${this.#listPath()}/merge-fields`, {
      query: { count: String(PAGE_SIZE) },
    });
    const byTag = new Map<string, MergeFieldInfo>();
    for (const field of body.merge_fields ?? []) {
      if (typeof field.tag === 'string') {
        const tag = field.tag.toUpperCase();
        byTag.set(tag, { tag: field.tag, type: field.type ?? 'text' });
      }
    }
    this.#mergeFields = { readAt: Date.now(), byTag };
    return byTag;
  }

  /** The tag's contacts by email, page after page (see `readMailchimpMembers`). */
  readMembers(
    target: SyncTarget,
    options: { signal?: AbortSignal } = {},
  ): AsyncIterable<DestinationMember[]> {
    const tag = target.object;
    return readMailchimpMembers({
      http: this.#http,
      segmentPath: `${this.#listPath()}/segments/${encodeURIComponent(tag.id)}`,
      missing: `tag '${tag.name}' (${tag.id}) in audience ${
        this.#settings.listId
      }; check the sync's object and the destination's listId`,
      signal: options.signal,
    });
  }

  #listPath(): string {
    return `/lists/${encodeURIComponent(this.#settings.listId)}`;
  }
}
