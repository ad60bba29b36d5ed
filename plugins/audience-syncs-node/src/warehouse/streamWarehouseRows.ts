import { Knex } from 'knex';
import { PostgresConnection, readPostgresRows } from './readPostgresRows';
import { MysqlConnection, readMysqlRows } from './readMysqlRows';
import { readSqliteRows, SqliteConnection } from './readSqliteRows';
import { WarehouseQuery, WarehouseRow } from './WarehouseQuery';
import { WarehouseQueryError } from './WarehouseQueryError';

/**
 * The Knex `client` names whose warehouses `streamWarehouseRows` reads.
 *
 * @public
 */
export const SUPPORTED_WAREHOUSE_CLIENTS = [
  'pg',
  'redshift',
  'mysql2',
  'better-sqlite3',
] as const;

/** The drivers behind them (Knex's `client.driverName`). */
const SUPPORTED_DRIVERS = new Set([
  'pg',
  'pg-redshift',
  'mysql2',
  'better-sqlite3',
]);

/**
 * Whether `streamWarehouseRows` can read the warehouse behind this Knex instance.
 *
 * @public
 */
export function canStreamWarehouse(warehouse: Knex): boolean {
  return SUPPORTED_DRIVERS.has(warehouse.client.driverName);
}

/**
 * Streams the rows of a read-only query from a warehouse reached through Knex, in batches, on one
 * connection of its pool: PostgreSQL and Redshift through a server-side cursor, MySQL and MariaDB through
 * the driver's row stream, SQLite a statement step at a time. Memory stays flat however many rows the
 * query returns. Failures are WarehouseQueryErrors: a refused write, a timeout, or the database's error.
 *
 * @public
 */
export async function* streamWarehouseRows(
  warehouse: Knex,
  query: WarehouseQuery,
): AsyncGenerator<WarehouseRow[]> {
  const { driverName } = warehouse.client;
  if (!canStreamWarehouse(warehouse)) {
    throw new WarehouseQueryError(
      'failed',
      `the Knex client '${driverName}' cannot stream audiences (supported: ${SUPPORTED_WAREHOUSE_CLIENTS.join(
        ', ',
      )})`,
    );
  }
  const connection: unknown = await warehouse.client.acquireConnection();
  try {
    yield* read(driverName, connection, query);
  } finally {
    await warehouse.client.releaseConnection(connection);
  }
}

function read(
  driverName: string,
  connection: unknown,
  query: WarehouseQuery,
): AsyncGenerator<WarehouseRow[]> {
  if (driverName === 'mysql2') {
    return readMysqlRows(connection as MysqlConnection, query);
  }
  if (driverName === 'better-sqlite3') {
    return readSqliteRows(connection as SqliteConnection, query);
  }
  return readPostgresRows(connection as PostgresConnection, query);
}
