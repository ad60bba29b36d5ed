import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  OAuthCredentials,
  readBaseUrl,
  readOAuthCredentials,
  readRequiredString,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

export type HubSpotAuthSettings =
  | { kind: 'private-app'; accessToken: string }
  | ({ kind: 'oauth' } & OAuthCredentials);

export interface HubSpotSettings {
  /** `https://api.hubapi.com`, without a trailing slash. */
  baseUrl: string;
  auth: HubSpotAuthSettings;
  /** A date version like `2026-03`, or `v3` for the legacy paths. */
  apiVersion: string;
  /** The portal's request budget per 10 seconds (100 Free/Starter, 190 Pro/Enterprise, 250 with the add-on). */
  requestsPerTenSeconds: number;
}

/** The settings of a HubSpot destination; the credentials among them. */
export const hubSpotSettings: DestinationSettingsReader<HubSpotSettings> = {
  secretKeys: ['accessToken', 'clientSecret', 'refreshToken'],
  read: readHubSpotSettings,
};

/**
 * The settings of a HubSpot destination. Each error names its setting and never repeats a secret.
 * - credentials, one of: `accessToken`, a private-app token, or an OAuth app's `clientId` and
 *   `clientSecret` with the `refreshToken` of its install (access tokens are fetched from `tokenUrl`,
 *   default `<baseUrl>/oauth/v1/token`, and renewed before they expire); either with the scopes
 *   crm.lists.read, crm.lists.write, crm.objects.contacts.read and crm.objects.contacts.write;
 * - `baseUrl` (default `https://api.hubapi.com`);
 * - `apiVersion` (default `2026-03`): a date version of the CRM APIs, or `v3` for the legacy `/crm/v3` paths;
 * - `requestsPerTenSeconds` (default 100, the Free/Starter private-app limit): the portal's budget, which
 *   every app of the portal shares;
 * - `timeoutMs` (default 30,000).
 */
function readHubSpotSettings(settings: Config): HubSpotSettings {
  const baseUrl = readBaseUrl(settings, 'https://api.hubapi.com');
  const oauth = readOAuthCredentials(settings, `${baseUrl}/oauth/v1/token`);
  const auth: HubSpotAuthSettings = oauth
    ? { kind: 'oauth', ...oauth }
    : {
        kind: 'private-app',
        accessToken: readRequiredString(settings, 'accessToken'),
      };
  const apiVersion = settings.getOptionalString('apiVersion') ?? '2026-03';
  if (apiVersion !== 'v3' && !/^20\d\d-(0[1-9]|1[0-2])$/.test(apiVersion)) {
    throw new Error(
      `apiVersion: '${apiVersion}' is not a date version like 2026-03, or v3`,
    );
  }
  const requestsPerTenSeconds =
    settings.getOptionalNumber('requestsPerTenSeconds') ?? 100;
  if (!Number.isInteger(requestsPerTenSeconds) || requestsPerTenSeconds < 2) {
    throw new Error('requestsPerTenSeconds: must be a whole number >= 2');
  }
  return {
    baseUrl,
    auth,
    apiVersion,
    requestsPerTenSeconds,
  };
}
