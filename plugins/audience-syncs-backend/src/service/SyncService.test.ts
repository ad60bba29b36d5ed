import { TestDatabases } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  AUDIENCE,
  createEngineHarness,
  crmConnector,
  EngineHarness,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';
import { InMemoryAudienceSource } from '../__testUtils__/InMemoryAudienceSource';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { SyncService } from './SyncService';

jest.setTimeout(60_000);

const OTHER_OBJECT = { id: 'list-2', name: 'Other' };

/** What the service changes across stores: edits that reset the ledger, deletion, and run reads. */
describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('SyncService on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let engine: EngineHarness;
  let service: SyncService;
  const entry = { memberHash: 'h', fieldsHash: null };

  beforeAll(async () => {
    engine = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector: crmConnector(2, [OBJECT, OTHER_OBJECT]),
    });
    const source = new InMemoryAudienceSource().set(
      {
        id: AUDIENCE,
        name: 'Buyers',
        entityType: 'users',
        owner: 'group:default/crm',
        entityKeys: ['email', 'user_id'],
        traits: [],
        attributes: ['plan'],
        evaluationSchedule: { type: 'manual' },
      },
      [],
    );
    await engine.evaluate([1, 2].map(n => member(n)));
    service = SyncService.create({
      stores: engine.stores,
      audiences: await AudienceCatalog.create({
        sources: [source],
        store: engine.snapshots,
      }),
      destinations: engine.destinations,
    });
  });

  afterAll(async () => {
    await engine.knex.destroy();
  });

  it('keeps the ledger through an edit of the mode, and empties it when the object or identifier changes', async () => {
    const sync = await engine.createSync();
    const sent = () =>
      engine.ledgerStore.upsert(sync.id, [
        { memberKey: 'u1', identifier: 'x', ...entry },
      ]);
    await sent();
    await service.update(sync.id, { mode: 'additive' }, 'user:default/bo');
    expect(await service.get(sync.id)).toMatchObject({
      mode: 'additive',
      updatedBy: 'user:default/bo',
      createdBy: 'user:default/test',
    });
    expect(await engine.ledgerStore.count(sync.id)).toBe(1);

    await service.update(sync.id, { object: { id: OTHER_OBJECT.id } }, 'a');
    expect((await service.get(sync.id)).object).toEqual(OTHER_OBJECT);
    expect(await engine.ledgerStore.count(sync.id)).toBe(0);

    await sent();
    await service.update(
      sync.id,
      { identifier: { entityKey: 'email', field: 'Email' } },
      'a',
    );
    // The same identifier is no change.
    expect(await engine.ledgerStore.count(sync.id)).toBe(1);
  });

  it('deletes a sync with its runs, errors and ledger, leaving other syncs alone', async () => {
    const doomed = await engine.createSync();
    const kept = await engine.createSync();
    const runIds: number[] = [];
    const { runs, transaction } = engine.stores;
    for (const s of [doomed, kept]) {
      const run = await runs.queueRun(s.id, 'initial');
      const runId = run!.id;
      runIds.push(runId);
      await transaction(tx =>
        runs.sampleErrors(
          runId,
          [
            {
              memberKey: 'a',
              operation: 'add',
              code: 'c',
              message: 'm',
              retryable: true,
            },
          ],
          100,
          tx,
        ),
      );
      await engine.ledgerStore.upsert(s.id, [
        { memberKey: 'a', identifier: 'x', ...entry },
      ]);
    }
    await service.delete(doomed.id);
    await expect(service.get(doomed.id)).rejects.toThrow(NotFoundError);
    expect(await engine.runs.countRuns(doomed.id)).toBe(0);
    expect(await engine.runs.listErrors(runIds[0])).toEqual([]);
    expect(await engine.ledgerStore.count(doomed.id)).toBe(0);
    expect(await engine.runs.countRuns(kept.id)).toBe(1);
    expect(await engine.runs.listErrors(runIds[1])).toHaveLength(1);
    expect(await engine.ledgerStore.count(kept.id)).toBe(1);
  });

  it('shows a run with its error sample, and 404 for a run of another sync', async () => {
    const sync = await engine.createSync();
    const other = await engine.createSync();
    const run = await service.runNow(sync.id);
    const detail = await service.getRun(sync.id, run.id);
    expect(detail).toEqual({ ...run, errors: [] });
    expect(detail).not.toHaveProperty('approval');
    await expect(service.getRun(other.id, run.id)).rejects.toThrow(
      `No run ${run.id} of audience sync '${other.id}'`,
    );
    expect(
      (await service.listRuns(sync.id, { limit: 5, offset: 0 })).items,
    ).toEqual([run]);
  });
});
