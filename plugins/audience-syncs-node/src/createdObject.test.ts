import { createdObject } from './createdObject';
import { DestinationError } from './connectors';

describe('createdObject', () => {
  const asked = { name: 'VIP', service: 'Acme', object: 'list' };

  it('is the id as text and the name the vendor gave, or the one asked for', () => {
    expect(createdObject({ id: 42, name: 'VIP (1)' }, asked)).toEqual({
      id: '42',
      name: 'VIP (1)',
    });
    expect(createdObject({ id: 'l-1' }, asked)).toEqual({
      id: 'l-1',
      name: 'VIP',
    });
  });

  it.each([undefined, {}, { id: null }, { id: '' }])(
    'fails for good on an answer without an id: %p',
    created => {
      expect(() => createdObject(created, asked)).toThrow(
        new DestinationError({
          message: 'Acme created the list but did not say its id',
          code: 'unexpected_response',
          retryable: false,
        }),
      );
    },
  );
});
