import { QueryDeadline } from './QueryDeadline';
import { WarehouseQuery, WarehouseRow } from './WarehouseQuery';
import { WarehouseQueryError } from './WarehouseQueryError';

/** Rows stepped through between two checks of the deadline (and handed on together). */
const ROWS_PER_BATCH = 2000;

/** The part of better-sqlite3's Database the reader uses; Knex's pool hands these out for `better-sqlite3`. */
export interface SqliteConnection {
  prepare(sql: string): { iterate(): IterableIterator<WarehouseRow> };
  pragma(source: string, options?: { simple: boolean }): unknown;
}

/**
 * SQLite: the statement stepped a batch of rows at a time (Knex's own stream reads every row first),
 * with the connection in `query_only` mode, SQLite's refusal of any write, for the whole read. SQLite
 * cannot interrupt a statement from another thread here (better-sqlite3 runs it synchronously), so the
 * timeout is checked between batches. better-sqlite3 prepares exactly one statement.
 */
export async function* readSqliteRows(
  connection: SqliteConnection,
  query: WarehouseQuery,
): AsyncGenerator<WarehouseRow[]> {
  const deadline = QueryDeadline.start(query.timeoutMs);
  const queryOnly = connection.pragma('query_only', { simple: true });
  connection.pragma('query_only = ON');
  let rows: IterableIterator<WarehouseRow> | undefined;
  try {
    for (;;) {
      const batch: WarehouseRow[] = [];
      let done = false;
      try {
        rows ??= connection
          .prepare(`SELECT * FROM (${query.sql}) AS audience`)
          .iterate();
        while (batch.length < ROWS_PER_BATCH) {
          const next = rows.next();
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value);
        }
        deadline.remainingMs();
      } catch (error) {
        throw describe(error);
      }
      if (batch.length > 0) yield batch;
      if (done) return;
    }
  } finally {
    rows?.return?.();
    connection.pragma(`query_only = ${queryOnly ? 'ON' : 'OFF'}`);
  }
}

function describe(error: unknown): Error {
  if (error instanceof WarehouseQueryError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_READONLY')
    return WarehouseQueryError.writeRefused(error);
  return WarehouseQueryError.failed(error);
}
