import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';
import { migrationsDir } from './migrateDatabase';
import { RunStore } from './RunStore';
import { SyncStore } from './SyncStore';

jest.setTimeout(60_000);

let sequence = 0;
function sync(): AudienceSync {
  sequence += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, sequence)).toISOString();
  return {
    id: `sync-${sequence}`,
    name: `Sync ${sequence}`,
    audienceId: 'vip',
    destinationId: 'ads',
    object: { id: 'aud-1', name: 'Website Visitors' },
    mode: 'mirror',
    identifier: { entityKey: 'email', field: 'EMAIL' },
    fieldMappings: [],
    schedule: { type: 'daily' },
    status: 'active',
    owner: 'group:default/marketing',
    createdBy: 'user:default/ana',
    createdAt: at,
    updatedBy: 'user:default/ana',
    updatedAt: at,
    lastSyncedAt: null,
    nextRunAt: null,
    version: 1,
  };
}

const error = (memberKey: string) => ({
  memberKey,
  operation: 'add' as const,
  code: 'invalid_email',
  message: 'Not an email',
  retryable: false,
});

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('RunStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let store: RunStore;
  let syncs: SyncStore;
  const inTx = <T>(work: (tx: Knex.Transaction) => Promise<T>) =>
    knex.transaction(work);

  const newSync = async () => {
    const s = sync();
    await syncs.insertSync(s);
    return s;
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    store = RunStore.create({ knex });
    syncs = SyncStore.create({ knex });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('queues one open run per sync, and queues again once it has finished', async () => {
    const s = await newSync();
    const run = await store.queueRun(s.id, 'initial');
    expect(run).toMatchObject({
      syncId: s.id,
      trigger: 'initial',
      status: 'queued',
      sent: 0,
      durationMs: null,
    });
    expect(run).not.toHaveProperty('approval');
    expect(await store.queueRun(s.id, 'manual')).toBeUndefined();
    expect(await store.findOpenRun(s.id)).toEqual({ ...run, approval: null });

    await inTx(tx =>
      store.hold(run!.id, { reason: 'Held for approval', removes: 90 }, tx),
    );
    expect(await store.queueRun(s.id, 'manual')).toBeUndefined();
    expect(await store.releaseHeldRun(run!.id, 'user:default/ana')).toBe(true);
    expect(await store.releaseHeldRun(run!.id, 'user:default/ana')).toBe(false);
    // The approval is bound to the removals the run was held with.
    expect((await store.getRun(s.id, run!.id))!.approval).toEqual({
      by: 'user:default/ana',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      removes: 90,
    });

    expect(await store.cancelWaitingRuns(s.id, 'Paused')).toBe(1);
    expect(await store.findOpenRun(s.id)).toBeUndefined();
    const held = await store.queueRun(s.id, 'manual');
    expect(held).toBeDefined();

    await inTx(tx =>
      store.hold(held!.id, { reason: 'Held for approval', removes: 90 }, tx),
    );
    expect(await store.cancelWaitingRuns(s.id, 'Paused by ana')).toBe(1);
    expect(await store.getRun(s.id, held!.id)).toMatchObject({
      status: 'cancelled',
      error: 'Paused by ana',
      finishedAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(await store.releaseHeldRun(held!.id, 'user:default/ana')).toBe(
      false,
    );
  });

  it('queues exactly one run when many requests race', async () => {
    const s = await newSync();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.queueRun(s.id, 'manual')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.countRuns(s.id)).toBe(1);
  });

  it('lists runs newest first and shows one with its errors and duration', async () => {
    const s = await newSync();
    const first = await store.queueRun(s.id, 'initial');
    await inTx(async tx => {
      await store.start(first!.id, '2026-01-01T00:00:00.000Z', tx);
      await store.addCounters(
        first!.id,
        { sent: 10, succeeded: 9, failed: 1, invalid: 0 },
        tx,
      );
      await store.sampleErrors(first!.id, [error('u7')], 100, tx);
      await store.finish(
        first!.id,
        { status: 'partial', at: '2026-01-01T00:00:02.500Z' },
        tx,
      );
    });
    const second = await store.queueRun(s.id, 'manual');

    const runs = await store.listRuns(s.id, { limit: 1, offset: 0 });
    expect(runs.totalCount).toBe(2);
    expect(runs.items.map(r => r.id)).toEqual([second!.id]);
    expect(runs.items[0]).not.toHaveProperty('approval');
    const detail = await store.getRun(s.id, first!.id);
    expect(detail).toMatchObject({
      status: 'partial',
      sent: 10,
      succeeded: 9,
      failed: 1,
      durationMs: 2500,
      approval: null,
    });
    expect(await store.listErrors(first!.id)).toEqual([error('u7')]);
    expect(await store.getRun('other-sync', first!.id)).toBeUndefined();
  });

  it("answers each sync's newest run, and none for a sync without runs", async () => {
    const [a, b, idle] = [await newSync(), await newSync(), await newSync()];
    const aFirst = await store.queueRun(a.id, 'initial');
    await inTx(tx =>
      store.finish(
        aFirst!.id,
        { status: 'failed', at: '2026-01-01T00:00:01.000Z', error: 'boom' },
        tx,
      ),
    );
    const aSecond = await store.queueRun(a.id, 'manual');
    const bFirst = await store.queueRun(b.id, 'initial');

    const latest = await store.latestRuns([a.id, b.id, idle.id]);
    expect([...latest.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(latest.get(a.id)).toMatchObject({
      id: aSecond!.id,
      status: 'queued',
    });
    expect(latest.get(b.id)).toMatchObject({ id: bFirst!.id, syncId: b.id });
    expect(await store.latestRuns([])).toEqual(new Map());
  });

  it('moves a run through the engine: started, planned, counted, finished', async () => {
    const s = await newSync();
    const run = await store.queueRun(s.id, 'manual');
    expect((await store.listQueued(100)).map(r => r.id)).toContain(run!.id);
    expect(
      await inTx(tx => store.start(run!.id, '2026-01-02T00:00:00.000Z', tx)),
    ).toBe(true);
    // Only a queued run starts.
    expect(
      await inTx(tx => store.start(run!.id, '2026-01-02T00:00:00.000Z', tx)),
    ).toBe(false);
    expect((await store.listQueued(100)).map(r => r.id)).not.toContain(run!.id);
    expect((await store.listRunning()).map(r => r.id)).toContain(run!.id);

    await inTx(async tx => {
      await store.recordPlan(
        run!.id,
        { evaluationId: 42, adds: 3, removes: 2, updates: 1 },
        tx,
      );
      await store.addCounters(
        run!.id,
        { sent: 2, succeeded: 1, failed: 1, invalid: 0 },
        tx,
      );
      await store.addCounters(
        run!.id,
        { sent: 3, succeeded: 3, failed: 0, invalid: 2 },
        tx,
      );
    });
    expect(await store.evaluationsInUse()).toContain(42);
    await inTx(tx =>
      store.finish(
        run!.id,
        {
          status: 'failed',
          error: 'add batch failed',
          at: '2026-01-02T00:00:01.000Z',
        },
        tx,
      ),
    );
    expect(await store.getRun(s.id, run!.id)).toMatchObject({
      status: 'failed',
      evaluationId: 42,
      planned: { adds: 3, removes: 2, updates: 1 },
      sent: 5,
      succeeded: 4,
      failed: 1,
      invalid: 2,
      error: 'add batch failed',
      durationMs: 1000,
    });
    // A finished run no longer pins its snapshot.
    expect(await store.evaluationsInUse()).not.toContain(42);
  });

  it('fails an interrupted run once and queues its continuation with the approval it had', async () => {
    const s = await newSync();
    const run = await store.queueRun(s.id, 'schedule');
    await inTx(tx => store.start(run!.id, '2026-01-02T00:00:00.000Z', tx));
    const interrupted = () =>
      inTx(tx =>
        store.failInterrupted(
          run!.id,
          '2026-01-02T00:05:00.000Z',
          'Interrupted',
          tx,
        ),
      );
    expect(await interrupted()).toBe(true);
    expect(await interrupted()).toBe(false);
    const approval = {
      by: 'user:default/ana',
      at: '2026-01-02T00:00:00.000Z',
      removes: 90,
    };
    const next = await store.insertQueuedRun({
      syncId: s.id,
      trigger: 'schedule',
      queuedAt: '2026-01-02T00:05:00.000Z',
      approval,
    });
    expect(next).toMatchObject({
      status: 'queued',
      trigger: 'schedule',
      approval,
    });
    expect(await store.getRun(s.id, run!.id)).toMatchObject({
      status: 'failed',
      error: 'Interrupted',
    });
    // While a run is open, another insert is refused by the database.
    const refused = await store
      .insertQueuedRun({
        syncId: s.id,
        trigger: 'manual',
        queuedAt: '2026-01-02T00:06:00.000Z',
      })
      .then(() => false, isUniqueViolation);
    expect(refused).toBe(true);
  });

  it('keeps a capped sample of row errors', async () => {
    const s = await newSync();
    const run = await store.queueRun(s.id, 'manual');
    await inTx(async tx => {
      await store.sampleErrors(run!.id, [error('a'), error('b')], 3, tx);
      await store.sampleErrors(run!.id, [error('c'), error('d')], 3, tx);
      await store.sampleErrors(run!.id, [error('e')], 3, tx);
    });
    expect((await store.listErrors(run!.id)).map(e => e.memberKey)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('lists queued runs oldest first', async () => {
    const a = await newSync();
    const b = await newSync();
    const late = await store.insertQueuedRun({
      syncId: a.id,
      trigger: 'manual',
      queuedAt: '2030-01-01T00:00:02.000Z',
    });
    const early = await store.insertQueuedRun({
      syncId: b.id,
      trigger: 'manual',
      queuedAt: '2030-01-01T00:00:01.000Z',
    });
    const ids = (await store.listQueued(1000)).map(r => r.id);
    expect(ids.indexOf(early.id)).toBeLessThan(ids.indexOf(late.id));
  });

  it('deletes the runs of one sync with their errors', async () => {
    const doomed = await newSync();
    const kept = await newSync();
    const runWithAnError = async (syncId: string) => {
      const run = await store.queueRun(syncId, 'initial');
      await inTx(tx => store.sampleErrors(run!.id, [error('a')], 100, tx));
    };
    await runWithAnError(doomed.id);
    await runWithAnError(kept.id);
    const doomedRun = await store.findOpenRun(doomed.id);
    await store.deleteRuns(doomed.id);
    expect(await store.countRuns(doomed.id)).toBe(0);
    expect(await store.listErrors(doomedRun!.id)).toEqual([]);
    expect(await store.countRuns(kept.id)).toBe(1);
    const keptRun = await store.findOpenRun(kept.id);
    expect(await store.listErrors(keptRun!.id)).toHaveLength(1);
  });

  it('finds the latest evaluation each sync delivered, ignoring runs that failed', async () => {
    const evaluation = async (finishedAt: string) => {
      const [row] = await knex('audience_evaluations')
        .insert({
          audience_id: 'vip',
          status: 'succeeded',
          started_at: '2026-01-01T00:00:00.000Z',
          heartbeat_at: '2026-01-01T00:00:00.000Z',
          finished_at: finishedAt,
          member_count: 1,
        })
        .returning('id');
      return typeof row === 'object' ? row.id : row;
    };
    const older = await evaluation('2026-03-01T10:00:00.000Z');
    const newer = await evaluation('2026-03-02T10:00:00.000Z');
    const newest = await evaluation('2026-03-03T10:00:00.000Z');
    const ran = async (
      syncId: string,
      evaluationId: number,
      status: 'succeeded' | 'partial' | 'failed',
    ) => {
      const run = await store.queueRun(syncId, 'manual');
      await inTx(async tx => {
        await store.start(run!.id, '2026-03-04T00:00:00.000Z', tx);
        await store.recordPlan(
          run!.id,
          { evaluationId, adds: 1, removes: 0, updates: 0 },
          tx,
        );
        await store.finish(
          run!.id,
          { status, at: '2026-03-04T00:00:01.000Z' },
          tx,
        );
      });
    };
    const delivered = await newSync();
    await ran(delivered.id, older, 'succeeded');
    await ran(delivered.id, newer, 'partial');
    // A failed run did not bring the destination up to its evaluation.
    await ran(delivered.id, newest, 'failed');
    const neverDelivered = await newSync();
    await ran(neverDelivered.id, newest, 'failed');
    await newSync();

    const synced = await store.lastSyncedEvaluations();
    expect(synced.filter(s => s.syncId === delivered.id)).toEqual([
      {
        syncId: delivered.id,
        destinationId: 'ads',
        evaluatedAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    expect(synced.map(s => s.syncId)).not.toContain(neverDelivered.id);
  });
});
