import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { migrationsDir } from './migrateDatabase';
import { RunErrorCountStore } from './RunErrorCountStore';
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

/** `n` row errors with this code. */
const errors = (code: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    memberKey: `${code}-${i}`,
    operation: 'add' as const,
    code,
    message: `Row ${i} failed with ${code}`,
    retryable: false,
  }));

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('RunErrorCountStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let store: RunErrorCountStore;
  let runs: RunStore;
  let syncs: SyncStore;

  /** A new sync with a queued run; the run's id. */
  const newRun = async (syncId?: string) => {
    let id = syncId;
    if (!id) {
      const s = sync();
      await syncs.insertSync(s);
      id = s.id;
    }
    const run = await runs.insertQueuedRun({
      syncId: id,
      trigger: 'manual',
      queuedAt: new Date().toISOString(),
    });
    return run.id;
  };
  const add = (runId: number, rowErrors: ReturnType<typeof errors>) =>
    knex.transaction(tx => store.add(runId, rowErrors, tx));

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    store = RunErrorCountStore.create({ knex });
    runs = RunStore.create({ knex });
    syncs = SyncStore.create({ knex });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('counts every row error by code across commits, most frequent first', async () => {
    const runId = await newRun();
    await add(runId, [...errors('invalid_email', 3), ...errors('rejected', 1)]);
    await add(runId, [...errors('rejected', 4), ...errors('invalid_phone', 2)]);
    await add(runId, []);
    await add(runId, errors('invalid_email', 2));

    expect(await store.list(runId)).toEqual([
      { code: 'invalid_email', count: 5 },
      { code: 'rejected', count: 5 },
      { code: 'invalid_phone', count: 2 },
    ]);
  });

  it("keeps each run's counts apart", async () => {
    const first = await newRun();
    const second = await newRun();
    await add(first, errors('invalid_email', 2));
    await add(second, errors('invalid_email', 7));
    expect(await store.list(first)).toEqual([
      { code: 'invalid_email', count: 2 },
    ]);
    expect(await store.list(second)).toEqual([
      { code: 'invalid_email', count: 7 },
    ]);
    expect(await store.list(await newRun())).toEqual([]);
  });

  it('cuts a long code to the length the error sample keeps, so that both group it alike', async () => {
    const runId = await newRun();
    const long = 'x'.repeat(80);
    await add(runId, errors(long, 2));
    await add(runId, errors(`${'x'.repeat(64)}-other-tail`, 1));
    expect(await store.list(runId)).toEqual([
      { code: 'x'.repeat(64), count: 3 },
    ]);
  });

  it('adds up commits that run at the same time', async () => {
    const runId = await newRun();
    await Promise.all(
      Array.from({ length: 5 }, () => add(runId, errors('invalid_email', 3))),
    );
    expect(await store.list(runId)).toEqual([
      { code: 'invalid_email', count: 15 },
    ]);
  });

  it("rolls back with the commit's transaction", async () => {
    const runId = await newRun();
    await add(runId, errors('invalid_email', 1));
    await expect(
      knex.transaction(async tx => {
        await store.add(runId, errors('invalid_email', 10), tx);
        throw new Error('lease lost');
      }),
    ).rejects.toThrow('lease lost');
    expect(await store.list(runId)).toEqual([
      { code: 'invalid_email', count: 1 },
    ]);
  });

  it("clears one run's counts, and a deleted sync's runs' counts, leaving the others", async () => {
    const cleared = await newRun();
    const doomed = sync();
    await syncs.insertSync(doomed);
    const doomedRun = await newRun(doomed.id);
    const kept = await newRun();
    for (const runId of [cleared, doomedRun, kept]) {
      await add(runId, errors('rejected', 2));
    }

    await knex.transaction(tx => store.clear(cleared, tx));
    expect(await store.list(cleared)).toEqual([]);

    await store.deleteForSync(doomed.id);
    expect(await store.list(doomedRun)).toEqual([]);
    // The runs can go now that nothing refers to them.
    await runs.deleteRuns(doomed.id);

    expect(await store.list(kept)).toEqual([{ code: 'rejected', count: 2 }]);
  });
});
