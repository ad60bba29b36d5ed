/**
 * Where an `HttpTransport` gets the token it sends as `Bearer`, for credentials that are exchanged for
 * short-lived tokens (an OAuth client-credentials or refresh-token flow).
 *
 * @public
 */
export interface TokenProvider {
  /** The token to send: the same one until it is invalidated. */
  getToken(): Promise<string>;
  /** The vendor refused `token` (401): the next `getToken` fetches a new one, unless one was fetched already. */
  invalidate(token: string): void;
}

/**
 * A token provider that fetches a token on first use and keeps it until the vendor refuses it. Calls
 * that arrive while a token is being fetched wait for that one; a failed fetch is not kept, so the next
 * call tries again.
 *
 * @public
 */
export function createTokenProvider(
  fetchToken: () => Promise<string>,
): TokenProvider {
  let current: { promise: Promise<string>; token?: string } | undefined;
  return {
    getToken() {
      if (!current) {
        const entry: { promise: Promise<string>; token?: string } = {
          promise: fetchToken(),
        };
        current = entry;
        entry.promise.then(
          token => {
            entry.token = token;
          },
          () => {
            if (current === entry) current = undefined;
          },
        );
      }
      return current.promise;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
