import { BrazeUserStore } from './BrazeUserStore';

describe('BrazeUserStore', () => {
  let clock = 0;
  const store = () =>
    BrazeUserStore.create({
      arrayLimit: 500,
      membershipAttributes: ['segments'],
      now: () => ++clock,
    });

  it('finds a user by its current email only, after the email changed', () => {
    const users = store();
    users.track({ external_id: 'u1', email: 'Old@Example.com' });
    users.track({ external_id: 'u1', email: 'new@example.com' });

    expect(users.find({ email: 'NEW@example.com' })?.externalId).toBe('u1');
    expect(users.find({ email: 'old@example.com' })).toBeUndefined();
    users.track({ external_id: 'u1', email: null });
    expect(users.find({ email: 'new@example.com' })).toBeUndefined();
  });

  it('picks the most recently updated of users sharing an email, and finds phones by digits', () => {
    const users = store();
    users.track({ external_id: 'a', email: 'shared@example.com' });
    users.track({
      external_id: 'b',
      email: 'shared@example.com',
      phone: '+1 (415) 555-0100',
    });
    expect(users.find({ email: 'shared@example.com' })?.externalId).toBe('b');
    users.track({ external_id: 'a', first_name: 'Ann' });
    expect(users.find({ email: 'shared@example.com' })?.externalId).toBe('a');
    expect(users.find({ phone: '14155550100' })?.externalId).toBe('b');
  });

  it('creates a user from an email once and updates it after', () => {
    const users = store();
    users.track({ email: 'solo@example.com', segments: { add: ['vip'] } });
    users.track({ email: 'solo@example.com', segments: { add: ['churn'] } });
    expect(users.size).toBe(1);
    expect(
      users.find({ email: 'solo@example.com' })?.attributes.segments,
    ).toEqual(['vip', 'churn']);
  });
});
