import { normalizeMobileAdId } from './normalizeMobileAdId';

describe('normalizeMobileAdId', () => {
  it.each([
    // An iOS IDFA is reported in upper case, an Android AAID in lower case: both become lower case.
    [
      'EA7583CD-A667-48BC-B806-42ECB2B48606',
      'ea7583cd-a667-48bc-b806-42ecb2b48606',
    ],
    [
      '6032d997-3ab0-4de0-aa16-8af0e5b482fb',
      '6032d997-3ab0-4de0-aa16-8af0e5b482fb',
    ],
    [
      ' 38400000-8cf0-11bd-b23e-10b96e40000d\n',
      '38400000-8cf0-11bd-b23e-10b96e40000d',
    ],
  ])('normalizes %p to %p', (raw, expected) => {
    expect(normalizeMobileAdId(raw)).toBe(expected);
  });

  it.each([
    '',
    'not-a-device',
    '6032d9973ab04de0aa168af0e5b482fb',
    '6032d997-3ab0-4de0-aa16-8af0e5b482f',
    '6032d997-3ab0-4de0-aa16-8af0e5b482fg',
    '{6032d997-3ab0-4de0-aa16-8af0e5b482fb}',
    '00000000-0000-0000-0000-000000000000',
  ])('refuses %p', raw => {
    expect(normalizeMobileAdId(raw)).toBeUndefined();
  });
});
