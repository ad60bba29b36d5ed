import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DestinationCapabilities,
  DestinationObject,
} from '@internal/plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationError,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@internal/plugin-audience-syncs-node';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import {
  BatchSubscribeResponse,
  emailsInErrors,
  Problem,
  readSubscribeRejections,
  SegmentChangeResponse,
  toDestinationError,
} from './mailchimpResponses';
import { MergeFieldInfo, mergeFieldValues } from './mergeFieldValues';
import {
  MAILCHIMP_IDENTIFIER_FIELDS,
  prepareMailchimpRow,
} from './prepareMailchimpRow';
import {
  MailchimpSettings,
  readMailchimpSettings,
} from './readMailchimpSettings';
import { toNetworkError } from '../http/toNetworkError';
import { fetchJson, JsonAnswer } from '../http/fetchJson';
import { isJsonSuccess } from '../http/isJsonSuccess';

/** Members per batch subscribe, and emails per tag add or remove. */
const MAX_MEMBERS_PER_REQUEST = 500;
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;
/** How long the audience's merge fields are trusted before they are read again. */
const MERGE_FIELDS_TTL_MS = 60_000;

/**
 * One Mailchimp audience: its tags (static segments) are the objects. An add upserts the contacts
 * with a batch subscribe (new ones get `newMemberStatus`, existing ones keep their status; mapped fields
 * become merge fields) and then adds them to the tag, since only contacts can be tagged; a remove
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
    batchSize: MAX_MEMBERS_PER_REQUEST,
    // No request budget: Mailchimp limits simultaneous connections, which the client keeps under.
    concurrentBatches: 4,
  };
  readonly #settings: MailchimpSettings;
  readonly #logger: LoggerService;
  readonly #connections: ConcurrencyLimit;
  #mergeFields:
    | { readAt: number; byTag: Map<string, MergeFieldInfo> }
    | undefined;

  static fromSettings(settings: Config, logger: LoggerService) {
    return new MailchimpClient(readMailchimpSettings(settings), logger);
  }

  private constructor(settings: MailchimpSettings, logger: LoggerService) {
    this.#settings = settings;
    this.#logger = logger;
    this.#connections = new ConcurrencyLimit(settings.maxConcurrentRequests);
  }

  /** The audience's tags. */
  async listObjects(): Promise<DestinationObject[]> {
    const objects: DestinationObject[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = (await this.#json(
        'GET',
        `${this.#listPath()}/segments`,
        this.#audience(),
        {
          query: {
            type: 'static',
            count: String(PAGE_SIZE),
            offset: String(page * PAGE_SIZE),
          },
        },
      )) as {
        segments?: Array<{ id: number | string; name?: string }>;
        total_items?: number;
      };
      const segments = body.segments ?? [];
      for (const segment of segments) {
        objects.push({
          id: String(segment.id),
          name: segment.name ?? String(segment.id),
        });
      }
      const total = body.total_items ?? 0;
      if (segments.length === 0 || (page + 1) * PAGE_SIZE >= total) {
        return objects;
      }
    }
    this.#logger.warn(
      `Listed only the first ${objects.length} tags of Mailchimp audience ${
        this.#settings.listId
      }`,
    );
    return objects;
  }

  /** A new tag: a static segment without members. */
  async createObject(name: string): Promise<DestinationObject> {
    const body = (await this.#json(
      'POST',
      `${this.#listPath()}/segments`,
      this.#audience(),
      { body: { name, static_segment: [] } },
    )) as { id?: number | string; name?: string };
    if (body.id === undefined) {
      throw new DestinationError({
        message: 'Mailchimp created the tag but did not say its id',
        code: 'unexpected_response',
        retryable: false,
      });
    }
    return { id: String(body.id), name: body.name ?? name };
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

  /** Batch subscribe with `update_existing`: the rows Mailchimp refused, by email. */
  async #subscribe(request: BatchRequest): Promise<RowRejection[]> {
    const byTag =
      request.target.fieldMappings.length > 0
        ? await this.#mergeFieldsFor(request.target)
        : undefined;
    const body = (await this.#json('POST', this.#listPath(), this.#audience(), {
      query: { skip_merge_validation: 'false', skip_duplicate_check: 'false' },
      body: {
        members: request.rows.map(row => ({
          email_address: row.identifier,
          status_if_new: this.#settings.newMemberStatus,
          ...(byTag
            ? { merge_fields: mergeFieldValues(row.fields, byTag) }
            : {}),
        })),
        update_existing: true,
        sync_tags: false,
      },
      signal: request.signal,
    })) as BatchSubscribeResponse;
    return readSubscribeRejections(body, request.rows);
  }

  /** Adds contacts to the sync's tag or takes them out; returns the emails Mailchimp did not find. */
  async #changeTag(
    request: BatchRequest,
    change: 'members_to_add' | 'members_to_remove',
    rows: PreparedRow[],
  ): Promise<Map<string, string>> {
    const tag = request.target.object;
    const body = (await this.#json(
      'POST',
      `${this.#listPath()}/segments/${encodeURIComponent(tag.id)}`,
      `tag '${tag.name}' (${tag.id}) in audience ${
        this.#settings.listId
      }; check the sync's object and the destination's listId`,
      {
        body: { [change]: [...new Set(rows.map(row => row.identifier))] },
        signal: request.signal,
      },
    )) as SegmentChangeResponse;
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
    const body = (await this.#json(
      'GET',
      `${this.#listPath()}/merge-fields`,
      this.#audience(),
      { query: { count: String(PAGE_SIZE) } },
    )) as { merge_fields?: Array<{ tag?: string; type?: string }> };
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

  #listPath(): string {
    return `/lists/${encodeURIComponent(this.#settings.listId)}`;
  }

  #audience(): string {
    return `audience '${
      this.#settings.listId
    }'; check the destination's listId`;
  }

  async #json(
    method: 'GET' | 'POST',
    path: string,
    missing: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    } = {},
  ): Promise<unknown> {
    const answer = await this.#request(method, path, options);
    if (isJsonSuccess(answer)) return answer.body;
    throw toDestinationError(
      answer.status,
      answer.headers,
      problemOf(answer),
      missing,
    );
  }

  /**
   * One request in a free connection slot, with the key as the Basic password; the time-out starts
   * once the slot is taken. Network failures become retryable errors.
   */
  #request(
    method: 'GET' | 'POST',
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    },
  ): Promise<JsonAnswer> {
    const url = new URL(`${this.#settings.apiRoot}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const authorization = `Basic ${Buffer.from(
      `audience-syncs:${this.#settings.apiKey}`,
    ).toString('base64')}`;
    const send = async (): Promise<JsonAnswer> => {
      try {
        return await fetchJson(url, {
          method,
          headers: { authorization },
          body: options.body,
          timeoutMs: this.#settings.timeoutMs,
          signal: options.signal,
        });
      } catch (error) {
        throw toNetworkError(error, options.signal, { service: 'Mailchimp' });
      }
    };
    return this.#connections.run(send, options.signal).catch(error => {
      if (error instanceof DestinationError) throw error;
      throw toNetworkError(error, options.signal, { service: 'Mailchimp' });
    });
  }
}

function problemOf(answer: JsonAnswer): Problem | undefined {
  const body = answer.body as Problem | undefined;
  return typeof body === 'object' && body !== null && 'status' in body
    ? body
    : undefined;
}
