import {
  aCrmDestination,
  anAdDestination,
  anAudience,
} from '../__testUtils__/fixtures';
import {
  identifierOptions,
  identifierProblems,
  unmatchableIdentifierProblems,
} from './identifierProblems';

const ads = anAdDestination();
const emailOnly = anAudience({
  name: 'Newsletter readers',
  entityKeys: ['email', 'user_id'],
});

describe('identifierOptions', () => {
  it('pairs each identifier field with the entity keys the audience has', () => {
    expect(identifierOptions(emailOnly, ads)).toEqual([
      { entityKey: 'email', field: 'EMAIL', label: 'Email', hashed: true },
    ]);
    expect(
      identifierOptions(anAudience(), ads).map(
        o => `${o.entityKey}:${o.field}`,
      ),
    ).toEqual(['email:EMAIL', 'phone:PHONE', 'device_id:MADID']);
  });

  it('offers one field once per key that can feed it', () => {
    const destination = aCrmDestination({
      capabilities: {
        ...aCrmDestination().capabilities,
        identifierFields: [
          {
            field: 'ExternalId',
            label: 'External ID',
            entityKeys: ['user_id', 'email'],
            hashed: false,
          },
        ],
      },
    });
    expect(
      identifierOptions(anAudience(), destination).map(o => o.entityKey),
    ).toEqual(['user_id', 'email']);
  });
});

describe('identifierProblems', () => {
  it('accepts an entity key of the audience feeding a field that takes it', () => {
    expect(
      identifierProblems(
        { entityKey: 'phone', field: 'PHONE' },
        anAudience(),
        ads,
      ),
    ).toEqual([]);
  });

  it('refuses an entity key the audience does not have', () => {
    expect(
      identifierProblems(
        { entityKey: 'phone', field: 'PHONE' },
        emailOnly,
        ads,
      ),
    ).toEqual([
      {
        field: 'identifier.entityKey',
        code: 'identifier_key_missing',
        message:
          "audience 'Newsletter readers' has no 'phone' key (it has email, user_id)",
      },
    ]);
  });

  it('refuses a field the destination does not offer', () => {
    expect(
      identifierProblems(
        { entityKey: 'email', field: 'Email' },
        anAudience(),
        ads,
      ),
    ).toEqual([
      {
        field: 'identifier.field',
        code: 'identifier_field_unknown',
        message:
          "destination 'Facebook Ads EU' has no identifier field 'Email' (it offers EMAIL, PHONE, MADID)",
      },
    ]);
  });

  it('refuses a field that the entity key cannot feed, naming the fields it can', () => {
    expect(
      identifierProblems(
        { entityKey: 'phone', field: 'EMAIL' },
        anAudience(),
        ads,
      ),
    ).toEqual([
      {
        field: 'identifier.field',
        code: 'identifier_key_mismatch',
        message: "'EMAIL' cannot be matched from the 'phone' key (use PHONE)",
      },
    ]);
    expect(
      identifierProblems(
        { entityKey: 'user_id', field: 'EMAIL' },
        anAudience(),
        ads,
      ),
    ).toEqual([
      {
        field: 'identifier.field',
        code: 'identifier_key_mismatch',
        message:
          "'EMAIL' cannot be matched from the 'user_id' key (destination 'Facebook Ads EU' takes no user_id)",
      },
    ]);
  });
});

describe('unmatchableIdentifierProblems', () => {
  it('says so when the audience has no key the destination matches on', () => {
    const appUsers = anAudience({ name: 'App users', entityKeys: ['user_id'] });
    expect(unmatchableIdentifierProblems(appUsers, ads)).toEqual([
      {
        field: 'identifier',
        code: 'identifier_unmatchable',
        message:
          'Facebook Ads EU matches members on email, phone, device_id, which App users does not have (it has user_id): choose another audience or destination',
      },
    ]);
    expect(unmatchableIdentifierProblems(emailOnly, ads)).toEqual([]);
  });
});
