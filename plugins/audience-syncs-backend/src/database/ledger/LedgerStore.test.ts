import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { createStores } from '../AudienceSyncsStores';
import { migrationsDir } from '../migrateDatabase';
import { LedgerEntry } from './LedgerEntry';
import { LedgerStore } from './LedgerStore';

jest.setTimeout(60_000);

let sequence = 0;
function sync(): AudienceSync {
  sequence += 1;
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: `sync-${sequence}`,
    name: `Sync ${sequence}`,
    audienceId: 'vip',
    destinationId: 'ads',
    object: { id: 'aud-1', name: 'Website Visitors' },
    mode: 'mirror',
    identifier: { entityKey: 'email', field: 'EMAIL' },
    fieldMappings: [],
    schedule: { type: 'manual' },
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

const entry = (key: string, overrides: Partial<LedgerEntry> = {}) => ({
  memberKey: key,
  identifier: `${key}@example.com`,
  memberHash: `hash-${key}`,
  fieldsHash: null,
  ...overrides,
});

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('LedgerStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let stores: ReturnType<typeof createStores>;
  let ledger: LedgerStore;

  const newSync = async () => {
    const s = sync();
    await stores.syncs.insertSync(s);
    return s.id;
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    stores = createStores(knex);
    ledger = stores.ledger;
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('writes entries, replacing those of the same member, and reads them back in key order', async () => {
    const syncId = await newSync();
    const other = await newSync();
    await ledger.upsert(syncId, [entry('b'), entry('a', { fieldsHash: 'f1' })]);
    await ledger.upsert(other, [entry('a')]);
    await ledger.upsert(syncId, [
      entry('b', { identifier: 'new@example.com', memberHash: 'hash-b2' }),
      entry('c'),
    ]);
    expect(await ledger.list(syncId, { limit: 10 })).toEqual([
      entry('a', { fieldsHash: 'f1' }),
      entry('b', { identifier: 'new@example.com', memberHash: 'hash-b2' }),
      entry('c'),
    ]);
    expect(await ledger.list(syncId, { after: 'a', limit: 1 })).toEqual([
      entry('b', { identifier: 'new@example.com', memberHash: 'hash-b2' }),
    ]);
    expect(await ledger.get(syncId, ['c', 'a', 'zz'])).toEqual([
      entry('a', { fieldsHash: 'f1' }),
      entry('c'),
    ]);
    expect(await ledger.count(syncId)).toBe(3);
    expect(await ledger.count(other)).toBe(1);
  });

  it('deletes members in statements of bounded size, and clears one sync only', async () => {
    const syncId = await newSync();
    const other = await newSync();
    const keys = Array.from(
      { length: 1_203 },
      (_, i) => `k${String(i).padStart(5, '0')}`,
    );
    await ledger.upsert(
      syncId,
      keys.map(k => entry(k)),
    );
    await ledger.upsert(other, [entry('k00001')]);
    await ledger.delete(syncId, keys.slice(0, 1_200));
    expect(
      (await ledger.list(syncId, { limit: 10 })).map(e => e.memberKey),
    ).toEqual(keys.slice(1_200));
    await ledger.clear(syncId);
    expect(await ledger.count(syncId)).toBe(0);
    expect(await ledger.count(other)).toBe(1);
  });

  it('writes with the caller: a rolled back transaction leaves the ledger as it was', async () => {
    const syncId = await newSync();
    await ledger.upsert(syncId, [entry('a')]);
    const tx = await knex.transaction();
    await ledger.upsert(syncId, [entry('b')], tx);
    await ledger.delete(syncId, ['a'], tx);
    expect(await ledger.count(syncId, tx)).toBe(1);
    await tx.rollback();
    expect(
      (await ledger.list(syncId, { limit: 10 })).map(e => e.memberKey),
    ).toEqual(['a']);
  });

  it('cuts its keys into ranges', async () => {
    const syncId = await newSync();
    await ledger.upsert(
      syncId,
      ['a', 'b', 'c', 'd', 'e'].map(k => entry(k)),
    );
    const ranges = [];
    for await (const range of ledger.keyRanges(syncId, 2)) ranges.push(range);
    expect(ranges).toEqual([
      { after: '', last: 'b' },
      { after: 'b', last: 'd' },
      { after: 'd', last: 'e' },
    ]);
  });

  it('diffs a snapshot against the ledger: joined, departed and changed members', async () => {
    const syncId = await newSync();
    const { snapshots } = stores;
    const evaluationId = await snapshots.startEvaluation('vip');
    await snapshots.writeMembers(
      evaluationId,
      ['kept', 'changed', 'joined'].map(k => ({
        memberKey: k,
        keys: { email: `${k}@example.com` },
        fields: { plan: 'pro' },
      })),
    );
    const [changed, kept] = await snapshots.getMembers(evaluationId, [
      'changed',
      'kept',
    ]);
    await ledger.upsert(syncId, [
      entry('kept', { memberHash: kept.memberHash }),
      entry('changed', { identifier: 'old@example.com', fieldsHash: 'f0' }),
      entry('departed'),
    ]);
    const everything = { after: '', last: 'z' };

    expect(await ledger.countDiff(syncId, evaluationId)).toEqual({
      joined: 1,
      departed: 1,
      changed: 1,
    });
    expect(await ledger.joinedKeys(syncId, evaluationId, everything)).toEqual([
      'joined',
    ]);
    expect(await ledger.departedKeys(syncId, evaluationId, everything)).toEqual(
      ['departed'],
    );
    expect(
      await ledger.changedMembers(syncId, evaluationId, everything),
    ).toEqual([
      {
        member: changed.member,
        memberHash: changed.memberHash,
        ledger: { identifier: 'old@example.com', fieldsHash: 'f0' },
      },
    ]);
    // A range bounds every set.
    const upToE = { after: '', last: 'e' };
    expect(await ledger.joinedKeys(syncId, evaluationId, upToE)).toEqual([]);
    expect(await ledger.departedKeys(syncId, evaluationId, upToE)).toEqual([
      'departed',
    ]);
    expect(
      await ledger.changedMembers(syncId, evaluationId, {
        after: 'changed',
        last: 'z',
      }),
    ).toEqual([]);
  });
});
