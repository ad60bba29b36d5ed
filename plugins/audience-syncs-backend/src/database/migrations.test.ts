import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from './migrateDatabase';

jest.setTimeout(60_000);

const TABLES = [
  'audience_evaluations',
  'audience_snapshots',
  'audience_members',
  'syncs',
  'sync_runs',
  'sync_run_errors',
  'sync_members',
  'rate_budgets',
  'request_slots',
  'sync_activity',
  'sync_alerts',
  'sync_run_error_counts',
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'go up and down cleanly on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const exists = async () =>
        Promise.all(TABLES.map(t => knex.schema.hasTable(t)));

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await exists()).toEqual(TABLES.map(() => true));

      const indexes = knex.client.config.client.includes('sqlite')
        ? await knex('sqlite_master').where({ type: 'index' }).pluck('name')
        : await knex('pg_indexes')
            .where({ tablename: 'sync_runs' })
            .pluck('indexname');
      expect(indexes).toContain('sync_runs_one_open_idx');

      expect(await knex.schema.hasColumn('syncs', 'version')).toBe(true);
      expect(
        await knex.schema.hasColumn('syncs', 'followed_evaluation_id'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn('audience_evaluations', 'heartbeat_at'),
      ).toBe(true);
      // The versions migration alone goes down too, leaving the tables before it.
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261202000100_sync_versions.js',
      });
      expect(await knex.schema.hasColumn('syncs', 'version')).toBe(false);
      expect(
        await knex.schema.hasColumn('audience_evaluations', 'heartbeat_at'),
      ).toBe(false);
      expect(await exists()).toEqual(TABLES.map(() => true));
      await knex.migrate.latest({ directory: migrationsDir });

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await exists()).toEqual(TABLES.map(() => false));

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await exists()).toEqual(TABLES.map(() => true));
      await knex.destroy();
    },
  );
});
