import { normalizeEmail } from './normalizeEmail';

describe('normalizeEmail', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com'],
    ['\tGrace\n@navy.mil\r\n', 'grace@navy.mil'],
    ['john doe@example.com', 'johndoe@example.com'],
    ['john.doe+ads@example.co.uk', 'john.doe+ads@example.co.uk'],
    ['John.Doe@Gmail.com', 'john.doe@gmail.com'],
    ['anna.müller@gmx.de', 'anna.müller@gmx.de'],
  ])('normalizes %p to %p', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada@example.',
    'ada@.com',
    'ada@@example.com',
    'ada@exa@mple.com',
    'ada@example..com',
  ])('refuses %p', raw => {
    expect(normalizeEmail(raw)).toBeUndefined();
  });
});
