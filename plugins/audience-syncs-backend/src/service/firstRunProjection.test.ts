import { createSyncRequestSchema } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import {
  AUDIENCE,
  createEngineHarness,
  DESTINATION,
  EngineHarness,
  inMemoryKnex,
  member,
  OBJECT,
  range,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { SyncService } from './SyncService';

/** A CRM keyed by email whose one described field is a number. */
const crm = () =>
  new InMemoryDestinationConnector({
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
      batchSize: 4,
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
      ],
    },
  });

const request = createSyncRequestSchema.parse({
  audienceId: AUDIENCE,
  destinationId: DESTINATION,
  object: { id: OBJECT.id },
  identifier: { entityKey: 'email' as const, field: 'Email' },
  fieldMappings: [
    {
      source: { kind: 'trait' as const, name: 'ltv' },
      destinationField: 'ltv',
    },
  ],
  schedule: { type: 'manual' },
});

/** The builder's review: the first run projected from the current snapshot, then the first run itself. */
describe('the projected first run of a new sync', () => {
  let engine: EngineHarness;
  let service: SyncService;

  beforeEach(async () => {
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: crm(),
    });
    service = await createTestSyncService(engine, {
      audience: { traits: ['ltv'] },
    });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it('counts the members it can send and, by reason, those it cannot, as the first run then does', async () => {
    await engine.evaluate([
      ...range(1, 6).map(n => member(n, { ltv: n * 10 })),
      member(7, { ltv: 1 }, ''),
      member(8, { ltv: 1 }, ''),
      member(9, { ltv: 'lots' }),
    ]);

    const { firstRun } = await service.dryRunCreate(request, 'user:default/a');

    expect(firstRun).toEqual({
      evaluationId: expect.any(Number),
      audienceMembers: 9,
      sendable: 6,
      unsendable: [
        {
          code: 'missing_identifier',
          message: 'No identifier',
          count: 2,
          sampleMemberKeys: ['u000007', 'u000008'],
        },
        {
          code: 'field_value_invalid',
          message: expect.stringMatching(/^ltv: /),
          count: 1,
          sampleMemberKeys: ['u000009'],
        },
      ],
    });
    const { sync } = await service.create(request, 'user:default/a');
    const run = await engine.run(sync.id);
    expect(run).toMatchObject({ succeeded: firstRun.sendable, invalid: 3 });
    expect(engine.membership()).toHaveLength(firstRun.sendable);
  });
});
