import { Readable } from 'node:stream';
import { QueryDeadline } from './QueryDeadline';
import { WarehouseQuery, WarehouseRow } from './WarehouseQuery';
import { WarehouseQueryError } from './WarehouseQueryError';

/** Rows handed on together, and buffered ahead of the caller by the driver's stream. */
const ROWS_PER_BATCH = 2000;

/** A write in a read-only transaction; a statement over MySQL's max_execution_time, MariaDB's max_statement_time. */
const ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION = 1792;
const ER_QUERY_TIMEOUT = 3024;
const ER_STATEMENT_TIMEOUT = 1969;

/** The part of mysql2's Connection the reader uses; Knex's pool hands these out for `mysql2`. */
export interface MysqlConnection {
  query(
    options: {
      sql: string;
      dateStrings?: boolean;
      supportBigNumbers?: boolean;
      bigNumberStrings?: boolean;
    },
    callback?: (error: Error | null, rows?: unknown) => void,
  ): { stream(options?: { highWaterMark?: number }): Readable };
  destroy(): void;
}

/**
 * MySQL and MariaDB: the query's rows streamed from the server (the driver pauses the socket while the
 * caller is behind), in a read-only transaction, with the server's own statement time limit: MySQL's
 * MAX_EXECUTION_TIME hint, MariaDB's SET STATEMENT max_statement_time. The driver sends one statement
 * per query, so the SQL cannot end the transaction and write after it. Dates stay as the server writes
 * them, and BIGINTs are strings, so no value changes on the way.
 */
export async function* readMysqlRows(
  connection: MysqlConnection,
  query: WarehouseQuery,
): AsyncGenerator<WarehouseRow[]> {
  const deadline = QueryDeadline.start(query.timeoutMs);
  const run = (sql: string) =>
    new Promise<unknown>((resolve, reject) => {
      connection.query({ sql }, (error, rows) =>
        error ? reject(describe(error, deadline)) : resolve(rows),
      );
    });
  const [{ version }] = (await run('SELECT VERSION() AS version')) as Array<{
    version: string;
  }>;
  const select = (hint: string) =>
    `SELECT ${hint}* FROM (${query.sql}) AS audience`;
  const remaining = deadline.remainingMs();
  const sql = /mariadb/i.test(version)
    ? `SET STATEMENT max_statement_time = ${remaining / 1000} FOR ${select('')}`
    : select(`/*+ MAX_EXECUTION_TIME(${remaining}) */ `);

  await run('START TRANSACTION READ ONLY');
  let streaming = false;
  try {
    const rows = connection
      .query({
        sql,
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
      })
      .stream({ highWaterMark: ROWS_PER_BATCH });
    streaming = true;
    let batch: WarehouseRow[] = [];
    try {
      for await (const row of rows) {
        batch.push(row);
        if (batch.length === ROWS_PER_BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      streaming = false;
      throw describe(error, deadline);
    }
    streaming = false;
    if (batch.length > 0) yield batch;
  } finally {
    if (streaming) {
      // Abandoned mid-result: the server would send every remaining row before the connection could be
      // used again. Closing it stops the query; Knex's pool replaces the connection.
      connection.destroy();
    } else {
      await run('ROLLBACK').catch(() => connection.destroy());
    }
  }
}

function describe(error: unknown, deadline: QueryDeadline): Error {
  if (error instanceof WarehouseQueryError) return error;
  const errno = (error as { errno?: unknown })?.errno;
  if (errno === ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION) {
    return WarehouseQueryError.writeRefused(error);
  }
  if (errno === ER_QUERY_TIMEOUT || errno === ER_STATEMENT_TIMEOUT) {
    return WarehouseQueryError.timedOut(deadline.timeoutMs, error);
  }
  return WarehouseQueryError.failed(error);
}
