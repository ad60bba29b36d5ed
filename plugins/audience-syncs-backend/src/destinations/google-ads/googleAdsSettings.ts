import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  OAuthCredentials,
  readBaseUrl,
  readOAuthCredentials,
  readRequiredString,
  readWholeNumber,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { PhoneDefaults } from '../prepare/normalizePhone';
import { readPhoneDefaults } from '../settings/readPhoneDefaults';

export const UPLOAD_KEY_TYPES = ['CONTACT_ID', 'MOBILE_ID', 'USER_ID'] as const;
export type ListUploadKeyType = (typeof UPLOAD_KEY_TYPES)[number];
export const CONSENT = ['CONSENT_GRANTED', 'CONSENT_DENIED'] as const;
export type ConsentStatus = (typeof CONSENT)[number];
export type ConsentField = 'adUserData' | 'adPersonalization';

/** Google's token endpoint, where refresh tokens are exchanged for access tokens. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export type GoogleAdsAuthSettings =
  | { kind: 'token'; accessToken: string }
  | ({ kind: 'oauth' } & OAuthCredentials);

export interface GoogleAdsSettings {
  /** Data Manager API root, e.g. `https://datamanager.googleapis.com/v1`. */
  apiRoot: string;
  auth: GoogleAdsAuthSettings;
  /** Google Ads customer id, digits only. */
  operatingAccountId: string;
  loginAccountId?: string;
  /** The destination's consent, sent with every ingest. */
  consent?: Partial<Record<ConsentField, ConsentStatus>>;
  /** Audience attributes holding a member's own consent, which overrides the destination's. */
  consentAttributes: Partial<Record<ConsentField, string>>;
  /** How the outcome of accepted requests is read back: checks at the most, and the first wait. */
  requestStatus: { checks: number; firstWaitMs: number };
  listUploadKeyType: ListUploadKeyType;
  mobileApp?: { appId: string; keySpace: 'IOS' | 'ANDROID' };
  phoneDefaults: PhoneDefaults;
}

/** The settings of a Google Ads destination; the credentials among them. */
export const googleAdsSettings: DestinationSettingsReader<GoogleAdsSettings> = {
  secretKeys: ['accessToken', 'clientSecret', 'refreshToken'],
  read: readGoogleAdsSettings,
};

/**
 * The settings of a Google Ads (Customer Match) destination, sent through the Data Manager API. Each error
 * names its setting and never repeats a secret.
 * - credentials, one of: `clientId`, `clientSecret` and `refreshToken` of an OAuth client (recommended:
 *   access tokens are fetched from `tokenUrl`, default Google's, and renewed before they expire), or
 *   `accessToken`, an OAuth access token with the `datamanager` scope (it expires after an hour);
 * - `operatingAccountId` (required): the Google Ads customer id, dashes allowed; `loginAccountId`: the
 *   manager account it is reached through, if any;
 * - `baseUrl` (default `https://datamanager.googleapis.com`);
 * - `adUserDataConsent`, `adPersonalizationConsent`: `CONSENT_GRANTED` or `CONSENT_DENIED`, sent with adds;
 *   `adUserDataConsentAttribute`, `adPersonalizationConsentAttribute`: audience attributes holding each
 *   member's own consent (a boolean, or one of those values), sent per member instead of the default;
 * - `requestStatusChecks` (default 3) and `requestStatusFirstWaitMs` (default 500, doubling per check):
 *   how long the outcome of an accepted request is waited for; a request still processing after that
 *   counts as sent (Google may take hours);
 * - `listUploadKeyType` (default `CONTACT_ID`): what lists created from Backstage take: `CONTACT_ID`
 *   (emails, phones), `USER_ID` (CRM ids) or `MOBILE_ID` (with `mobileAppId` and `mobileKeySpace` IOS|ANDROID);
 * - `defaultRegion` (like IT): the country of phone numbers written without one (none by default);
 *   `defaultCountryCallingCode` (like 39), the older form, is still read;
 * - `timeoutMs` (default 30,000).
 */
