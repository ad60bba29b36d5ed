import { Config } from '@backstage/config';
import {
  CountryCode,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
} from 'libphonenumber-js';
import { PhoneDefaults } from '../prepare/normalizePhone';

/** Every country calling code the numbering plans know. */
const CALLING_CODES = new Set<string>(
  getCountries().map(country => getCountryCallingCode(country)),
);

/**
 * The country of phone numbers written without one: `defaultRegion` (like IT or US), or the older
 * `defaultCountryCallingCode` (like 39 or +1), which existing destinations keep using. Both may be set
 * when they agree. Each error names its setting.
 */
export function readPhoneDefaults(settings: Config): PhoneDefaults {
  const region = readRegion(settings);
  const callingCode = readCallingCode(settings);
  if (region && callingCode && getCountryCallingCode(region) !== callingCode) {
    throw new Error(
      `defaultRegion: ${region} has the country calling code ${getCountryCallingCode(
        region,
      )}, but defaultCountryCallingCode says ${callingCode}; set only one of them`,
    );
  }
  if (region) return { defaultRegion: region };
  return callingCode ? { defaultCallingCode: callingCode } : {};
}

function readRegion(settings: Config): CountryCode | undefined {
  const value = settings.getOptional('defaultRegion');
  if (value === undefined) return undefined;
  const text = String(value).trim().toUpperCase();
  if (!isSupportedCountry(text)) {
    throw new Error(
      `defaultRegion: '${String(
        value,
      )}' is not a region with a numbering plan, like US, GB or IT (ISO 3166-1 alpha-2)`,
    );
  }
  return text;
}

function readCallingCode(settings: Config): string | undefined {
  const value = settings.getOptional('defaultCountryCallingCode');
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const digits = text.replace(/^\+/, '');
  if (!/^\+?[1-9]\d{0,2}$/.test(text) || !CALLING_CODES.has(digits)) {
    throw new Error(
      `defaultCountryCallingCode: '${text}' is not a country calling code like 1 or 44`,
    );
  }
  return digits;
}
