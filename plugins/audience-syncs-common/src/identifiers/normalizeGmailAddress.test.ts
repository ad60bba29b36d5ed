import { normalizeGmailAddress } from './normalizeGmailAddress';

describe('normalizeGmailAddress', () => {
  it.each([
    ['John.Doe@gmail.com', 'johndoe@gmail.com'],
    ['  J.O.H.N.Doe+newsletter@Gmail.com ', 'johndoe@gmail.com'],
    ['jane.doe+a+b@googlemail.com', 'janedoe@googlemail.com'],
    ['jane doe@GMAIL.COM', 'janedoe@gmail.com'],
  ])('drops dots and +suffix of Google mail: %p → %p', (raw, expected) => {
    expect(normalizeGmailAddress(raw)).toBe(expected);
  });

  it.each([
    ['John.Doe+ads@Example.com', 'john.doe+ads@example.com'],
    ['john.doe@gmail.co.uk', 'john.doe@gmail.co.uk'],
    ['john.doe@mail.gmail.com', 'john.doe@mail.gmail.com'],
  ])('keeps dots and + of other domains: %p → %p', (raw, expected) => {
    expect(normalizeGmailAddress(raw)).toBe(expected);
  });

  it.each(['+ads@gmail.com', '...@gmail.com', 'not-an-email', ''])(
    'refuses %p',
    raw => {
      expect(normalizeGmailAddress(raw)).toBeUndefined();
    },
  );
});
