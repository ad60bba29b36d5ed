import { ownerProblems } from './ownerProblems';

describe('ownerProblems', () => {
  it('accepts no owner, or an entity reference', () => {
    expect(ownerProblems(undefined)).toEqual([]);
    expect(ownerProblems('group:default/marketing')).toEqual([]);
    expect(ownerProblems('user:jane')).toEqual([]);
  });

  it('refuses anything else', () => {
    expect(ownerProblems('marketing team')).toEqual([
      {
        field: 'owner',
        code: 'owner_invalid',
        message:
          "'marketing team' is not an entity reference like group:default/marketing",
      },
    ]);
  });
});
