import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { MemberHistoryPruner } from '../memberHistory/MemberHistoryPruner';
import { MemberHistoryStep, MemberHistoryStore } from './MemberHistoryStore';
import { migrationsDir } from './migrateDatabase';
import { SyncStore } from './SyncStore';

jest.setTimeout(60_000);

const ids = ['POSTGRES_15', 'SQLITE_3'] as const;

const sync: AudienceSync = {
  id: 'sync-1',
  name: 'VIPs to CRM',
  audienceId: 'vip',
  destinationId: 'crm',
  object: { id: 'list-1', name: 'Customers' },
  mode: 'mirror',
  identifier: { entityKey: 'email', field: 'Email' },
  fieldMappings: [],
  schedule: { type: 'manual' },
  status: 'active',
  owner: 'group:default/marketing',
  createdBy: 'user:default/ana',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'user:default/ana',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastSyncedAt: null,
  nextRunAt: null,
  version: 1,
};

describe.each(TestDatabases.create({ ids: [...ids] }).eachSupportedId())(
  'MemberHistoryStore on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [...ids] });
    let knex: Knex;
    let store: MemberHistoryStore;

    /** Records steps in their own transaction, as a batch commit does. */
    const record = (runId: number, at: string, steps: MemberHistoryStep[]) =>
      knex.transaction(tx => store.record(sync.id, runId, at, steps, tx));

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      store = MemberHistoryStore.create({ knex });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    beforeEach(async () => {
      await knex('syncs').delete();
      await SyncStore.create({ knex }).insertSync(sync);
    });

    it('lists a member’s steps oldest first and finds members by identifier', async () => {
      await record(1, '2026-03-01T10:00:00.000Z', [
        { memberKey: 'u1', operation: 'add', identifier: 'a@example.com' },
        {
          memberKey: 'u2',
          operation: 'invalid',
          identifier: null,
          code: 'missing_identifier',
          message: 'The member has no email',
        },
      ]);
      await record(2, '2026-03-02T10:00:00.000Z', [
        { memberKey: 'u1', operation: 'update', identifier: 'b@example.com' },
      ]);

      expect(await store.list(sync.id, ['u1'], 100)).toEqual([
        {
          memberKey: 'u1',
          runId: 1,
          at: '2026-03-01T10:00:00.000Z',
          operation: 'add',
          identifier: 'a@example.com',
          code: null,
          message: null,
        },
        {
          memberKey: 'u1',
          runId: 2,
          at: '2026-03-02T10:00:00.000Z',
          operation: 'update',
          identifier: 'b@example.com',
          code: null,
          message: null,
        },
      ]);
      expect(await store.list(sync.id, ['u2'], 100)).toEqual([
        expect.objectContaining({
          operation: 'invalid',
          identifier: null,
          code: 'missing_identifier',
          message: 'The member has no email',
        }),
      ]);
      // The old identifier still finds the member after it changed.
      expect(
        await store.memberKeysByIdentifier(sync.id, ['a@example.com']),
      ).toEqual(['u1']);
      expect(
        await store.memberKeysByIdentifier(sync.id, ['x@example.com']),
      ).toEqual([]);
      // A limit keeps the newest steps.
      expect(
        (await store.list(sync.id, ['u1'], 1)).map(step => step.runId),
      ).toEqual([2]);
    });

    it('writes a batch larger than one statement takes', async () => {
      const steps = Array.from({ length: 1_203 }, (_, i) => ({
        memberKey: `u${i}`,
        operation: 'add' as const,
        identifier: `user${i}@example.com`,
      }));
      await record(1, '2026-03-01T10:00:00.000Z', steps);
      const [{ n }] = await knex('sync_member_history').count({ n: '*' });
      expect(Number(n)).toBe(1_203);
    });

    it('writes nothing when the transaction rolls back', async () => {
      await expect(
        knex.transaction(async tx => {
          await store.record(
            sync.id,
            1,
            '2026-03-01T10:00:00.000Z',
            [
              {
                memberKey: 'u1',
                operation: 'add',
                identifier: 'a@example.com',
              },
            ],
            tx,
          );
          throw new Error('the ledger write failed');
        }),
      ).rejects.toThrow('the ledger write failed');
      expect(await store.list(sync.id, ['u1'], 100)).toEqual([]);
    });

    it('prunes steps older than the retention in bounded chunks, keeping newer ones', async () => {
      const old = Array.from({ length: 25 }, (_, i) => ({
        memberKey: `u${i}`,
        operation: 'add' as const,
        identifier: `user${i}@example.com`,
      }));
      await record(1, '2026-01-01T00:00:00.000Z', old);
      await record(2, '2026-03-30T00:00:00.000Z', [
        {
          memberKey: 'u1',
          operation: 'remove',
          identifier: 'user1@example.com',
        },
      ]);
      const pruner = MemberHistoryPruner.create({
        store,
        retentionDays: 30,
        logger: mockServices.logger.mock(),
        chunk: 10,
        now: () => new Date('2026-04-01T00:00:00.000Z'),
      });
      // One chunk is bounded by its size.
      expect(await store.pruneOlderThan('2026-03-02T00:00:00.000Z', 10)).toBe(
        10,
      );
      expect(await pruner.prune()).toBe(15);
      expect(await store.list(sync.id, ['u1'], 100)).toEqual([
        expect.objectContaining({ runId: 2, operation: 'remove' }),
      ]);
      expect(await pruner.prune()).toBe(0);
    });

    it('goes with its sync', async () => {
      await record(1, '2026-03-01T10:00:00.000Z', [
        { memberKey: 'u1', operation: 'add', identifier: 'a@example.com' },
      ]);
      await SyncStore.create({ knex }).deleteSync(sync.id);
      const [{ n }] = await knex('sync_member_history').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });
  },
);
