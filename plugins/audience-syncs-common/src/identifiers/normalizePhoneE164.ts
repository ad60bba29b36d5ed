/**
 * How to read phone numbers written without their country.
 *
 * @public
 */
export interface PhoneNormalizationOptions {
  /**
   * The country calling code (`1` for the US and Canada, `44` for the UK; a leading `+` is allowed) of numbers
   * written without one, such as `(415) 555-0123`. There is no default: without it such numbers are invalid,
   * because guessing a country would send a hash that matches nobody, or somebody else.
   */
  defaultCountryCallingCode?: string;
}

/** An extension at the end (`ext. 12`, `x12`, `#12`): not part of the number that reaches the phone. */
const EXTENSION = /\s*(?:ext\.?|extension|x|#)\s*\d{1,6}$/i;
/** Digits with the separators people write; a `+` only in front. Letters mean it is not a phone number. */
const WRITTEN_NUMBER = /^\+?[\d\s().\-/]+$/;
const CALLING_CODE = /^\+?([1-9]\d{0,2})$/;
/** The separators `plainDigits` takes without the regular expressions. */
const PLAIN_SEPARATORS = ' ().-/';

/**
 * A phone number in E.164 form (`+14155550123`), the form Google matches (hashed with the `+`) and Meta
 * matches (hashed without it). Separators, an extension and a `(0)` trunk prefix inside an international
 * number are dropped. Numbers written with `+` or the `00` international prefix carry their country code;
 * other numbers are national: their trunk zeros (and, for code `1`, the leading `1`) are dropped and
 * `defaultCountryCallingCode` is put in front. Undefined when the number cannot be made E.164: letters,
 * no country code and no default, or a length E.164 does not allow (7 to 15 digits; exactly 10 after `+1`,
 * where neither the area code nor the exchange starts with 0 or 1).
 *
 * @public
 */
export function normalizePhoneE164(
  raw: string,
  options: PhoneNormalizationOptions = {},
): string | undefined {
  const trimmed = raw.trim();
  let text = trimmed;
  let digits = plainDigits(trimmed);
  if (digits === undefined) {
    text = trimmed.replace(EXTENSION, '').replace(/\(0\)/g, '');
    if (!WRITTEN_NUMBER.test(text)) return undefined;
    digits = text.replace(/\D/g, '');
  }

  let international: string;
  if (text.startsWith('+')) {
    international = digits;
  } else if (digits.startsWith('00')) {
    international = digits.slice(2);
  } else {
    const callingCode = readCallingCode(options.defaultCountryCallingCode);
    if (!callingCode) return undefined;
    let national = digits.replace(/^0+/, '');
    if (callingCode === '1' && /^1\d{10}$/.test(national)) {
      national = national.slice(1);
    }
    international = `${callingCode}${national}`;
  }
  return isPlausibleE164(international) ? `+${international}` : undefined;
}

/**
 * The digits of a number written with digits, spaces and `( ) . - /` only (a `+` in front), in one pass;
 * undefined for anything else (an extension, a `(0)`, other characters), which the regular expressions
 * handle. Most stored numbers take this path: hashing a million of them a second needs it.
 */
function plainDigits(text: string): string | undefined {
  if (text.includes('(0)')) return undefined;
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits += text[i];
    } else if (
      !(PLAIN_SEPARATORS.includes(text[i]) || (i === 0 && code === 43))
    ) {
      return undefined;
    }
  }
  return digits === '' ? undefined : digits;
}

function readCallingCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = CALLING_CODE.exec(value.trim());
  if (!match) {
    throw new TypeError(
      `defaultCountryCallingCode: '${value}' is not a country calling code like 1 or 44`,
    );
  }
  return match[1];
}

function isPlausibleE164(digits: string): boolean {
  if (!/^[1-9]\d{6,14}$/.test(digits)) return false;
  // North American numbering plan: a 3-digit area code and exchange, neither starting with 0 or 1.
  return !digits.startsWith('1') || /^1[2-9]\d{2}[2-9]\d{6}$/.test(digits);
}
