import { CommonValidatorFunctions } from '@backstage/catalog-model';
import { toTag } from './toTag';

describe('toTag', () => {
  it.each([
    ['users', 'users'],
    ['user_id', 'user-id'],
    ['Facebook Ads', 'facebook-ads'],
    ['  --B2B__Accounts (EU)--  ', 'b2b-accounts-eu'],
    ['c++ & c#', 'c++-c#'],
    ['Émilie Größe', 'emilie-gro-e'],
    ['a:b', 'a-b'],
  ])('turns %j into %j', (value, tag) => {
    expect(toTag(value)).toBe(tag);
    expect(CommonValidatorFunctions.isValidTag(tag)).toBe(true);
  });

  it('cuts long values to 63 characters without a trailing hyphen', () => {
    const tag = toTag(`${'a'.repeat(62)} b`);
    expect(tag).toBe('a'.repeat(62));
    expect(CommonValidatorFunctions.isValidTag(tag)).toBe(true);
  });

  it.each(['', '___', '🚀'])('leaves nothing of %j', value => {
    expect(toTag(value)).toBeUndefined();
  });
});
