import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@internal/plugin-audience-syncs-common';
import { Knex } from 'knex';
import { migrationsDir } from './migrateDatabase';
import { SyncStore } from './SyncStore';

jest.setTimeout(60_000);

let sequence = 0;
function sync(overrides: Partial<AudienceSync> = {}): AudienceSync {
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
    nextRunAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('SyncStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let store: SyncStore;
  const page = { limit: 50, offset: 0 };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    store = SyncStore.create({ knex });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  beforeEach(async () => {
    await knex('sync_run_errors').delete();
    await knex('sync_runs').delete();
    await knex('sync_members').delete();
    await knex('syncs').delete();
  });

  it('stores and reads back every field of a sync', async () => {
    const original = sync({
      schedule: {
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      },
      fieldMappings: [
        {
          source: { kind: 'trait', name: 'lifetime_value' },
          destinationField: 'Customer Value',
        },
      ],
      lastSyncedAt: '2026-01-01T10:00:00.000Z',
    });
    await store.insertSync(original);
    expect(await store.getSync(original.id)).toEqual(original);
    expect(await store.getSyncs([original.id, 'missing'])).toEqual([original]);
    expect(await store.getSync('missing')).toBeUndefined();
  });

  it('lists newest first with filters, search and pagination', async () => {
    const a = sync({ name: 'Retention push', audienceId: 'churn' });
    const b = sync({
      name: 'VIP to CRM',
      destinationId: 'crm',
      object: { id: 'c', name: 'Q1 Retention Campaign' },
    });
    const c = sync({ name: 'Lookalike', status: 'paused' });
    for (const s of [a, b, c]) await store.insertSync(s);

    const names = async (filter: object, p = page) =>
      (await store.listSyncs(filter, p)).items.map(s => s.name);
    expect(await names({})).toEqual([
      'Lookalike',
      'VIP to CRM',
      'Retention push',
    ]);
    expect(await names({ audienceId: 'churn' })).toEqual(['Retention push']);
    expect(await names({ destinationId: 'crm' })).toEqual(['VIP to CRM']);
    expect(await names({ status: 'paused' })).toEqual(['Lookalike']);
    // Search matches the sync name or the object name, case-insensitively.
    expect(await names({ search: 'RETENTION' })).toEqual([
      'VIP to CRM',
      'Retention push',
    ]);
    const second = await store.listSyncs({}, { limit: 2, offset: 2 });
    expect(second).toMatchObject({ totalCount: 3, limit: 2, offset: 2 });
    expect(second.items.map(s => s.name)).toEqual(['Retention push']);
  });

  it('applies permission criteria on the owner', async () => {
    await store.insertSync(
      sync({ name: 'M', owner: 'group:default/marketing' }),
    );
    await store.insertSync(sync({ name: 'G', owner: 'group:default/growth' }));
    await store.insertSync(sync({ name: 'C', owner: 'group:default/crm' }));
    const names = async (permission: any) =>
      (await store.listSyncs({ permission }, page)).items
        .map(s => s.name)
        .sort();
    expect(await names({ owners: ['group:default/growth'] })).toEqual(['G']);
    expect(
      await names({
        anyOf: [
          { owners: ['group:default/growth'] },
          { owners: ['group:default/crm'] },
        ],
      }),
    ).toEqual(['C', 'G']);
    expect(await names({ not: { owners: ['group:default/growth'] } })).toEqual([
      'C',
      'M',
    ]);
    expect(
      await names({
        allOf: [
          { owners: ['group:default/growth', 'group:default/crm'] },
          { not: { owners: ['group:default/crm'] } },
        ],
      }),
    ).toEqual(['G']);
    // The permission filter combines with the other filters instead of widening them.
    expect(
      (
        await store.listSyncs(
          {
            search: 'M',
            permission: {
              anyOf: [
                { owners: ['group:default/growth'] },
                { owners: ['group:default/crm'] },
              ],
            },
          },
          page,
        )
      ).items,
    ).toEqual([]);
  });

  it('updates a sync, resetting the ledger only when asked', async () => {
    const s = sync();
    await store.insertSync(s);
    await knex('sync_members').insert({
      sync_id: s.id,
      member_key: 'a',
      identifier: 'x',
      member_hash: 'h',
    });
    await store.updateSync(
      { ...s, mode: 'additive', updatedBy: 'user:default/bo' },
      { resetLedger: false },
    );
    expect(await store.getSync(s.id)).toMatchObject({
      mode: 'additive',
      updatedBy: 'user:default/bo',
      createdBy: 'user:default/ana',
    });
    expect(await store.countLedger(s.id)).toBe(1);
    await store.updateSync(
      { ...s, object: { id: 'aud-2', name: 'Other' } },
      { resetLedger: true },
    );
    expect(await store.countLedger(s.id)).toBe(0);
  });

  it('queues one open run per sync, and queues again once it has finished', async () => {
    const s = sync();
    await store.insertSync(s);
    const run = await store.queueRun(s.id, 'initial');
    expect(run).toMatchObject({
      syncId: s.id,
      trigger: 'initial',
      status: 'queued',
      sent: 0,
      durationMs: null,
    });
    expect(await store.queueRun(s.id, 'manual')).toBeUndefined();
    expect(await store.findOpenRun(s.id)).toEqual(run);

    await knex('sync_runs').where({ id: run!.id }).update({ status: 'held' });
    expect(await store.queueRun(s.id, 'manual')).toBeUndefined();
    expect(await store.releaseHeldRun(run!.id, 'user:default/ana')).toBe(true);
    expect(await store.releaseHeldRun(run!.id, 'user:default/ana')).toBe(false);

    expect(await store.cancelQueuedRuns(s.id)).toBe(1);
    expect(await store.findOpenRun(s.id)).toBeUndefined();
    expect(await store.queueRun(s.id, 'manual')).toBeDefined();
  });

  it('queues exactly one run when many requests race', async () => {
    const s = sync();
    await store.insertSync(s);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.queueRun(s.id, 'manual')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.countRuns(s.id)).toBe(1);
  });

  it('lists runs newest first and shows one with its errors and duration', async () => {
    const s = sync();
    await store.insertSync(s);
    const first = await store.queueRun(s.id, 'initial');
    await knex('sync_runs').where({ id: first!.id }).update({
      status: 'partial',
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: '2026-01-01T00:00:02.500Z',
      sent: 10,
      succeeded: 9,
      failed: 1,
    });
    await knex('sync_run_errors').insert({
      run_id: first!.id,
      member_key: 'u7',
      operation: 'add',
      code: 'invalid_email',
      message: 'Not an email',
      retryable: false,
    });
    const second = await store.queueRun(s.id, 'manual');

    const runs = await store.listRuns(s.id, { limit: 1, offset: 0 });
    expect(runs.totalCount).toBe(2);
    expect(runs.items.map(r => r.id)).toEqual([second!.id]);
    const detail = await store.getRun(s.id, first!.id);
    expect(detail).toMatchObject({
      status: 'partial',
      sent: 10,
      succeeded: 9,
      failed: 1,
      durationMs: 2500,
    });
    expect(detail!.errors).toEqual([
      {
        memberKey: 'u7',
        operation: 'add',
        code: 'invalid_email',
        message: 'Not an email',
        retryable: false,
      },
    ]);
    expect(await store.getRun('other-sync', first!.id)).toBeUndefined();
  });

  it('deletes a sync with its runs, errors and ledger, leaving other syncs alone', async () => {
    const doomed = sync();
    const kept = sync();
    await store.insertSync(doomed);
    await store.insertSync(kept);
    for (const s of [doomed, kept]) {
      const run = await store.queueRun(s.id, 'initial');
      await knex('sync_run_errors').insert({
        run_id: run!.id,
        member_key: 'a',
        operation: 'add',
        code: 'c',
        message: 'm',
        retryable: true,
      });
      await knex('sync_members').insert({
        sync_id: s.id,
        member_key: 'a',
        identifier: 'x',
        member_hash: 'h',
      });
    }
    await store.deleteSync(doomed.id);
    expect(await store.getSync(doomed.id)).toBeUndefined();
    expect(await knex('sync_runs').pluck('sync_id')).toEqual([kept.id]);
    expect(await knex('sync_members').pluck('sync_id')).toEqual([kept.id]);
    expect(Number((await knex('sync_run_errors').count({ n: '*' }))[0].n)).toBe(
      1,
    );
  });
});
