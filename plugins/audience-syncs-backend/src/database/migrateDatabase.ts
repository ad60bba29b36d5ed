import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@signalsmith/backstage-plugin-audience-syncs-backend',
  'migrations',
);

/** The plugin's Knex client, migrated to the latest schema unless the deployment manages migrations. */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}

export { migrationsDir };
