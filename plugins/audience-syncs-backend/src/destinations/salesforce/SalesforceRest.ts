import { DestinationError } from '@internal/plugin-audience-syncs-node';
import { tokenError, toDestinationError } from './salesforceResponses';
import { SalesforceSettings } from './readSalesforceSettings';
import { toNetworkError } from '../http/toNetworkError';
import { fetchJson, JsonAnswer } from '../http/fetchJson';
import { isJsonSuccess } from '../http/isJsonSuccess';

/** 50 pages of 2,000 records: far beyond what one lookup of ≤ 200 values returns; a guard against loops. */
const MAX_QUERY_PAGES = 50;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The REST API of one org: Bearer requests under `/services/data/{version}`, SOQL with paging, and the
 * session. With a connected app's client credentials the session is fetched on first use and fetched again
 * once when Salesforce says it expired (401 INVALID_SESSION_ID).
 */
export class SalesforceRest {
  readonly #settings: SalesforceSettings;
  #session: Promise<string> | undefined;

  constructor(settings: SalesforceSettings) {
    this.#settings = settings;
  }

  /** `/services/data/v67.0`. */
  get apiPath(): string {
    return `/services/data/${this.#settings.apiVersion}`;
  }

  /** One call whose answer must be a success; errors become DestinationErrors. */
  async json(
    method: Method,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    } = {},
  ): Promise<unknown> {
    const answer = await this.#authorized(method, path, options);
    if (isJsonSuccess(answer)) return answer.body;
    throw this.#error(answer);
  }

  /** Every record a SOQL query selects, following `nextRecordsUrl`. */
  async query<T>(soql: string, signal?: AbortSignal): Promise<T[]> {
    const records: T[] = [];
    let page = (await this.json('GET', `${this.apiPath}/query`, {
      query: { q: soql },
      signal,
    })) as { records?: T[]; done?: boolean; nextRecordsUrl?: string };
    for (let pages = 1; ; pages++) {
      records.push(...(page.records ?? []));
      if (page.done !== false || !page.nextRecordsUrl) return records;
      if (pages >= MAX_QUERY_PAGES) {
        throw new DestinationError({
          message: `A Salesforce query returned more than ${MAX_QUERY_PAGES} pages`,
          code: 'unexpected_response',
          retryable: false,
        });
      }
      page = (await this.json('GET', page.nextRecordsUrl, {
        signal,
      })) as typeof page;
    }
  }

  #error(answer: JsonAnswer): DestinationError {
    const { auth, externalIdField } = this.#settings;
    return toDestinationError(answer.status, answer.headers, answer.body, {
      secrets: this.#secrets(),
      authSettings:
        auth.kind === 'token' ? 'accessToken' : 'clientId and clientSecret',
      externalIdField,
    });
  }

  async #authorized(
    method: Method,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    },
  ): Promise<JsonAnswer> {
    const { auth } = this.#settings;
    if (auth.kind === 'token') {
      return this.#send(method, path, options, auth.accessToken);
    }
    const session = this.#sessionToken();
    const answer = await this.#send(method, path, options, await session);
    if (answer.status !== 401) return answer;
    // The session expired (or was revoked): get a new one once, unless another call already did.
    if (this.#session === session) this.#session = undefined;
    return this.#send(method, path, options, await this.#sessionToken());
  }

  #sessionToken(): Promise<string> {
    if (!this.#session) {
      const session = this.#fetchSession();
      this.#session = session;
      // A failed fetch is not kept: the next call tries again.
      session.catch(() => {
        if (this.#session === session) this.#session = undefined;
      });
    }
    return this.#session;
  }

  /** The OAuth 2.0 client-credentials flow against the org's token endpoint. */
  async #fetchSession(): Promise<string> {
    const { auth, instanceUrl, timeoutMs } = this.#settings;
    if (auth.kind !== 'client-credentials')
      throw new Error('no client credentials');
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(`${instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: auth.clientId,
          client_secret: auth.clientSecret,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      throw toNetworkError(error, undefined, {
        service: 'Salesforce',
        secrets: this.#secrets(),
      });
    }
    const token = (body as { access_token?: unknown } | undefined)
      ?.access_token;
    if (response.ok && typeof token === 'string' && token !== '') return token;
    throw tokenError(response.status, body, this.#secrets());
  }

  async #send(
    method: Method,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    },
    token: string,
  ): Promise<JsonAnswer> {
    const url = new URL(`${this.#settings.instanceUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    try {
      return await fetchJson(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
        },
        body: options.body,
        timeoutMs: this.#settings.timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      throw toNetworkError(error, options.signal, {
        service: 'Salesforce',
        secrets: this.#secrets(),
      });
    }
  }

  #secrets(): string[] {
    const { auth } = this.#settings;
    return auth.kind === 'token' ? [auth.accessToken] : [auth.clientSecret];
  }
}
