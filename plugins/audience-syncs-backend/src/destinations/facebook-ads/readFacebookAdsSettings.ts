import { Config } from '@backstage/config';

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
  defaultCountryCallingCode?: string;
  timeoutMs: number;
}

/**
 * The settings of a Facebook Ads destination. Each error names its setting and never repeats a secret.
 * - `accessToken` (required): a system-user token with `ads_management`;
 * - `adAccountId` (required): `act_123…` or the digits alone;
 * - `baseUrl` (default `https://graph.facebook.com`), `apiVersion` (default `v25.0`);
 * - `appSecret`: sends `appsecret_proof` for apps that require it;
 * - `customerFileSource` (default `USER_PROVIDED_ONLY`): declared when creating audiences;
 * - `defaultCountryCallingCode`: the country of phone numbers written without one (none by default);
 * - `timeoutMs` (default 30,000).
 */
export function readFacebookAdsSettings(settings: Config): FacebookAdsSettings {
  const baseUrl =
    settings.getOptionalString('baseUrl') ?? 'https://graph.facebook.com';
  if (!isHttpUrl(baseUrl)) {
    throw new Error(`baseUrl: '${baseUrl}' is not an http(s) URL`);
  }
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
  const accessToken = settings.getString('accessToken').trim();
  if (!accessToken) throw new Error('accessToken: must not be empty');

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
    apiRoot: `${baseUrl.replace(/\/+$/, '')}/${apiVersion}`,
    adAccountId: digits,
    accessToken,
    appSecret: settings.getOptionalString('appSecret') || undefined,
    customerFileSource: source as FacebookAdsSettings['customerFileSource'],
    defaultCountryCallingCode: readCallingCode(settings),
    timeoutMs: readTimeoutMs(settings),
  };
}

function readCallingCode(settings: Config): string | undefined {
  const value = settings.getOptional('defaultCountryCallingCode');
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\+?[1-9]\d{0,2}$/.test(text)) {
    throw new Error(
      `defaultCountryCallingCode: '${text}' is not a country calling code like 1 or 44`,
    );
  }
  return text.replace(/^\+/, '');
}

function readTimeoutMs(settings: Config): number {
  const timeoutMs = settings.getOptionalNumber('timeoutMs') ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new Error(
      'timeoutMs: must be a whole number of milliseconds from 1 to 600000',
    );
  }
  return timeoutMs;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== ''
    );
  } catch {
    return false;
  }
}
