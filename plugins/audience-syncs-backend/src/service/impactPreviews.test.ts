import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import {
  createEngineHarness,
  crmConnector,
  DESTINATION,
  emails,
  EngineHarness,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { SyncService } from './SyncService';

jest.setTimeout(60_000);

const OTHER_OBJECT = { id: 'list-other', name: 'Other' };
/** One object per test, so that members of one test's sync never count in another's. */
const LISTS = ['mode', 'guard', 'object', 'fields', 'dry'].map(name => ({
  id: `list-${name}`,
  name,
}));
const list = (name: string) => LISTS.find(l => l.name === name)!;
const plan = (to: string) => ({
  source: { kind: 'attribute' as const, name: 'plan' },
  destinationField: to,
});

/**
 * An edit's dry run answers what the next run will do: the test previews an edit, saves it, runs, and
 * finds the run doing exactly that, on either database.
 */
describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('Edit previews on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let engine: EngineHarness;
  let service: SyncService;
  const actor = 'user:default/editor';

  beforeAll(async () => {
    engine = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector: crmConnector(2, [...LISTS, OTHER_OBJECT]),
    });
    service = await createTestSyncService(engine, {
      // The engine's limits, so that the preview's guard is the run's.
      removalGuard: {
        maxShare: 1,
        minRemovals: 0,
        maxShareLimit: 1,
        minRemovalsLimit: 1_000,
      },
    });
  });

  afterAll(async () => {
    await engine.knex.destroy();
  });

  /** Previews the edit, saves it, runs once, and gives both. */
  async function previewThenRun(
    syncId: string,
    edit: Parameters<SyncService['update']>[1],
  ) {
    const preview = await service.dryRunUpdate(syncId, edit);
    await service.update(syncId, edit, actor);
    const run = await engine.run(syncId);
    return { preview, run };
  }

  it('switching Additive to Mirror announces the removals and re-keys the run then sends', async () => {
    const sync = await engine.createSync({
      mode: 'additive',
      object: list('mode'),
    });
    await engine.evaluate(range(1, 10).map(n => member(n)));
    await engine.run(sync.id);
    // Four leave, one changes email, one joins; Additive kept all ten.
    await engine.evaluate([
      ...[1, 2, 4, 5, 6, 11].map(n => member(n)),
      member(3, {}, 'new3@example.com'),
    ]);

    const { preview, run } = await previewThenRun(sync.id, { mode: 'mirror' });

    expect(preview.nextRun).toMatchObject({
      ledgerReset: false,
      ledgerMembers: 10,
      audienceMembers: 7,
      adds: 1,
      removes: 4,
      updates: 1,
      rekeyed: 1,
      heldForApproval: null,
    });
    expect(preview.changes).toEqual([
      { field: 'mode', from: 'additive', to: 'mirror' },
    ]);
    expect(run.status).toBe('succeeded');
    expect(run.planned).toEqual({
      adds: preview.nextRun.adds,
      removes: preview.nextRun.removes,
      updates: preview.nextRun.updates,
    });
    expect(engine.membership(list('mode').id)).toEqual(
      [...emails([1, 2, 4, 5, 6, 11]), 'new3@example.com'].sort(),
    );
  });

  it('announces a hold when the removals exceed the guard the edit sets, and the run is held', async () => {
    const sync = await engine.createSync({
      mode: 'additive',
      object: list('guard'),
    });
    await engine.evaluate(range(1, 10).map(n => member(n)));
    await engine.run(sync.id);
    await engine.evaluate(range(1, 5).map(n => member(n)));
    const edit = {
      mode: 'mirror' as const,
      removalGuard: { maxShare: 0.2, minRemovals: 0 },
    };

    const { preview, run } = await previewThenRun(sync.id, edit);

    expect(preview.nextRun.removes).toBe(5);
    expect(preview.nextRun.heldForApproval).toBe(run.error);
    expect(run.status).toBe('held');
    expect(engine.membership(list('guard').id)).toEqual(emails(range(1, 10)));
  });

  it('a new object announces the whole audience sent again, and the run sends it there', async () => {
    const sync = await engine.createSync({ object: list('object') });
    await engine.evaluate(range(1, 6).map(n => member(n)));
    await engine.run(sync.id);

    const { preview, run } = await previewThenRun(sync.id, {
      object: { id: OTHER_OBJECT.id },
    });

    expect(preview.nextRun).toMatchObject({
      ledgerReset: true,
      ledgerMembers: 6,
      adds: 6,
      removes: 0,
      updates: 0,
    });
    expect(run.planned).toEqual({ adds: 6, removes: 0, updates: 0 });
    expect(engine.membership(OTHER_OBJECT.id)).toEqual(emails(range(1, 6)));
    // What the sync sent to the old object stays there.
    expect(engine.membership(list('object').id)).toEqual(emails(range(1, 6)));
  });

  it('new field mappings announce an update of every member sent, and the run sends the new fields', async () => {
    const sync = await engine.createSync({
      object: list('fields'),
      fieldMappings: [plan('Plan')],
    });
    await engine.evaluate(range(1, 4).map(n => member(n, { plan: 'gold' })));
    await engine.run(sync.id);

    const { preview, run } = await previewThenRun(sync.id, {
      fieldMappings: [plan('Tier')],
    });

    expect(preview.nextRun).toMatchObject({ adds: 0, removes: 0, updates: 4 });
    expect(run.planned).toEqual({ adds: 0, removes: 0, updates: 4 });
    const held = (engine.connector as InMemoryDestinationConnector).members
      .get(DESTINATION)!
      .get(list('fields').id)!;
    for (const email of emails(range(1, 4))) {
      expect(held.get(email)).toMatchObject({ Tier: 'gold' });
    }
  });

  it('changes nothing, and refuses what the edit would refuse', async () => {
    const sync = await engine.createSync({ object: list('dry') });
    await engine.evaluate(range(1, 3).map(n => member(n)));
    await engine.run(sync.id);
    const before = await service.get(sync.id);
    const activity = await service.listActivity(sync.id, {
      limit: 10,
      offset: 0,
    });

    await service.dryRunUpdate(sync.id, {
      mode: 'subtractive',
      object: { id: OTHER_OBJECT.id },
    });

    expect(await service.get(sync.id)).toEqual(before);
    expect(await engine.ledgerStore.count(sync.id)).toBe(3);
    expect(
      await service.listActivity(sync.id, { limit: 10, offset: 0 }),
    ).toEqual(activity);
    await expect(
      service.dryRunUpdate(sync.id, { mode: 'mirror', version: 99 }),
    ).rejects.toThrow(ConflictError);
    await expect(
      service.dryRunUpdate(sync.id, { object: { id: 'no-such-list' } }),
    ).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ field: expect.stringMatching(/^object/) }),
      ],
    });
  });
});
