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

      // The partial unique index allows one open run per sync.
      await knex('syncs').insert({
        id: 's1',
        name: 'n',
        audience_id: 'a',
        destination_id: 'd',
        object_id: 'o',
        object_name: 'O',
        mode: 'mirror',
        identifier_entity_key: 'email',
        identifier_field: 'EMAIL',
        field_mappings: '[]',
        schedule_type: 'manual',
        status: 'active',
        owner: 'user:default/a',
        created_by: 'user:default/a',
        updated_by: 'user:default/a',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
      const run = (status: string) => ({
        sync_id: 's1',
        trigger: 'manual',
        status,
        queued_at: new Date().toISOString(),
      });
      await knex('sync_runs').insert([
        run('succeeded'),
        run('failed'),
        run('queued'),
      ]);
      await expect(knex('sync_runs').insert(run('running'))).rejects.toThrow();

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await exists()).toEqual(TABLES.map(() => false));

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await exists()).toEqual(TABLES.map(() => true));
      await knex.destroy();
    },
  );
});
