import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AUDIENCE,
  DESTINATION,
  createEngineHarness,
  crmConnector,
  EngineHarness,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';
import { createTestSyncService } from '../__testUtils__/createTestSyncService';
import { SyncService } from './SyncService';

jest.setTimeout(60_000);

const OTHER_OBJECT = { id: 'list-2', name: 'Other' };

/** A promise the test resolves when it wants to. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { opened, open };
}

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
    await engine.evaluate([1, 2].map(n => member(n)));
    service = await createTestSyncService(engine);
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

  /**
   * Holds the next validation of an edit at the destination's object listing until the returned `open`
   * is called, and resolves `reached` once the edit got there: the test changes the sync in between.
   */
  function holdValidation() {
    const { client } = engine.destinations.require('crm');
    const listObjects = client.listObjects.bind(client);
    const release = gate();
    const reached = gate();
    jest
      .spyOn(client, 'listObjects')
      .mockImplementationOnce(async (): Promise<DestinationObject[]> => {
        reached.open();
        await release.opened;
        return listObjects();
      });
    return { reached: reached.opened, open: release.open };
  }

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('keeps a sync paused that was paused while an edit of it was validated', async () => {
    const sync = await engine.createSync({
      schedule: { type: 'daily' },
      nextRunAt: '2026-01-02T00:00:00.000Z',
    });
    const held = holdValidation();
    const edit = service.update(
      sync.id,
      { name: 'Renamed', schedule: { type: 'hourly' } },
      'user:default/bo',
    );
    await held.reached;
    await service.pause(sync.id, 'user:default/jane');
    held.open();
    await edit;
    expect(await service.get(sync.id)).toMatchObject({
      name: 'Renamed',
      schedule: { type: 'hourly' },
      status: 'paused',
      nextRunAt: null,
      updatedBy: 'user:default/bo',
    });
  });

  it('keeps what a run that ended during an edit recorded', async () => {
    const { syncs, transaction } = engine.stores;
    const synced = await engine.createSync();
    let held = holdValidation();
    let edit = service.update(synced.id, { mode: 'additive' }, 'a');
    await held.reached;
    const at = '2026-03-01T10:00:00.000Z';
    await transaction(tx =>
      syncs.recordRunEnd(synced.id, { synced: true, at }, tx),
    );
    held.open();
    await edit;
    expect(await service.get(synced.id)).toMatchObject({
      mode: 'additive',
      lastSyncedAt: at,
    });

    const failed = await engine.createSync();
    held = holdValidation();
    edit = service.update(failed.id, { mode: 'additive' }, 'a');
    await held.reached;
    await transaction(tx =>
      syncs.recordRunEnd(failed.id, { synced: false, at }, tx),
    );
    held.open();
    await edit;
    expect(await service.get(failed.id)).toMatchObject({
      mode: 'additive',
      status: 'errored',
    });
  });

  it('raises the version with each edit, pause and resume, and refuses an edit made from an older one', async () => {
    const sync = await engine.createSync();
    expect(sync.version).toBe(1);
    const edited = await service.update(
      sync.id,
      { name: 'First', version: 1 },
      'user:default/bo',
    );
    expect(edited.sync).toMatchObject({ name: 'First', version: 2 });
    const paused = await service.pause(sync.id, 'user:default/jane');
    expect(paused.version).toBe(3);

    const stale = service.update(
      sync.id,
      { name: 'Second', version: 2 },
      'user:default/bo',
    );
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(stale).rejects.toThrow(
      `This sync was changed by user:default/jane at ${paused.updatedAt} (it is now paused); reload it to see the changes`,
    );
    expect(await service.get(sync.id)).toMatchObject({
      name: 'First',
      version: 3,
    });

    expect((await service.resume(sync.id, 'a')).version).toBe(4);
    // Without a version (API clients, the scaffolder) an edit applies to whatever the sync is now.
    expect(
      (await service.update(sync.id, { name: 'Third' }, 'a')).sync,
    ).toMatchObject({ name: 'Third', version: 5, status: 'active' });
  });

  it('refuses an edit whose version went stale while it was validated', async () => {
    const sync = await engine.createSync();
    const held = holdValidation();
    const edit = service.update(
      sync.id,
      { name: 'Mine', version: 1 },
      'user:default/bo',
    );
    await held.reached;
    await service.update(sync.id, { name: 'Theirs' }, 'user:default/jane');
    held.open();
    await expect(edit).rejects.toThrow(/changed by user:default\/jane/);
    expect((await service.get(sync.id)).name).toBe('Theirs');
  });

  it('refuses a new object while a run that was claimed during validation holds the sync, leaving the ledger alone', async () => {
    const sync = await engine.createSync();
    await engine.ledgerStore.upsert(sync.id, [
      { memberKey: 'u1', identifier: 'x', ...entry },
    ]);
    const held = holdValidation();
    const edit = service.update(
      sync.id,
      { object: { id: OTHER_OBJECT.id } },
      'a',
    );
    await held.reached;
    await engine.runs.queueRun(sync.id, 'manual');
    expect(
      await engine.coordinator.claimQueuedRun('other-instance', 60_000),
    ).toBeDefined();
    held.open();
    await expect(edit).rejects.toThrow(ConflictError);
    expect(await engine.ledgerStore.count(sync.id)).toBe(1);
    expect((await service.get(sync.id)).object).toEqual(OBJECT);
  });

  it('cancels a held run when the sync is paused, and refuses to approve a run of a paused sync', async () => {
    const { runs, transaction } = engine.stores;
    const sync = await engine.createSync();
    const run = (await runs.queueRun(sync.id, 'manual'))!;
    await transaction(tx =>
      runs.hold(run.id, { reason: 'Would remove 90%', removes: 90 }, tx),
    );
    await service.pause(sync.id, 'user:default/jane');
    expect(await runs.getRun(sync.id, run.id)).toMatchObject({
      status: 'cancelled',
      error: 'Cancelled: the sync was paused by user:default/jane',
    });
    await expect(service.approve(sync.id, run.id, 'a')).rejects.toThrow(
      ConflictError,
    );

    // A run held by the engine just as the pause landed still waits for the sync to be resumed.
    const late = (await runs.queueRun(sync.id, 'manual'))!;
    await transaction(tx =>
      runs.hold(late.id, { reason: 'Would remove 90%', removes: 90 }, tx),
    );
    await expect(service.approve(sync.id, late.id, 'a')).rejects.toThrow(
      `Audience sync '${sync.name}' is paused; resume it before approving run ${late.id}`,
    );
    expect((await runs.getRun(sync.id, late.id))?.status).toBe('held');
  });

  it('keeps a sync’s own removal guard within the operator’s limits, and edits it', async () => {
    const created = await service.create(
      {
        audienceId: AUDIENCE,
        destinationId: 'crm',
        object: { id: OBJECT.id },
        mode: 'mirror',
        identifier: { entityKey: 'email', field: 'Email' },
        fieldMappings: [],
        schedule: { type: 'manual' },
        runNow: false,
        removalGuard: { maxShare: 0.4 },
      },
      'user:default/ana',
    );
    expect(created.sync.removalGuard).toEqual({ maxShare: 0.4 });
    expect((await service.get(created.sync.id)).removalGuard).toEqual({
      maxShare: 0.4,
    });

    // The default limits: a share up to 0.5, a minimum up to 1,000.
    const refused = service.update(
      created.sync.id,
      { removalGuard: { maxShare: 0.9, minRemovals: 5000 } },
      'a',
    );
    await expect(refused).rejects.toMatchObject({
      name: 'InputError',
      problems: [
        expect.objectContaining({ field: 'removalGuard.maxShare' }),
        expect.objectContaining({ field: 'removalGuard.minRemovals' }),
      ],
    });
    await service.update(
      created.sync.id,
      { removalGuard: { minRemovals: 500 } },
      'a',
    );
    expect((await service.get(created.sync.id)).removalGuard).toEqual({
      minRemovals: 500,
    });
    await service.update(created.sync.id, { removalGuard: {} }, 'a');
    expect(await service.get(created.sync.id)).not.toHaveProperty(
      'removalGuard',
    );
  });

  it('records who created, edited (and what changed), ran, paused, resumed and approved a sync, newest first', async () => {
    const { runs, transaction } = engine.stores;
    const { sync } = await service.create(
      {
        audienceId: AUDIENCE,
        destinationId: DESTINATION,
        object: { id: OBJECT.id },
        mode: 'mirror',
        identifier: { entityKey: 'email', field: 'Email' },
        fieldMappings: [],
        schedule: { type: 'manual' },
        runNow: false,
      },
      'user:default/ann',
    );
    await service.update(
      sync.id,
      { mode: 'additive', name: sync.name, schedule: { type: 'daily' } },
      'user:default/bo',
    );
    const run = await service.runNow(sync.id, 'user:default/cy');
    await transaction(tx =>
      runs.hold(run.id, { reason: 'Would remove 90%', removes: 90 }, tx),
    );
    await service.approve(sync.id, run.id, 'user:default/di');
    await service.pause(sync.id, 'user:default/ed');
    await service.resume(sync.id, 'user:default/fay');
    // Refused changes leave no trace.
    await expect(service.resume(sync.id, 'user:default/gus')).rejects.toThrow(
      ConflictError,
    );
    await expect(
      service.update(
        sync.id,
        { version: 1, name: 'Stale' },
        'user:default/gus',
      ),
    ).rejects.toThrow(ConflictError);

    const activity = await service.listActivity(sync.id, {
      limit: 50,
      offset: 0,
    });
    expect(
      activity.items.map(a => [a.actor, a.action, a.runId, a.changes]),
    ).toEqual([
      ['user:default/fay', 'resumed', null, null],
      ['user:default/ed', 'paused', null, null],
      ['user:default/di', 'run-approved', run.id, null],
      ['user:default/cy', 'run-requested', run.id, null],
      [
        'user:default/bo',
        'edited',
        null,
        // The name was sent unchanged: only what changed is listed.
        [
          { field: 'mode', from: 'mirror', to: 'additive' },
          {
            field: 'schedule',
            from: { type: 'manual' },
            to: { type: 'daily' },
          },
        ],
      ],
      ['user:default/ann', 'created', null, null],
    ]);
    expect(activity.totalCount).toBe(6);
    expect(
      await service.listActivity(sync.id, { limit: 2, offset: 4 }),
    ).toMatchObject({ totalCount: 6, items: [{ action: 'edited' }, {}] });
  });

  it('deletes a sync with its runs, errors and ledger, leaving other syncs alone', async () => {
    const doomed = await engine.createSync();
    const kept = await engine.createSync();
    const runIds: number[] = [];
    const { runs, runErrorCounts, transaction } = engine.stores;
    for (const s of [doomed, kept]) {
      const run = await runs.queueRun(s.id, 'initial');
      const runId = run!.id;
      runIds.push(runId);
      const rowError = {
        memberKey: 'a',
        operation: 'add' as const,
        code: 'c',
        message: 'm',
        retryable: true,
      };
      await transaction(async tx => {
        await runs.sampleErrors(runId, [rowError], 100, tx);
        await runErrorCounts.add(runId, [rowError], tx);
      });
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
    expect(await runErrorCounts.list(runIds[0])).toEqual([]);
    expect(await runErrorCounts.list(runIds[1])).toEqual([
      { code: 'c', count: 1 },
    ]);
  });

  it('shows a run with its error sample, and 404 for a run of another sync', async () => {
    const sync = await engine.createSync();
    const other = await engine.createSync();
    const run = await service.runNow(sync.id, 'user:default/alice');
    const detail = await service.getRun(sync.id, run.id);
    expect(detail).toEqual({
      ...run,
      errors: [],
      errorSummary: [],
      verification: null,
    });
    expect(detail).not.toHaveProperty('approval');
    await expect(service.getRun(other.id, run.id)).rejects.toThrow(
      `No run ${run.id} of audience sync '${other.id}'`,
    );
    expect(
      (await service.listRuns(sync.id, { limit: 5, offset: 0 })).items,
    ).toEqual([run]);
  });
});
