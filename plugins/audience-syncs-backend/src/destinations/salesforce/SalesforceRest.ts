import { DestinationError } from '@internal/plugin-audience-syncs-node';
import { redact, tokenError, toDestinationError } from './salesforceResponses';
import { SalesforceSettings } from './readSalesforceSettings';

/** 50 pages of 2,000 records: far beyond what one lookup of ≤ 200 values returns; a guard against loops. */
const MAX_QUERY_PAGES = 50;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Answer = { status: number; headers: Headers; body: unknown };

/**
 * The REST API of one org (§3): Bearer requests under `/services/data/{version}`, SOQL with paging, and the
 * session. With a connected app's client credentials the session is fetched on first use and fetched again
 * once when Salesforce says it expired (401 INVALID_SESSION_ID, §3.7).
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
    if (
      answer.status >= 200 &&
      answer.status < 300 &&
      answer.body !== undefined
    ) {
      return answer.body;
    }
    throw this.#error(answer);
  }

  /** Every record a SOQL query selects, following `nextRecordsUrl` (§3.4). */
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

  #error(answer: Answer): DestinationError {
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
  ): Promise<Answer> {
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
      throw this.#networkError(error, undefined);
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
  ): Promise<Answer> {
    const url = new URL(`${this.#settings.instanceUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const signals = [AbortSignal.timeout(this.#settings.timeoutMs)];
    if (options.signal) signals.push(options.signal);
    try {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(options.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
        },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.any(signals),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        body = undefined;
      }
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      throw this.#networkError(error, options.signal);
    }
  }

  #networkError(error: unknown, signal: AbortSignal | undefined) {
    if (signal?.aborted) {
      return new DestinationError({
        message: 'The batch was cancelled',
        code: 'aborted',
        retryable: false,
        cause: error,
      });
    }
    const timedOut = (error as Error).name === 'TimeoutError';
    return new DestinationError({
      message: timedOut
        ? 'Salesforce did not answer in time (timeoutMs)'
        : `Salesforce could not be reached: ${redact(
            (error as Error).message,
            this.#secrets(),
          )}`,
      code: timedOut ? 'timeout' : 'network_error',
      retryable: true,
      cause: error,
    });
  }

  #secrets(): string[] {
    const { auth } = this.#settings;
    return auth.kind === 'token' ? [auth.accessToken] : [auth.clientSecret];
  }
}
