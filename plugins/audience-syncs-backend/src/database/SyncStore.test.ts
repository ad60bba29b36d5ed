import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
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
    version: 1,
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

  it('matches % and _ in a search literally', async () => {
    await store.insertSync(sync({ name: '100% match' }));
    await store.insertSync(sync({ name: 'user_list' }));
    await store.insertSync(sync({ name: 'userslist' }));
    await store.insertSync(sync({ name: 'back\\slash' }));
    const names = async (search: string) =>
      (await store.listSyncs({ search }, page)).items.map(s => s.name).sort();
    expect(await names('%')).toEqual(['100% match']);
    expect(await names('0% m')).toEqual(['100% match']);
    expect(await names('user_')).toEqual(['user_list']);
    expect(await names('_')).toEqual(['user_list']);
    expect(await names('\\')).toEqual(['back\\slash']);
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

  it('writes an edit to its own columns only, keeping who created the sync, its status and run times', async () => {
    const s = sync({ lastSyncedAt: '2026-01-01T10:00:00.000Z' });
    await store.insertSync(s);
    const at = '2026-02-01T00:00:00.000Z';
    await knex.transaction(tx =>
      store.updateStatus(
        s.id,
        { status: 'paused', nextRunAt: null },
        { by: 'user:default/jane', at },
        tx,
      ),
    );
    await knex.transaction(tx =>
      store.updateConfiguration(
        s.id,
        { mode: 'additive', schedule: { type: 'cron', cron: '0 9 * * *' } },
        { by: 'user:default/bo', at },
        tx,
      ),
    );
    expect(await store.getSync(s.id)).toEqual({
      ...s,
      mode: 'additive',
      schedule: { type: 'cron', cron: '0 9 * * *' },
      status: 'paused',
      nextRunAt: null,
      updatedBy: 'user:default/bo',
      updatedAt: at,
      version: 3,
    });
  });

  it('records a run end without undoing a pause', async () => {
    const s = sync({ status: 'paused', nextRunAt: null });
    const errored = sync();
    for (const x of [s, errored]) await store.insertSync(x);
    const at = '2026-02-01T00:00:00.000Z';
    await knex.transaction(tx =>
      store.recordRunEnd(s.id, { synced: true, at }, tx),
    );
    await knex.transaction(tx =>
      store.recordRunEnd(errored.id, { synced: false, at }, tx),
    );
    expect(await store.getSync(s.id)).toMatchObject({
      status: 'paused',
      lastSyncedAt: at,
      version: 1,
    });
    expect(await store.getSync(errored.id)).toMatchObject({
      status: 'errored',
      lastSyncedAt: null,
    });
  });

  it('finds due syncs and moves each due time on once', async () => {
    const due = sync({ nextRunAt: '2026-01-01T00:00:00.000Z' });
    const later = sync({ nextRunAt: '2026-01-03T00:00:00.000Z' });
    const paused = sync({
      status: 'paused',
      nextRunAt: '2026-01-01T00:00:00.000Z',
    });
    const errored = sync({
      status: 'errored',
      nextRunAt: '2026-01-01T00:00:00.000Z',
    });
    for (const s of [due, later, paused, errored]) await store.insertSync(s);
    const found = await store.getDueSyncs('2026-01-02T00:00:00.000Z');
    expect(found.map(s => s.id).sort()).toEqual([due.id, errored.id].sort());

    const move = () =>
      knex.transaction(tx =>
        store.moveNextRun(
          due.id,
          due.nextRunAt!,
          '2026-01-04T00:00:00.000Z',
          tx,
        ),
      );
    expect(await move()).toBe(true);
    // Another instance that read the same due time moves nothing.
    expect(await move()).toBe(false);
    expect((await store.getSync(due.id))!.nextRunAt).toBe(
      '2026-01-04T00:00:00.000Z',
    );
  });

  it('leases a sync to one claim at a time until it expires or is released', async () => {
    const s = sync();
    await store.insertSync(s);
    const mine = { syncId: s.id, owner: 'a', token: 'claim-1' };
    const theirs = { syncId: s.id, owner: 'b', token: 'claim-2' };
    const times = (now: string, expiresAt: string) => ({ now, expiresAt });
    const t0 = '2026-01-01T00:00:00.000Z';
    const t1 = '2026-01-01T00:01:00.000Z';
    const t2 = '2026-01-01T00:02:00.000Z';
    const t3 = '2026-01-01T00:03:00.000Z';
    const inTx = <T>(work: (tx: Knex.Transaction) => Promise<T>) =>
      knex.transaction(work);
    const lease = async () => (await store.listLeases([s.id]))[0];

    expect(await inTx(tx => store.takeLease(mine, times(t0, t1), tx))).toBe(
      true,
    );
    expect(await inTx(tx => store.takeLease(theirs, times(t0, t1), tx))).toBe(
      false,
    );
    expect(await inTx(tx => store.holdsLease(mine, t0, tx))).toBe(true);
    expect(await inTx(tx => store.holdsLease(theirs, t0, tx))).toBe(false);
    expect(await store.renewLease(mine, times(t0, t2))).toBe(true);
    expect(await store.renewLease(theirs, times(t0, t2))).toBe(false);
    expect(await lease()).toEqual({
      syncId: s.id,
      owner: 'a',
      token: 'claim-1',
      expiresAt: t2,
      seenAt: t0,
    });

    // Past its expiry the lease fences nothing and cannot be renewed, though nobody took it yet.
    expect(await inTx(tx => store.holdsLease(mine, t2, tx))).toBe(false);
    expect(await store.renewLease(mine, times(t2, t3))).toBe(false);

    // The same instance claiming again gets a new token: the earlier claim stays fenced out.
    const again = { ...mine, token: 'claim-3' };
    expect(await inTx(tx => store.takeLease(again, times(t2, t3), tx))).toBe(
      true,
    );
    expect(await inTx(tx => store.holdsLease(mine, t2, tx))).toBe(false);
    expect(await store.renewLease(mine, times(t2, t3))).toBe(false);
    await inTx(tx => store.releaseLease(mine, tx));
    expect(await inTx(tx => store.holdsLease(again, t2, tx))).toBe(true);
    await inTx(tx => store.releaseLease(again, tx));
    expect(await lease()).toEqual({
      syncId: s.id,
      owner: null,
      token: null,
      expiresAt: null,
      seenAt: null,
    });
  });

  it('releases an abandoned lease only while it is the claim found and still expired, or its holder is dead', async () => {
    const s = sync();
    await store.insertSync(s);
    const claim = { syncId: s.id, owner: 'a', token: 'claim-1' };
    const t0 = '2026-01-01T00:00:00.000Z';
    const t1 = '2026-01-01T00:01:00.000Z';
    const t2 = '2026-01-01T00:02:00.000Z';
    const inTx = <T>(work: (tx: Knex.Transaction) => Promise<T>) =>
      knex.transaction(work);
    await inTx(tx => store.takeLease(claim, { now: t0, expiresAt: t1 }, tx));
    const [found] = await store.listLeases([s.id]);
    const release = (now: string, holderDead = false) =>
      inTx(tx => store.releaseAbandonedLease(found, { now, holderDead }, tx));

    expect(await release(t0)).toBe(false); // still live
    // Another claim since: the one found is gone, whatever its expiry.
    await knex('syncs').where({ id: s.id }).update({ lease_token: 'claim-2' });
    expect(await release(t2)).toBe(false);
    expect(await release(t2, true)).toBe(false);
    await knex('syncs').where({ id: s.id }).update({ lease_token: 'claim-1' });
    expect(await release(t0, true)).toBe(true); // its holder is dead
    expect((await store.listLeases([s.id]))[0].owner).toBeNull();
  });

  it('records how a run ended on its sync, leaving a paused sync paused', async () => {
    const active = sync({ status: 'errored' });
    const paused = sync({ status: 'paused' });
    await store.insertSync(active);
    await store.insertSync(paused);
    const at = '2026-01-05T00:00:00.000Z';
    await knex.transaction(tx =>
      store.recordRunEnd(active.id, { synced: true, at }, tx),
    );
    expect(await store.getSync(active.id)).toMatchObject({
      status: 'active',
      lastSyncedAt: at,
    });
    await knex.transaction(tx =>
      store.recordRunEnd(active.id, { synced: false, at: 'ignored' }, tx),
    );
    expect(await store.getSync(active.id)).toMatchObject({
      status: 'errored',
      lastSyncedAt: at,
    });
    await knex.transaction(tx =>
      store.recordRunEnd(paused.id, { synced: true, at }, tx),
    );
    expect(await store.getSync(paused.id)).toMatchObject({
      status: 'paused',
      lastSyncedAt: at,
    });
  });

  it('deletes a sync', async () => {
    const doomed = sync();
    const kept = sync();
    await store.insertSync(doomed);
    await store.insertSync(kept);
    await store.deleteSync(doomed.id);
    expect(await store.getSync(doomed.id)).toBeUndefined();
    expect(await store.getSync(kept.id)).toEqual(kept);
  });
});
