import { TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { createStores } from '../database/AudienceSyncsStores';
import { LedgerStore } from '../database/ledger/LedgerStore';
import { migrationsDir } from '../database/migrateDatabase';
import { SnapshotStore } from '../database/SnapshotStore';
import { SyncPlanner } from './SyncPlanner';

jest.setTimeout(120_000);

/** More members than one range of keys (10,000), so every set spans several ranges. */
const UNIVERSE = 25_003;
const key = (i: number) => `k${String(i).padStart(6, '0')}`;
/** Departed: ledger only; joined: snapshot only; changed: both, another hash; some in long runs. */
const isDeparted = (i: number) => i % 7 === 0 || (i >= 12_000 && i < 14_500);
const isJoined = (i: number) => !isDeparted(i) && (i % 11 === 0 || i >= 21_000);
const isChanged = (i: number) => !isDeparted(i) && !isJoined(i) && i % 13 === 0;

const member = (i: number): AudienceMember => ({
  memberKey: key(i),
  keys: { email: `user${i}@example.com` },
  fields: { plan: isChanged(i) ? 'pro' : 'free' },
});

const sync: AudienceSync = {
  id: 'sync-1',
  name: 'Sync',
  audienceId: 'buyers',
  destinationId: 'crm',
  object: { id: 'list-1', name: 'List' },
  mode: 'mirror',
  identifier: { entityKey: 'email', field: 'Email' },
  fieldMappings: [],
  schedule: { type: 'manual' },
  status: 'active',
  owner: 'group:default/crm',
  createdBy: 'user:default/test',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'user:default/test',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastSyncedAt: null,
  nextRunAt: null,
  version: 1,
};

/** Every page of a set; all but the last are full, whatever ranges the set spans. */
async function readAll<T>(pages: AsyncIterable<T[]>, pageSize: number) {
  const sizes: number[] = [];
  const all: T[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    all.push(...page);
  }
  expect(sizes.slice(0, -1).every(size => size === pageSize)).toBe(true);
  expect(sizes[sizes.length - 1]).toBeGreaterThan(0);
  expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(pageSize);
  return all;
}

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('SyncPlanner on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let planner: SyncPlanner;
  let evaluationId: number;
  const indexes = Array.from({ length: UNIVERSE }, (_, i) => i);
  const expected = {
    joined: indexes.filter(isJoined).map(key),
    departed: indexes.filter(isDeparted).map(key),
    changed: indexes.filter(isChanged).map(key),
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const { syncs, snapshots, ledger } = createStores(knex);
    await syncs.insertSync(sync);
    // The ledger as a previous run left it: the members of an older snapshot.
    const previous = await snapshots.startEvaluation(sync.audienceId);
    await snapshots.writeMembers(
      previous,
      indexes
        .filter(i => !isJoined(i))
        .map(i => ({ ...member(i), fields: { plan: 'free' } })),
    );
    for await (const range of snapshots.keyRanges(previous, 5000)) {
      const sent = await snapshots.getMembersInRange(previous, range);
      await ledger.upsert(
        sync.id,
        sent.map(sentMember => ({
          memberKey: sentMember.member.memberKey,
          identifier: sentMember.member.keys.email!,
          memberHash: sentMember.memberHash,
          fieldsHash: null,
        })),
      );
    }
    evaluationId = await snapshots.startEvaluation(sync.audienceId);
    await snapshots.writeMembers(
      evaluationId,
      indexes.filter(i => !isDeparted(i)).map(member),
    );
    await snapshots.completeEvaluation(evaluationId, 0, []);
    planner = SyncPlanner.create({ ledger, snapshots });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('counts each set across ranges', async () => {
    await expect(planner.count(sync.id, evaluationId)).resolves.toEqual({
      joined: expected.joined.length,
      departed: expected.departed.length,
      changed: expected.changed.length,
    });
  });

  it.each([500, 97])(
    'reads every set once, in key order, in full pages of %i',
    async pageSize => {
      const joined = await readAll(
        planner.joined(sync.id, evaluationId, pageSize),
        pageSize,
      );
      expect(joined.map(p => p.member.memberKey)).toEqual(expected.joined);
      expect(joined[0].member).toEqual({
        memberKey: expected.joined[0],
        keys: {
          email: `user${Number(expected.joined[0].slice(1))}@example.com`,
          phone: null,
          user_id: null,
          device_id: null,
        },
        fields: { plan: 'free' },
      });
      const departed = await readAll(
        planner.departed(sync.id, evaluationId, pageSize),
        pageSize,
      );
      expect(departed.map(d => d.memberKey)).toEqual(expected.departed);
      expect(departed[0].identifier).toBe(
        `user${Number(expected.departed[0].slice(1))}@example.com`,
      );
      const changed = await readAll(
        planner.changed(sync.id, evaluationId, pageSize),
        pageSize,
      );
      expect(changed.map(p => p.member.memberKey)).toEqual(expected.changed);
      expect(changed[0].ledger).toEqual({
        identifier: `user${Number(expected.changed[0].slice(1))}@example.com`,
        fieldsHash: null,
      });
    },
  );

  it('reads the whole snapshot as joined for a sync with an empty ledger (an initial run), rows and all', async () => {
    // Every key of a range joined: the rows are read by range, not looked up by key.
    const joined = await readAll(
      planner.joined('sync-never-run', evaluationId, 500),
      500,
    );
    const snapshot = indexes.filter(i => !isDeparted(i));
    expect(joined.map(p => p.member.memberKey)).toEqual(snapshot.map(key));
    expect(
      joined.every(
        (p, n) =>
          p.member.keys.email === `user${snapshot[n]}@example.com` &&
          p.member.fields.plan === (isChanged(snapshot[n]) ? 'pro' : 'free') &&
          !('ledger' in p),
      ),
    ).toBe(true);
  });

  it('is not thrown off by a run committing what it has read, as the executor does', async () => {
    const read: string[] = [];
    // The run's removals are committed as each page is read; rolled back after, for the other tests.
    const tx = await knex.transaction();
    try {
      const ledger = LedgerStore.create({ knex: tx });
      const inRun = SyncPlanner.create({
        ledger,
        snapshots: SnapshotStore.create({ knex: tx }),
      });
      for await (const page of inRun.departed(sync.id, evaluationId, 500)) {
        const keys = page.map(d => d.memberKey);
        read.push(...keys);
        await ledger.delete(sync.id, keys, tx);
      }
    } finally {
      await tx.rollback();
    }
    expect(read).toEqual(expected.departed);
  });
});
