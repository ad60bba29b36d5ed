import { LoggerService } from '@backstage/backend-plugin-api';
import { DestinationError } from '../connectors';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { RequestSlots } from './RequestSlots';
import {
  createOAuthTokenProvider,
  OAuthGrant,
} from './createOAuthTokenProvider';
import { TokenProvider } from './createTokenProvider';
import { HttpAnswer } from './HttpAnswer';
import { isJsonSuccess } from './isJsonSuccess';
import { networkError } from './networkError';
import { scrubError } from './scrubError';
import { scrubSecrets } from './scrubSecrets';

/**
 * The methods vendor APIs are called with.
 *
 * @public
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How requests prove who sends them.
 *
 * @public
 */
export type HttpAuth =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  /** A header of the vendor's own, e.g. `x-api-key`. */
  | { type: 'header'; name: string; value: string }
  /** `Bearer` tokens from a provider; a 401 invalidates the token and the request is sent once more. */
  | { type: 'token-provider'; provider: TokenProvider }
  /**
   * `Bearer` tokens of an OAuth grant, renewed shortly before they expire and on 401 (then the request
   * is sent once more); `credentials` names the settings of the grant in errors.
   */
  | { type: 'oauth2'; grant: OAuthGrant; credentials: string };

/**
 * One vendor's API: where it is, how to authenticate, and how hard to press it.
 *
 * @public
 */
export interface HttpTransportOptions {
  /** The subject of messages about the vendor, e.g. `Google` ("Google could not be reached"). */
  service: string;
  /** What request paths are relative to, without a trailing slash. */
  baseUrl: string;
  auth?: HttpAuth;
  /** Each request's limit, from when it is sent until its whole answer is read. */
  timeoutMs: number;
  /** Credentials to scrub from every error, besides those of `auth` (the connect context's `secrets`). */
  secrets?: readonly string[];
  /** The vendor's reading of a failed answer. */
  toError(answer: HttpAnswer): DestinationError;
  /** Which answers `json` returns. Default: a 2xx whose body is JSON. */
  isSuccess?(answer: HttpAnswer): boolean;
  /** Headers every request carries, e.g. `accept`. */
  headers?: Record<string, string>;
  /** The most requests open at once; the others wait for a slot, their time-out not yet running. */
  maxConcurrentRequests?: number;
  /**
   * Where the `maxConcurrentRequests` slots are held when others share them (the plugin shares a
   * destination's slots between the backend's replicas); default: this transport's own.
   */
  requestSlots?: RequestSlots;
  /** Where `paginate` says that it stopped at its page cap. */
  logger?: LoggerService;
}

/**
 * What one call adds to the method and path.
 *
 * @public
 */
export interface HttpRequest {
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** JSON already serialized, sent as it is (e.g. a body that was signed). */
  text?: string;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** This request's reading of a failure, where it says more than the transport's `toError`. */
  toError?(answer: HttpAnswer): DestinationError;
}

/**
 * One page of a listing: its items, and where the next page is (undefined after the last).
 *
 * @public
 */
export interface HttpPage<TItem, TCursor> {
  items: TItem[];
  next?: TCursor;
}

/**
 * How `paginate` walks a vendor's listing, and when it stops.
 *
 * @public
 */
export interface HttpPaginateOptions<TItem, TCursor> {
  /** The request of the page at `cursor`; undefined for the first page. */
  request(
    cursor: TCursor | undefined,
  ): HttpRequest & { method: HttpMethod; path: string };
  /** The items of the (successful) body of the page at `cursor`, and the next cursor. */
  read(body: any, cursor: TCursor | undefined): HttpPage<TItem, TCursor>;
  /** Pages read at the most: a guard against a listing that never ends. */
  maxPages: number;
  /**
   * What the listing holds, e.g. `tags of Mailchimp audience 1a2b`: when `maxPages` pages were read and
   * there are more, the transport's logger warns that it listed only the first of them.
   */
  what: string;
  /** Instead of that warning, when a cut listing would be wrong: throw. */
  onPageCap?(items: TItem[]): void;
}

/**
 * The one way connectors speak HTTP: requests under a base URL with the vendor's auth and a time-out,
 * failures as `DestinationError`s read by the vendor's `toError`, redirects refused (a `redirected`
 * error naming the other host; nothing is sent there), and no credential in any error it
 * throws: the `secrets`, the auth's own and the tokens a provider issued are scrubbed from network errors
 * and from the messages `toError` builds from vendor answers alike.
 *
 * @public
 */
export class HttpTransport {
  readonly #options: HttpTransportOptions;
  readonly #secrets: Set<string>;
  readonly #connections: RequestSlots | undefined;
  readonly #tokens: TokenProvider | undefined;

  static create(options: HttpTransportOptions): HttpTransport {
    return new HttpTransport(options);
  }