function readGoogleAdsSettings(settings: Config): GoogleAdsSettings {
  const baseUrl = readBaseUrl(settings, 'https://datamanager.googleapis.com');
  const oauth = readOAuthCredentials(settings, GOOGLE_TOKEN_URL);
  const auth: GoogleAdsAuthSettings = oauth
    ? { kind: 'oauth', ...oauth }
    : {
        kind: 'token',
        accessToken: readRequiredString(settings, 'accessToken'),
      };
  // Customer ids may be written as YAML numbers: read them as any value.
  const operatingAccountId = readCustomerId(
    settings.get('operatingAccountId'),
    'operatingAccountId',
  );
  const loginAccountId = settings.getOptional('loginAccountId');
  const listUploadKeyType =
    settings.getOptionalString('listUploadKeyType') ?? 'CONTACT_ID';
  if (!(UPLOAD_KEY_TYPES as readonly string[]).includes(listUploadKeyType)) {
    throw new Error(
      `listUploadKeyType: '${listUploadKeyType}' is not one of ${UPLOAD_KEY_TYPES.join(
        ', ',
      )}`,
    );
  }
  return {
    apiRoot: `${baseUrl}/v1`,
    auth,
    operatingAccountId,
    loginAccountId:
      loginAccountId === undefined
        ? undefined
        : readCustomerId(loginAccountId, 'loginAccountId'),
    consent: readConsent(settings),
    consentAttributes: readConsentAttributes(settings),
    requestStatus: {
      checks: readWholeNumber(settings, 'requestStatusChecks', {
        min: 1,
        max: 20,
        fallback: 3,
      }),
      firstWaitMs: readWholeNumber(settings, 'requestStatusFirstWaitMs', {
        min: 0,
        max: 600_000,
        fallback: 500,
      }),
    },
    listUploadKeyType: listUploadKeyType as ListUploadKeyType,
    mobileApp:
      listUploadKeyType === 'MOBILE_ID' ? readMobileApp(settings) : undefined,
    phoneDefaults: readPhoneDefaults(settings),
  };
}

function readCustomerId(value: unknown, key: string): string {
  const digits = String(value).replace(/-/g, '').trim();
  if (!/^\d{10}$/.test(digits)) {
    throw new Error(
      `${key}: '${value}' is not a Google Ads customer id like 123-456-7890`,
    );
  }
  return digits;
}

function readConsent(settings: Config): GoogleAdsSettings['consent'] {
  const consent: GoogleAdsSettings['consent'] = {};
  for (const [setting, field] of [
    ['adUserDataConsent', 'adUserData'],
    ['adPersonalizationConsent', 'adPersonalization'],
  ] as const) {
    const value = settings.getOptionalString(setting);
    if (value === undefined) continue;
    if (!(CONSENT as readonly string[]).includes(value)) {
      throw new Error(
        `${setting}: '${value}' is not one of ${CONSENT.join(', ')}`,
      );
    }
    consent[field] = value as ConsentStatus;
  }
  return Object.keys(consent).length > 0 ? consent : undefined;
}

function readConsentAttributes(
  settings: Config,
): GoogleAdsSettings['consentAttributes'] {
  const attributes: GoogleAdsSettings['consentAttributes'] = {};
  for (const field of ['adUserData', 'adPersonalization'] as const) {
    const name = settings.getOptionalString(`${field}ConsentAttribute`)?.trim();
    if (name) attributes[field] = name;
  }
  return attributes;
}

function readMobileApp(settings: Config): GoogleAdsSettings['mobileApp'] {
  const appId = settings.getString('mobileAppId').trim();
  const keySpace = settings.getString('mobileKeySpace');
  if (keySpace !== 'IOS' && keySpace !== 'ANDROID') {
    throw new Error(`mobileKeySpace: '${keySpace}' is not IOS or ANDROID`);
  }
  return { appId, keySpace };
}
