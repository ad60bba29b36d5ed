import {
  DestinationConnectContext,
  DestinationError,
  HttpMethod,
  HttpRequest,
  HttpTransport,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { salesforceSession } from './salesforceSession';
import { SalesforceSettings } from './salesforceSettings';
import { toDestinationError } from './salesforceResponses';

interface QueryPage<T> {
  records?: T[];
  done?: boolean;
  nextRecordsUrl?: string;
}

/** 50 pages of 2,000 records: far beyond what one lookup of ≤ 200 values returns; a guard against loops. */
const MAX_QUERY_PAGES = 50;

/**
 * The REST API of one org: Bearer requests under `/services/data/{version}` and SOQL with paging. With a
 * connected app's client credentials the session is fetched on first use and fetched again once when
 * Salesforce says it expired (401 INVALID_SESSION_ID).
 */
export class SalesforceRest {
  /** `/services/data/v67.0`. */
  readonly apiPath: string;
  readonly #http: HttpTransport;
  readonly #instance: URL;

  static create({
    settings,
    http,
  }: DestinationConnectContext<SalesforceSettings>) {
    const { auth, externalIdField } = settings;
    const transport = http({
      service: 'Salesforce',
      baseUrl: settings.instanceUrl,
      auth:
        auth.kind === 'token'
          ? { type: 'bearer', token: auth.accessToken }
          : {
              type: 'token-provider',
              provider: salesforceSession(settings.instanceUrl, auth, http),
            },
      headers: { accept: 'application/json' },
      toError: answer =>
        toDestinationError(answer, {
          authSettings:
            auth.kind === 'token' ? 'accessToken' : 'clientId and clientSecret',
          externalIdField,
        }),
    });
    return new SalesforceRest(
      `/services/data/${settings.apiVersion}`,
      transport,
      new URL(settings.instanceUrl),
    );
  }

  private constructor(apiPath: string, http: HttpTransport, instance: URL) {
    this.apiPath = apiPath;
    this.#http = http;
    this.#instance = instance;
  }

  /** One call whose answer must be a success; errors become DestinationErrors. */
  json<T = unknown>(
    method: HttpMethod,
    path: string,
    request?: HttpRequest,
  ): Promise<T> {
    return this.#http.json<T>(method, path, request);
  }

  /** Every record a SOQL query selects, following `nextRecordsUrl`. */
  query<T>(soql: string, signal?: AbortSignal): Promise<T[]> {
    return this.#http.paginate({
      request: (nextRecordsUrl?: string) =>
        nextRecordsUrl
          ? { method: 'GET', path: nextRecordsUrl, signal }
          : {
              method: 'GET',
              path: `${this.apiPath}/query`,
              query: { q: soql },
              signal,
            },
      read: (page: {
        records?: T[];
        done?: boolean;
        nextRecordsUrl?: string;
      }) => ({
        items: page.records ?? [],
        next:
          page.done === false && page.nextRecordsUrl !== undefined
            ? this.#onInstance(page.nextRecordsUrl)
            : undefined,
      }),
      maxPages: MAX_QUERY_PAGES,
      what: 'records of a SOQL query',
      onPageCap: () => {
        throw new DestinationError({
          message: `A Salesforce query returned more than ${MAX_QUERY_PAGES} pages`,
          code: 'unexpected_response',
          retryable: false,
        });
      },
    });
  }

  /**
   * The records a SOQL query selects, one page (`batchSize` records, 200–2,000; 2,000 by default) at a time,
   * following `nextRecordsUrl` with no cap: for listings as long as a campaign's members.
   */
  async *queryPages<T>(
    soql: string,
    options: { batchSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<T[]> {
    const { batchSize, signal } = options;
    // The page size travels with the query; its locator keeps it for the pages after.
    const headers = batchSize
      ? { 'sforce-query-options': `batchSize=${batchSize}` }
      : undefined;
    let page = await this.#http.json<QueryPage<T>>(
      'GET',
      `${this.apiPath}/query`,
      { query: { q: soql }, headers, signal },
    );
    for (;;) {
      yield page.records ?? [];
      if (page.done !== false || page.nextRecordsUrl === undefined) return;
      signal?.throwIfAborted();
      page = await this.#http.json<QueryPage<T>>(
        'GET',
        this.#onInstance(page.nextRecordsUrl),
        { signal },
      );
    }
  }

  /**
   * `nextRecordsUrl` as a path on the instance. The session token goes with the request, so a URL that
   * would lead anywhere else (another host, or text that changes the host once appended) is refused.
   */
  #onInstance(nextRecordsUrl: string): string {
    let url: URL | undefined;
    try {
      url = new URL(nextRecordsUrl, this.#instance);
    } catch {
      url = undefined;
    }
    const isPath =
      nextRecordsUrl.startsWith('/') && !nextRecordsUrl.startsWith('//');
    if (
      !url ||
      url.origin !== this.#instance.origin ||
      (!isPath && !nextRecordsUrl.startsWith(this.#instance.origin))
    ) {
      throw new DestinationError({
        message: `Salesforce answered a query with a nextRecordsUrl that leaves the instance ${
          this.#instance.host
        }${
          url ? ` (it points to ${url.host})` : ''
        }; the rest of the records were not read, and the session was not sent there`,
        code: 'unexpected_response',
        retryable: false,
      });
    }
    return `${url.pathname}${url.search}`;
  }
}
