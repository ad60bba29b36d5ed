import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Where phone numbers written without their country come from. Without either, such numbers are
 * invalid: guessing a country would send a hash that matches nobody, or somebody else.
 */
export interface PhoneDefaults {
  /** The region (ISO 3166-1 alpha-2, e.g. `IT`) of national numbers such as `06 1234 5678`. */
  defaultRegion?: CountryCode;
  /** A country calling code (e.g. `39`) instead: the older setting, read the same way. */
  defaultCallingCode?: string;
}

/** Digits and the separators people write, a `+` in front, and an optional extension at the end. */
const WRITTEN_NUMBER =
  /^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,6})?$/i;

/**
 * A phone number in E.164 form (`+390612345678`), the form Google matches (hashed with the `+`) and Meta
 * (hashed without it), by `libphonenumber-js`: it knows each country's trunk prefix, which is dropped
 * (`020 7946 0958` in GB), and where a leading zero belongs to the number (`06 …` in IT stays
 * `+3906…`). Numbers written with `+` or the `00` international prefix carry their own country; an
 * extension is not part of the number. Undefined when the number is not a valid one: letters, no
 * country and no default, or digits that no numbering plan of the country allows.
 */
export function normalizePhone(
  raw: string,
  defaults: PhoneDefaults = {},
): string | undefined {
  const text = raw.trim();
  if (!WRITTEN_NUMBER.test(text)) return undefined;
  const options = {
    defaultCountry: defaults.defaultRegion,
    defaultCallingCode: defaults.defaultCallingCode,
    extract: false,
  };
  const phone = parsePhoneNumberFromString(text, options);
  if (phone?.isValid()) return phone.number;
  // `00` is the international prefix of most countries, but not of all (nor of the default region's,
  // which the library already knows): read as `+` when the number is not valid otherwise.
  if (!text.startsWith('00')) return undefined;
  const international = parsePhoneNumberFromString(
    `+${text.slice(2)}`,
    options,
  );
  return international?.isValid() ? international.number : undefined;
}