  private constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#secrets = new Set([
      ...(options.secrets ?? []),
      ...authSecrets(options.auth),
    ]);
    this.#connections = options.maxConcurrentRequests
      ? options.requestSlots ??
        new ConcurrencyLimit(options.maxConcurrentRequests)
      : undefined;
    this.#tokens = tokenProviderOf(options);
  }

  /** A request whose answer must be a success: its body; anything else is thrown as the vendor's error. */
  async json<T = unknown>(
    method: HttpMethod,
    path: string,
    request: HttpRequest = {},
  ): Promise<T> {
    const answer = await this.request(method, path, request);
    const isSuccess = this.#options.isSuccess ?? isJsonSuccess;
    if (isSuccess(answer)) return answer.body as T;
    throw this.error(answer, request.toError);
  }

  /**
   * A request and its whole answer, whatever its status, for vendors that answer partial success or
   * known conflicts with an error status. Throws only when no answer came (network, time-out, abort).
   */
  async request(
    method: HttpMethod,
    path: string,
    request: HttpRequest = {},
  ): Promise<HttpAnswer> {
    const send = () => this.#send(method, path, request);
    try {
      return await (this.#connections
        ? this.#connections.run(send, request.signal)
        : send());
    } catch (error) {
      if (error instanceof DestinationError) {
        throw scrubError(error, this.#secrets);
      }
      throw networkError(error, request.signal, {
        service: this.#options.service,
        scrub: text => this.scrub(text),
      });
    }
  }

  /** The vendor's error for a failed answer, with every credential scrubbed from its message. */
  error(
    answer: HttpAnswer,
    toError: (answer: HttpAnswer) => DestinationError = this.#options.toError,
  ): DestinationError {
    return scrubError(toError(answer), this.#secrets);
  }

  /** Every item of a listing, page after page, up to `maxPages` pages. */
  async paginate<TItem, TCursor>(
    options: HttpPaginateOptions<TItem, TCursor>,
  ): Promise<TItem[]> {
    const items: TItem[] = [];
    let cursor: TCursor | undefined;
    for (let page = 0; page < options.maxPages; page++) {
      const { method, path, ...request } = options.request(cursor);
      const { items: more, next } = options.read(
        await this.json(method, path, request),
        cursor,
      );
      items.push(...more);
      if (next === undefined) return items;
      cursor = next;
    }
    if (options.onPageCap) {
      options.onPageCap(items);
    } else {
      this.#options.logger?.warn(
        `Listed only the first ${items.length} ${options.what}`,
      );
    }
    return items;
  }

  /** `text` without any credential this transport knows. */
  scrub(text: string): string {
    return scrubSecrets(text, this.#secrets);
  }

  async #send(
    method: HttpMethod,
    path: string,
    request: HttpRequest,
  ): Promise<HttpAnswer> {
    const provider = this.#tokens;
    if (!provider) {
      return this.#fetch(
        method,
        path,
        request,
        authHeaders(this.#options.auth),
      );
    }
    const token = await this.#token(provider);
    const answer = await this.#fetch(method, path, request, bearer(token));
    if (answer.status !== 401) return answer;
    // The token expired or was revoked: send once more with a new one.
    provider.invalidate(token);
    const renewed = await this.#token(provider);
    return this.#fetch(method, path, request, bearer(renewed));
  }

  async #token(provider: TokenProvider): Promise<string> {
    const token = await provider.getToken();
    this.#secrets.add(token);
    return token;
  }

  async #fetch(
    method: HttpMethod,
    path: string,
    request: HttpRequest,
    authorization: Record<string, string>,
  ): Promise<HttpAnswer> {
    const url = new URL(`${this.#options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const { contentType, payload } = bodyOf(request);
    const signals = [AbortSignal.timeout(this.#options.timeoutMs)];
    if (request.signal) signals.push(request.signal);
    const response = await fetch(url, {
      method,
      headers: {
        ...this.#options.headers,
        ...request.headers,
        ...authorization,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      body: payload,
      signal: AbortSignal.any(signals),
      // A followed redirect would send the credentials and the data to wherever the answer points.
      redirect: 'manual',
    });
    // Read under the same time-out: a body cut short is as much a failure as no answer.
    const text = await response.text();
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      throw redirectError(
        this.#options.service,
        response.status,
        url,
        location,
      );
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parseJson(text),
      text,
    };
  }
}

/** Names the host only: the rest of the address may carry a token. */
function redirectError(
  service: string,
  status: number,
  url: URL,
  location: string,
): DestinationError {
  let host: string;
  try {
    host = new URL(location, url).host;
  } catch {
    host = 'an unreadable address';
  }
  return new DestinationError({
    message: `${service} answered ${status}, a redirect to ${host}, which is not followed (requests go only to the configured address): configure the address it redirects to`,
    code: 'redirected',
    retryable: false,
  });
}

function tokenProviderOf(
  options: HttpTransportOptions,
): TokenProvider | undefined {
  const { auth } = options;
  if (auth?.type === 'token-provider') return auth.provider;
  if (auth?.type !== 'oauth2') return undefined;
  return createOAuthTokenProvider({
    grant: auth.grant,
    credentials: auth.credentials,
    service: options.service,
    timeoutMs: options.timeoutMs,
  });
}

function authHeaders(auth: HttpAuth | undefined): Record<string, string> {
  switch (auth?.type) {
    case 'bearer':
      return bearer(auth.token);
    case 'basic':
      return {
        authorization: `Basic ${basicCredentials(
          auth.username,
          auth.password,
        )}`,
      };
    case 'header':
      return { [auth.name]: auth.value };
    default:
      return {};
  }
}

/** What the auth sends, in every form an error could quote it. */
function authSecrets(auth: HttpAuth | undefined): string[] {
  switch (auth?.type) {
    case 'bearer':
      return [auth.token];
    case 'basic':
      return [auth.password, basicCredentials(auth.username, auth.password)];
    case 'header':
      return [auth.value];
    case 'oauth2':
      return [
        auth.grant.clientSecret,
        ...(auth.grant.type === 'refresh_token'
          ? [auth.grant.refreshToken]
          : []),
      ];
    default:
      return [];
  }
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

function bodyOf(request: HttpRequest): {
  contentType?: string;
  payload?: string;
} {
  if (request.form) {
    return {
      contentType: 'application/x-www-form-urlencoded',
      payload: new URLSearchParams(request.form).toString(),
    };
  }
  if (request.text !== undefined) {
    return { contentType: 'application/json', payload: request.text };
  }
  if (request.body !== undefined) {
    return {
      contentType: 'application/json',
      payload: JSON.stringify(request.body),
    };
  }
  return {};
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}
