import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  readBaseUrl,
  readRequiredString,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { PhoneDefaults } from '../prepare/normalizePhone';
import { readPhoneDefaults } from '../settings/readPhoneDefaults';

export const CUSTOMER_FILE_SOURCES = [
  'USER_PROVIDED_ONLY',
  'PARTNER_PROVIDED_ONLY',
  'BOTH_USER_AND_PARTNER_PROVIDED',
] as const;

export interface FacebookAdsSettings {
  /** Graph API root, e.g. `https://graph.facebook.com/v25.0`, without a trailing slash. */
  apiRoot: string;
  /** Digits, without `act_`. */
  adAccountId: string;
  accessToken: string;
  appSecret?: string;
  customerFileSource: (typeof CUSTOMER_FILE_SOURCES)[number];
  phoneDefaults: PhoneDefaults;
}

/** The settings of a Facebook Ads destination; the credentials among them. */
export const facebookAdsSettings: DestinationSettingsReader<FacebookAdsSettings> =
  {
    secretKeys: ['accessToken', 'appSecret'],
    read: readFacebookAdsSettings,
  };

/**
 * The settings of a Facebook Ads destination. Each error names its setting and never repeats a secret.
 * - `accessToken` (required): a system-user token with `ads_management`;
 * - `adAccountId` (required): `act_123…` or the digits alone;
 * - `baseUrl` (default `https://graph.facebook.com`), `apiVersion` (default `v25.0`);
 * - `appSecret`: sends `appsecret_proof` for apps that require it;
 * - `customerFileSource` (default `USER_PROVIDED_ONLY`): declared when creating audiences;
 * - `defaultRegion` (like IT): the country of phone numbers written without one (none by default);
 *   `defaultCountryCallingCode` (like 39), the older form, is still read;
 * - `timeoutMs` (default 30,000).
 */
function readFacebookAdsSettings(settings: Config): FacebookAdsSettings {
  const baseUrl = readBaseUrl(settings, 'https://graph.facebook.com');
  const apiVersion = settings.getOptionalString('apiVersion') ?? 'v25.0';
  if (!/^v\d+\.\d+$/.test(apiVersion)) {
    throw new Error(
      `apiVersion: '${apiVersion}' is not a Graph API version like v25.0`,
    );
  }
  // Ids may be written as YAML numbers: read them as any value.
  const adAccountId = String(settings.get('adAccountId')).trim();
  const digits = adAccountId.replace(/^act_/, '');
  if (!/^\d+$/.test(digits)) {
    throw new Error(
      `adAccountId: '${adAccountId}' is not an ad account id like act_1234567890`,
    );
  }
  const accessToken = readRequiredString(settings, 'accessToken');

  const source =
    settings.getOptionalString('customerFileSource') ?? 'USER_PROVIDED_ONLY';
  if (!(CUSTOMER_FILE_SOURCES as readonly string[]).includes(source)) {
    throw new Error(
      `customerFileSource: '${source}' is not one of ${CUSTOMER_FILE_SOURCES.join(
        ', ',
      )}`,
    );
  }
  return {
    apiRoot: `${baseUrl}/${apiVersion}`,
    adAccountId: digits,
    accessToken,
    appSecret: settings.getOptionalString('appSecret') || undefined,
    customerFileSource: source as FacebookAdsSettings['customerFileSource'],
    phoneDefaults: readPhoneDefaults(settings),
  };
}
