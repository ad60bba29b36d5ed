/**
 * Where an `HttpTransport` gets the token it sends as `Bearer`, for credentials that are exchanged for
 * short-lived tokens (an OAuth client-credentials or refresh-token flow).
 *
 * @public
 */
export interface TokenProvider {
  /** The token to send: the same one until it is invalidated or about to expire. */
  getToken(): Promise<string>;
  /** The vendor refused `token` (401): the next `getToken` fetches a new one, unless one was fetched already. */
  invalidate(token: string): void;
}

/**
 * A token as the vendor issued it: its value and, when the vendor says, how long it lasts.
 *
 * @public
 */
export interface IssuedToken {
  /** The value sent as `Bearer`. */
  token: string;
  /** The token's lifetime from when it was requested (OAuth's `expires_in`, in milliseconds). */
  expiresInMs?: number;
}

/**
 * How a token provider reads the time, for tests.
 *
 * @public
 */
export interface TokenProviderOptions {
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

/** Renew this share of a token's lifetime before it ends, at most a minute before. */
const RENEW_SHARE = 0.1;
const MAX_RENEW_EARLY_MS = 60_000;

interface Entry {
  promise: Promise<string>;
  token?: string;
  /** When the token should no longer be sent. */
  renewAt?: number;
}

/**
 * A token provider that fetches a token on first use and keeps it until the vendor refuses it or, for a
 * token with a lifetime, until shortly before it expires (a tenth of its lifetime, at most a minute).
 * Calls that arrive while a token is being fetched wait for that one; a failed fetch is not kept, so the
 * next call tries again.
 *
 * @public
 */
export function createTokenProvider(
  fetchToken: () => Promise<string | IssuedToken>,
  options: TokenProviderOptions = {},
): TokenProvider {
  const now = options.now ?? Date.now;
  let current: Entry | undefined;

  function fetchNew(): Entry {
    const requestedAt = now();
    const entry: Entry = {
      promise: fetchToken().then(issued => {
        const { token, expiresInMs } =
          typeof issued === 'string' ? { token: issued } : issued;
        entry.token = token;
        if (expiresInMs !== undefined) {
          const early = Math.min(MAX_RENEW_EARLY_MS, expiresInMs * RENEW_SHARE);
          entry.renewAt = requestedAt + expiresInMs - early;
        }
        return token;
      }),
    };
    entry.promise.catch(() => {
      if (current === entry) current = undefined;
    });
    return entry;
  }

  return {
    getToken() {
      const expiring =
        current?.renewAt !== undefined && now() >= current.renewAt;
      if (!current || expiring) current = fetchNew();
      return current.promise;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
