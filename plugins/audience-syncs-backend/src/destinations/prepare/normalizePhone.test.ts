import {
  CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  PhoneNumber,
} from 'libphonenumber-js';
import { seededRandom } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { normalizePhone } from './normalizePhone';

describe('normalizePhone', () => {
  it.each([
    // The leading zero of Italian numbers belongs to the number.
    ['06 1234 5678', 'IT', '+390612345678'],
    ['06-1234-5678', 'IT', '+390612345678'],
    ['+39 06 1234 5678', 'US', '+390612345678'],
    ['0039 06 1234 5678', 'US', '+390612345678'],
    ['333 123 4567', 'IT', '+393331234567'],
    // Elsewhere the trunk prefix 0 is dropped.
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 (0)20 7946 0958', 'US', '+442079460958'],
    ['030 901820', 'DE', '+4930901820'],
    ['(415) 555-0123', 'US', '+14155550123'],
    ['1 (415) 555-0123', 'US', '+14155550123'],
    ['415.555.0123', 'CA', '+14155550123'],
    ['+1 415 555 0123 ext. 12', 'GB', '+14155550123'],
    ['+1-415-555-0123x9', undefined, '+14155550123'],
  ] as const)(
    'normalizes %p (default region %p) to %p',
    (raw, region, e164) => {
      expect(normalizePhone(raw, { defaultRegion: region })).toBe(e164);
    },
  );

  it('reads national numbers with a default calling code as its main region', () => {
    expect(normalizePhone('06 1234 5678', { defaultCallingCode: '39' })).toBe(
      '+390612345678',
    );
    expect(normalizePhone('(415) 555-0123', { defaultCallingCode: '1' })).toBe(
      '+14155550123',
    );
  });

  it('cannot place a national number without a default', () => {
    expect(normalizePhone('06 1234 5678')).toBeUndefined();
    expect(normalizePhone('(415) 555-0123')).toBeUndefined();
  });

  it.each([
    '',
    '   ',
    '0',
    '12',
    '+1',
    '+',
    'call me',
    '415-CALL-NOW',
    '+1 (015) 555-0123',
    '+1 415 555 01234',
    '+0 415 555 0123',
    '+1234567890123456',
    '+44 20 7946 0958 / +44 20 7946 0959 / +44',
  ])('refuses %p, whatever the default region', raw => {
    expect(normalizePhone(raw)).toBeUndefined();
    expect(normalizePhone(raw, { defaultRegion: 'US' })).toBeUndefined();
  });

  it('agrees with libphonenumber on random valid numbers of every region, however they are written', () => {
    const random = seededRandom(18);
    let checked = 0;
    for (const region of getCountries()) {
      for (const phone of randomValidNumbers(region, random, 5)) {
        const international = phone.formatInternational();
        // Written with their country, they are that number whatever the default region.
        for (const text of [
          phone.number,
          international,
          international.replace(/ /g, '-'),
          international.replace(/ /g, '.'),
          `00${phone.countryCallingCode}${phone.nationalNumber}`,
        ]) {
          expect([text, normalizePhone(text, { defaultRegion: 'US' })]).toEqual(
            [text, phone.number],
          );
        }
        // Written nationally, they read as the library reads them in their region (which for a few
        // national formats, such as Argentina's mobile 15, is not the number they were formatted from).
        for (const text of [
          `  ${phone.formatNational()} `,
          phone.formatNational().replace(/[ -]/g, ''),
        ]) {
          const library = parsePhoneNumberFromString(text.trim(), region);
          expect([
            text,
            normalizePhone(text, { defaultRegion: region }),
          ]).toEqual([text, library?.isValid() ? library.number : undefined]);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

/** Up to `count` valid numbers of the region, from random national numbers of plausible lengths. */
function randomValidNumbers(
  region: CountryCode,
  random: () => number,
  count: number,
): PhoneNumber[] {
  const found: PhoneNumber[] = [];
  const callingCode = getCountryCallingCode(region);
  for (let attempt = 0; attempt < 500 && found.length < count; attempt++) {
    const length = 6 + Math.floor(random() * 7);
    // A leading 0 is part of some national numbers (Italy).
    let nsn = String(Math.floor(random() * 10));
    while (nsn.length < length) nsn += String(Math.floor(random() * 10));
    const phone = parsePhoneNumberFromString(`+${callingCode}${nsn}`);
    if (phone?.isValid() && phone.country === region) found.push(phone);
  }
  return found;
}
