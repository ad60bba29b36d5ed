import { TestDatabases } from '@backstage/backend-test-utils';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import {
  createEngineHarness,
  EngineHarness,
  member,
  OBJECT,
  range,
} from '../__testUtils__/createEngineHarness';

jest.setTimeout(60_000);

/** Row errors a run keeps; fewer than the run meets, so the counts must come from elsewhere. */
const SAMPLE_SIZE = 5;

/** A CRM that takes emails in batches of 4 and describes one number field. */
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
}

const fieldMappings = [
  { source: { kind: 'trait' as const, name: 'ltv' }, destinationField: 'ltv' },
];

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('a run’s errors by code on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let engine: EngineHarness;
  let connector: InMemoryDestinationConnector;

  beforeAll(async () => {
    connector = typedCrm();
    engine = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector,
      errorSampleSize: SAMPLE_SIZE,
    });
  });

  afterAll(async () => {
    await engine.knex.destroy();
  });

  it('counts every invalid and refused row by code, while the sample keeps only the first', async () => {
    await engine.evaluate([
      // Sent and accepted.
      ...range(1, 6).map(n => member(n, { ltv: n })),
      // Refused by the destination, in several batches.
      ...range(7, 15).map(n => member(n, { ltv: n })),
      // Invalid: no email to send them by.
      ...range(16, 22).map(n => member(n, { ltv: n }, '')),
      // Invalid: a value the number field cannot take.
      ...range(23, 26).map(n => member(n, { ltv: 'lots' })),
    ]);
    for (const n of range(7, 15)) connector.refuse.add(`user${n}@example.com`);
    const sync = await engine.createSync({ fieldMappings });

    const first = await engine.run(sync.id);

    expect(first).toMatchObject({
      // Refused rows make the run partial.
      status: 'partial',
      sent: 15,
      succeeded: 6,
      failed: 9,
      invalid: 11,
    });
    expect(first.errors).toHaveLength(SAMPLE_SIZE);
    expect(first.errorSummary.map(group => [group.code, group.count])).toEqual([
      ['INVALID_RECORD', 9],
      ['missing_identifier', 7],
      ['field_value_invalid', 4],
    ]);
    // Each sample row sits under its code, and every one of them is shown.
    for (const group of first.errorSummary) {
      for (const sample of group.samples) expect(sample.code).toBe(group.code);
    }
    expect(
      first.errorSummary
        .flatMap(group => group.samples)
        .map(e => e.memberKey)
        .sort(),
    ).toEqual(first.errors.map(e => e.memberKey).sort());

    // The next run meets the same rows again and counts them for itself; the first run's counts stay.
    const second = await engine.run(sync.id);
    expect(second.errorSummary.map(group => [group.code, group.count])).toEqual(
      [
        ['INVALID_RECORD', 9],
        ['missing_identifier', 7],
        ['field_value_invalid', 4],
      ],
    );
    expect(
      (await engine.runDetail(sync.id, first.id))!.errorSummary.map(
        group => group.count,
      ),
    ).toEqual([9, 7, 4]);
  });

  it('shows a run without row errors with an empty summary', async () => {
    connector.refuse.clear();
    await engine.evaluate(range(1, 3).map(n => member(n, { ltv: n })));
    const sync = await engine.createSync({ fieldMappings });

    const run = await engine.run(sync.id);

    expect(run).toMatchObject({ status: 'succeeded', invalid: 0, failed: 0 });
    expect(run.errorSummary).toEqual([]);
  });
});
