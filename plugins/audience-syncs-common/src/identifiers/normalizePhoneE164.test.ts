import { normalizePhoneE164 } from './normalizePhoneE164';

describe('normalizePhoneE164', () => {
  describe('numbers written with their country code', () => {
    it.each([
      ['+14155550123', '+14155550123'],
      ['+1 (415) 555-0123', '+14155550123'],
      ['  +1.415.555.0123 ', '+14155550123'],
      ['+44 20 7946 0958', '+442079460958'],
      // The UK habit of writing the trunk prefix inside an international number.
      ['+44 (0)20 7946 0958', '+442079460958'],
      // `00` is the international prefix: the country code follows.
      ['0044 20 7946 0958', '+442079460958'],
      // Italian numbers keep their leading 0 after the country code.
      ['+39 06 6982 1234', '+390669821234'],
      ['+49 30 901820', '+4930901820'],
      ['+1 415 555 0123 ext. 12', '+14155550123'],
      ['+1-415-555-0123x9', '+14155550123'],
    ])('normalizes %p to %p', (raw, expected) => {
      expect(normalizePhoneE164(raw)).toBe(expected);
      // A default country does not change a number that carries its own.
      expect(normalizePhoneE164(raw, { defaultCountryCallingCode: '49' })).toBe(
        expected,
      );
    });
  });

  describe('national numbers', () => {
    it.each([
      ['(415) 555-0123', '1', '+14155550123'],
      ['415-555-0123', '1', '+14155550123'],
      ['415.555.0123', '+1', '+14155550123'],
      // The NANP long-distance prefix 1 is not a country code written without `+`.
      ['1 (415) 555-0123', '1', '+14155550123'],
      ['020 7946 0958', '44', '+442079460958'],
      ['07700 900123', '44', '+447700900123'],
      ['030 901820', '49', '+4930901820'],
    ])('normalizes %p with default %p to %p', (raw, code, expected) => {
      expect(normalizePhoneE164(raw, { defaultCountryCallingCode: code })).toBe(
        expected,
      );
    });

    it('cannot make one E.164 without a default country calling code', () => {
      expect(normalizePhoneE164('(415) 555-0123')).toBeUndefined();
      expect(normalizePhoneE164('020 7946 0958')).toBeUndefined();
    });
  });

  it.each([
    '',
    '   ',
    '0',
    '000',
    '12',
    '123',
    '555',
    '1234567',
    '+1',
    '+',
    'call me',
    '415-CALL-NOW',
    '+1 (015) 555-0123',
    '+1 (415) 155-0123',
    '+1 415 555 01234',
    '+0 415 555 0123',
    '+1234567890123456',
    '+44 20 7946 0958 / +44 20 7946 0959 / +44',
  ])('refuses %p, even with a default country calling code', raw => {
    expect(normalizePhoneE164(raw)).toBeUndefined();
    expect(
      normalizePhoneE164(raw, { defaultCountryCallingCode: '1' }),
    ).toBeUndefined();
  });

  it.each(['0', '1234', 'US', '+'])(
    'refuses the default country calling code %p, naming the option',
    code => {
      expect(() =>
        normalizePhoneE164('415 555 0123', { defaultCountryCallingCode: code }),
      ).toThrow(/^defaultCountryCallingCode: /);
    },
  );
});
