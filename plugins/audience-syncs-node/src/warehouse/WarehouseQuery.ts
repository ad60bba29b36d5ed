/**
 * One row of a warehouse query, by column name.
 *
 * @public
 */
export type WarehouseRow = Record<string, unknown>;

/**
 * A query an audience source runs on its warehouse: read-only, and bounded in time.
 *
 * @public
 */
export interface WarehouseQuery {
  /**
   * One query (SELECT, or WITH … SELECT), sent to the database as it is written. It runs as the derived
   * table of `SELECT * FROM (<sql>) AS audience`, inside a read-only transaction where the database has
   * one, so it cannot write to the warehouse.
   */
  sql: string;
  /** How long the query may run, from its start to its last row, in milliseconds. */
  timeoutMs: number;
}
