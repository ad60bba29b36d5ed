import knexFactory, { Knex } from 'knex';
import { databaseUrl, WarehouseTarget } from './WarehouseTarget';

/** A Knex client for the warehouse, configured as `audienceSyncs.warehouse` would configure it. */
export function openWarehouse(target: WarehouseTarget): Knex {
  if (target.kind === 'sqlite') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: target.file },
      useNullAsDefault: true,
    });
  }
  return knexFactory({
    client: target.kind === 'pg' ? 'pg' : 'mysql2',
    connection: databaseUrl(target),
  });
}
