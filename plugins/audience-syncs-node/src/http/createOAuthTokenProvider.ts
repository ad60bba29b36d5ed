import * as oauth from 'oauth4webapi';
import { DestinationError } from '../connectors';
import { isLoopbackHttpUrl } from '../settings/isLoopbackHttpUrl';
import {
  createTokenProvider,
  IssuedToken,
  TokenProvider,
  TokenProviderOptions,
} from './createTokenProvider';
import { networkError } from './networkError';
import { scrubSecrets } from './scrubSecrets';

/**
 * An OAuth 2.0 grant a connector exchanges for access tokens: a refresh token of a user who authorized
 * the client, or the client's own credentials. The client authenticates in the form
 * (`client_secret_post`), which Google, HubSpot and Salesforce all take.
 *
 * @public
 */
export type OAuthGrant = {
  /** The token endpoint: https, or http on loopback (emulators). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
} & (
  | { type: 'refresh_token'; refreshToken: string }
  | { type: 'client_credentials'; scope?: string }
);

/**
 * What `createOAuthTokenProvider` needs besides the grant.
 *
 * @public
 */
export interface OAuthTokenProviderOptions extends TokenProviderOptions {
  /** What is exchanged for access tokens, and where. */
  grant: OAuthGrant;
  /** The subject of messages, e.g. `Google`. */
  service: string;
  /** The settings holding the grant's credentials, named when the vendor refuses them. */
  credentials: string;
  /** Each token request's limit, its answer included. */
  timeoutMs: number;
}

/**
 * A token provider for an OAuth grant: the token endpoint is asked on first use, again shortly before the
 * token's `expires_in` runs out, and when the vendor refuses the token; concurrent requests share one
 * grant request, and a failed one is not kept. A refresh token the vendor rotates replaces the old one.
 * Failures are `DestinationError`s naming the `credentials` settings and no credential: throttling and
 * 5xx are retryable, a refused grant is not.
 *
 * @public
 */
export function createOAuthTokenProvider(
  options: OAuthTokenProviderOptions,
): TokenProvider {
  const { grant, service, credentials, timeoutMs } = options;
  const server: oauth.AuthorizationServer = {
    issuer: new URL(grant.tokenUrl).origin,
    token_endpoint: grant.tokenUrl,
  };
  const client: oauth.Client = { client_id: grant.clientId };
  const clientAuth = oauth.ClientSecretPost(grant.clientSecret);
  const secrets = new Set([grant.clientSecret]);
  let refreshToken = grant.type === 'refresh_token' ? grant.refreshToken : '';
  if (refreshToken) secrets.add(refreshToken);
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const insecureAllowed = isLoopbackHttpUrl(grant.tokenUrl);

  async function requestToken(): Promise<IssuedToken> {
    if (!grant.tokenUrl.startsWith('https:') && !insecureAllowed) {
      throw new DestinationError({
        message: `${service}'s token endpoint must be an https URL (plain http only on loopback); check the destination's settings`,
        code: 'request_not_sent',
        retryable: false,
      });
    }
    const requestOptions = {
      signal: AbortSignal.timeout(timeoutMs),
      // Plain http only where nothing leaves the machine: an emulator on loopback.
      [oauth.allowInsecureRequests]: insecureAllowed,
    };
    let response: Response;
    try {
      response =
        grant.type === 'refresh_token'
          ? await oauth.refreshTokenGrantRequest(
              server,
              client,
              clientAuth,
              refreshToken,
              requestOptions,
            )
          : await oauth.clientCredentialsGrantRequest(
              server,
              client,
              clientAuth,
              grant.scope ? { scope: grant.scope } : {},
              requestOptions,
            );
    } catch (error) {
      throw networkError(error, undefined, {
        service: `${service}'s token endpoint`,
        scrub,
      });
    }
    const transient = transientFailure(response, service);
    if (transient) throw transient;
    const copy = response.clone();
    try {
      const result =
        grant.type === 'refresh_token'
          ? await oauth.processRefreshTokenResponse(server, client, response)
          : await oauth.processClientCredentialsResponse(
              server,
              client,
              response,
            );
      if (result.refresh_token) {
        refreshToken = result.refresh_token;
        secrets.add(refreshToken);
      }
      return {
        token: result.access_token,
        expiresInMs:
          result.expires_in === undefined
            ? undefined
            : result.expires_in * 1000,
      };
    } catch (error) {
      // The library's errors keep the answer's body, a token perhaps included: only chosen fields are read.
      throw await refusal(error, copy, { service, credentials, scrub });
    }
  }

  return createTokenProvider(requestToken, options);
}

/** Throttling, 408 and 5xx of the token endpoint: worth another try later. */
function transientFailure(
  response: Response,
  service: string,
): DestinationError | undefined {
  const { status } = response;
  if (status === 429) {
    return new DestinationError({
      message: `${service}'s token endpoint is throttling requests (429)`,
      code: 'throttled',
      retryable: true,
      throttled: true,
    });
  }
  if (status === 408 || status >= 500) {
    return new DestinationError({
      message: `${service}'s token endpoint failed with ${status}`,
      code: 'token_endpoint_unavailable',
      retryable: true,
    });
  }
  return undefined;
}

async function refusal(
  error: unknown,
  answer: Response,
  context: {
    service: string;
    credentials: string;
    scrub: (t: string) => string;
  },
): Promise<DestinationError> {
  const { service, credentials, scrub } = context;
  if (answer.ok) {
    return new DestinationError({
      message: `${service}'s token endpoint answered without a usable access token (${scrub(
        (error as Error).message,
      )})`,
      code: 'unexpected_response',
      retryable: false,
    });
  }
  const said =
    error instanceof oauth.ResponseBodyError
      ? [error.error, error.error_description].filter(Boolean).join(': ')
      : await vendorReason(answer);
  return new DestinationError({
    message: `${service} refused the OAuth credentials (${answer.status}${
      said ? ` ${scrub(said)}` : ''
    }); check the destination's ${credentials}`,
    code: 'unauthorized',
    retryable: false,
  });
}

/** A refusal in a vendor's own shape, e.g. HubSpot's `{ status: "BAD_REFRESH_TOKEN", message }`. */
async function vendorReason(answer: Response): Promise<string> {
  try {
    const body = (await answer.json()) as Record<string, unknown>;
    return [body.status, body.message]
      .filter(part => typeof part === 'string')
      .join(': ')
      .slice(0, 300);
  } catch {
    return '';
  }
}
