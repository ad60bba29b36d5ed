import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoWarehouse } from './generateDemoWarehouse';
import { DemoDatabaseConfig } from './readDemoConfig';

/** Connects to the demo warehouse, generating its customers first when they are missing. */
export async function openDemoWarehouse(
  database: DemoDatabaseConfig,
  options: { logger: LoggerService },
): Promise<Knex> {
  ensureSqliteFolder(database);
  const knex = knexFactory({
    client: database.client,
    connection: database.connection as Knex.StaticConnectionConfig,
    useNullAsDefault: true,
  });
  try {
    const result = await generateDemoWarehouse(knex);
    if (result.created) {
      options.logger.info(
        `Generated the demo warehouse with ${result.customers} customers`,
      );
    }
    return knex;
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}

/** better-sqlite3 creates the file but not its folder, and a fresh data folder may have neither. */
function ensureSqliteFolder({ client, connection }: DemoDatabaseConfig) {
  const filename =
    connection && typeof connection === 'object' && !Array.isArray(connection)
      ? connection.filename
      : undefined;
  if (
    client.includes('sqlite') &&
    typeof filename === 'string' &&
    filename !== ':memory:'
  ) {
    fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  }
}
