import { SyncTarget } from './connectors';
import { preparedRow } from './preparedRow';

const target: SyncTarget = {
  object: { id: 'list-1', name: 'List 1' },
  identifier: { entityKey: 'email', field: 'email' },
  fieldMappings: [
    {
      source: { kind: 'trait', name: 'ltv' },
      destinationField: 'lifetime_value_usd',
    },
    { source: { kind: 'attribute', name: 'vip' }, destinationField: 'is_vip' },
    {
      source: { kind: 'attribute', name: 'note' },
      destinationField: 'free_note',
    },
  ],
  fieldSchema: {
    acceptsAnyField: true,
    fields: [
      {
        name: 'lifetime_value_usd',
        label: 'Lifetime Value (USD)',
        type: 'number',
        required: false,
      },
      { name: 'is_vip', label: 'VIP', type: 'boolean', required: false },
    ],
  },
};

const member = (fields: Record<string, unknown>) => ({
  memberKey: 'm-1',
  keys: { email: 'a@example.com' },
  fields,
});

describe('preparedRow', () => {
  it("converts mapped values to their described fields' types and leaves undescribed ones alone", () => {
    expect(
      preparedRow(
        member({ ltv: '42', vip: '1', note: 7 }),
        target,
        'a@example.com',
      ),
    ).toEqual({
      ok: true,
      row: {
        memberKey: 'm-1',
        identifier: 'a@example.com',
        fields: { lifetime_value_usd: 42, is_vip: true, free_note: 7 },
      },
    });
  });

  it('makes a member whose value cannot be converted invalid, naming the field and the kind of value', () => {
    expect(
      preparedRow(member({ ltv: 'lots', vip: true }), target, 'a@example.com'),
    ).toEqual({
      ok: false,
      code: 'field_value_invalid',
      reason: 'lifetime_value_usd: text that cannot be read as a number',
    });
  });

  it('sends values as they are without a schema', () => {
    const { fieldSchema, ...untyped } = target;
    expect(
      preparedRow(member({ ltv: 'lots' }), untyped, 'a@example.com'),
    ).toMatchObject({
      ok: true,
      row: { fields: { lifetime_value_usd: 'lots' } },
    });
  });
});
