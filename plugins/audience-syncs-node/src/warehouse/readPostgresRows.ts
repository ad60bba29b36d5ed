import { QueryDeadline } from './QueryDeadline';
import { WarehouseQuery, WarehouseRow } from './WarehouseQuery';
import { WarehouseQueryError } from './WarehouseQueryError';

/** Rows per FETCH: big enough that round trips cost little, small enough that a batch stays a few hundred kB. */
const ROWS_PER_FETCH = 2000;

/** DATE, TIMESTAMP and TIMESTAMPTZ: kept as PostgreSQL writes them, not turned into local-time Dates. */
const DATE_TYPES = new Set([1082, 1114, 1184]);

/** SQLSTATE of a write in a read-only transaction, and of a statement cancelled (statement_timeout). */
const READ_ONLY_SQL_TRANSACTION = '25006';
const QUERY_CANCELED = '57014';

/** The part of node-postgres's Client the reader uses; Knex's pool hands these out for `pg` and `redshift`. */
export interface PostgresConnection {
  query(query: {
    text: string;
    queryMode?: 'extended';
    types?: {
      getTypeParser(oid: number, format?: string): (value: string) => unknown;
    };
  }): Promise<{ rows: WarehouseRow[] }>;
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
  end(): Promise<void>;
}

/**
 * PostgreSQL and Redshift: a server-side cursor in a read-only transaction, fetched a batch at a time
 * (the next batch is requested while the caller handles the current one). The query is declared through
 * the extended protocol, which takes exactly one statement, so its SQL cannot end the transaction and
 * write after it. Each FETCH runs with a statement_timeout of the time the query has left.
 */
export async function* readPostgresRows(
  connection: PostgresConnection,
  query: WarehouseQuery,
): AsyncGenerator<WarehouseRow[]> {
  const deadline = QueryDeadline.start(query.timeoutMs);
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      DATE_TYPES.has(oid)
        ? (value: string) => value
        : connection.getTypeParser(oid, format),
  };
  const run = (text: string) =>
    connection.query({ text, queryMode: 'extended', types }).catch(error => {
      throw describe(error, deadline);
    });
  const fetchBatch = async () => {
    await run(`SET LOCAL statement_timeout = ${deadline.remainingMs()}`);
    return (await run(`FETCH FORWARD ${ROWS_PER_FETCH} FROM audience_rows`))
      .rows;
  };

  await run('BEGIN READ ONLY');
  let next: Promise<WarehouseRow[]> | undefined;
  try {
    await run(`SET LOCAL statement_timeout = ${deadline.remainingMs()}`);
    await run(
      `DECLARE audience_rows NO SCROLL CURSOR FOR SELECT * FROM (${query.sql}) AS audience`,
    );
    next = fetchBatch();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return;
      next = fetchBatch();
      yield rows;
    }
  } finally {
    // A fetch still in flight finishes before the transaction ends; nothing was written, so roll back.
    // A connection that cannot roll back is ended, so Knex's pool replaces it.
    await next?.catch(() => undefined);
    await connection
      .query({ text: 'ROLLBACK' })
      .catch(() => connection.end().catch(() => undefined));
  }
}

function describe(error: unknown, deadline: QueryDeadline): Error {
  if (error instanceof WarehouseQueryError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === READ_ONLY_SQL_TRANSACTION) {
    return WarehouseQueryError.writeRefused(error);
  }
  if (code === QUERY_CANCELED) {
    return WarehouseQueryError.timedOut(deadline.timeoutMs, error);
  }
  return WarehouseQueryError.failed(error);
}
