import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import {
  createEngineHarness,
  DESTINATION,
  EngineHarness,
  inMemoryKnex,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';

/** A CRM whose fields are described: a number, a boolean and a date. */
function typedCrm() {
  return new InMemoryDestinationConnector({
    type: 'typed-crm',
    label: 'Typed CRM',
    objects: [OBJECT],
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'List',
      identifierFields: [
        {
          field: 'Email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: false,
      batchSize: 10,
    },
    fieldSchema: {
      acceptsAnyField: false,
      fields: [
        {
          name: 'ltv',
          label: 'Lifetime Value',
          type: 'number',
          required: false,
        },
        { name: 'vip', label: 'VIP', type: 'boolean', required: false },
        {
          name: 'since',
          label: 'Customer Since',
          type: 'date',
          required: false,
        },
      ],
    },
  });
}

const fieldMappings = [
  { source: { kind: 'trait' as const, name: 'ltv' }, destinationField: 'ltv' },
  { source: { kind: 'trait' as const, name: 'vip' }, destinationField: 'vip' },
  {
    source: { kind: 'trait' as const, name: 'since' },
    destinationField: 'since',
  },
];

describe('field types in a run', () => {
  let engine: EngineHarness;
  let connector: InMemoryDestinationConnector;

  beforeEach(async () => {
    connector = typedCrm();
    engine = await createEngineHarness({ knex: inMemoryKnex(), connector });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it("sends values converted to the described fields' types, and counts the ones that cannot be invalid", async () => {
    await engine.evaluate([
      member(1, { ltv: '42', vip: '1', since: '2024-03-05T10:15:00Z' }),
      member(2, { ltv: 'lots', vip: 'true', since: '2024-03-05' }),
      member(3, { ltv: 7, vip: 'maybe', since: null }),
    ]);
    const sync = await engine.createSync({ fieldMappings });

    const run = await engine.run(sync.id);

    expect(run).toMatchObject({
      // Invalid members are not sent, so they do not make the run partial.
      status: 'succeeded',
      sent: 1,
      succeeded: 1,
      invalid: 2,
    });
    expect(
      run.errors.map(e => [e.memberKey, e.code, e.message]).sort(),
    ).toEqual([
      [
        'u000002',
        'field_value_invalid',
        'ltv: text that cannot be read as a number',
      ],
      [
        'u000003',
        'field_value_invalid',
        'vip: text that cannot be read as a boolean',
      ],
    ]);
    const list = connector.members.get(DESTINATION)!.get(OBJECT.id)!;
    expect(list.get('user1@example.com')).toEqual({
      ltv: 42,
      vip: true,
      since: '2024-03-05',
    });
  });

  it('fails the run, naming the object, when the fields cannot be read', async () => {
    connector.fieldsUnavailable = true;
    await engine.evaluate([member(1, { ltv: 1 })]);
    const sync = await engine.createSync({ fieldMappings });

    const run = await engine.run(sync.id);

    expect(run).toMatchObject({
      status: 'failed',
      error:
        'Could not read the fields of Customers: The destination could not be reached',
    });
    expect(engine.membership()).toEqual([]);
  });
});
