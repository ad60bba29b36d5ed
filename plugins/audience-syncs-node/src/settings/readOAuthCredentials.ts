import { Config } from '@backstage/config';
import { isHttpUrl } from './isHttpUrl';
import { isLoopbackHttpUrl } from './isLoopbackHttpUrl';

/**
 * A destination's OAuth client and the refresh token of its install, with the endpoint that exchanges it.
 *
 * @public
 */
export interface OAuthCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/**
 * The OAuth credentials a destination may use instead of a static access token: `clientId`,
 * `clientSecret` and `refreshToken`, and `tokenUrl` (default `defaultTokenUrl`; https, or http on
 * loopback for emulators). Undefined when none of the three is set; an error naming the missing one when
 * only some are, or the one that conflicts with `accessToken`.
 *
 * @public
 */
export function readOAuthCredentials(
  settings: Config,
  defaultTokenUrl: string,
): OAuthCredentials | undefined {
  const read = (key: string) => settings.getOptionalString(key)?.trim() || '';
  const clientId = read('clientId');
  const clientSecret = read('clientSecret');
  const refreshToken = read('refreshToken');
  if (!clientId && !clientSecret && !refreshToken) return undefined;
  for (const [key, value] of [
    ['clientId', clientId],
    ['clientSecret', clientSecret],
    ['refreshToken', refreshToken],
  ]) {
    if (!value) {
      throw new Error(
        `${key}: required with the other OAuth settings (clientId, clientSecret, refreshToken)`,
      );
    }
  }
  if (read('accessToken')) {
    throw new Error(
      'accessToken: set either accessToken or clientId, clientSecret and refreshToken, not both',
    );
  }
  const tokenUrl = read('tokenUrl') || defaultTokenUrl;
  if (
    !isHttpUrl(tokenUrl) ||
    (!tokenUrl.startsWith('https:') && !isLoopbackHttpUrl(tokenUrl))
  ) {
    throw new Error(
      `tokenUrl: '${tokenUrl}' is not an https URL (plain http is taken only on loopback)`,
    );
  }
  return { tokenUrl, clientId, clientSecret, refreshToken };
}
