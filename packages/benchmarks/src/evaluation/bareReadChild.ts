import { Readable } from 'node:stream';
import { childInput, childResult } from '../child/childInput';
import { peakRssBytes } from '../engine/peakRssBytes';
import { AUDIENCE_SQL } from './benchAudience';
import { BareReadInput, BareReadResult } from './EvaluationRunInput';
import { openWarehouse } from './openWarehouse';

/** The rows per FETCH and per batch of the audience reader, so both sides make the same round trips. */
const BATCH = 2000;

type Row = Record<string, unknown>;

interface PgClient {
  query(text: string): Promise<{ rows: Row[] }>;
}
interface MysqlClient {
  query(sql: string): { stream(options: { highWaterMark: number }): Readable };
}
interface SqliteClient {
  prepare(sql: string): { iterate(): IterableIterator<Row> };
}

/**
 * Child process: the limit of the evaluation benchmark. The audience's SELECT, streamed as fast as the
 * driver streams it on a connection of the same Knex pool (PostgreSQL: a cursor, the next FETCH in
 * flight while a batch is counted; MySQL/MariaDB: the driver's row stream; SQLite: the statement's
 * iterator), every row parsed into an object and counted. No transaction options, no timeout, no
 * member mapping, no snapshot.
 */
async function main() {
  const input = childInput<BareReadInput>();
  const warehouse = openWarehouse(input.warehouse);
  const connection = await warehouse.client.acquireConnection();
  try {
    const startedAt = performance.now();
    const rows = await countRows(input.warehouse.kind, connection);
    const result: BareReadResult = {
      ms: performance.now() - startedAt,
      rows,
      peakRssBytes: peakRssBytes(),
    };
    childResult(result);
  } finally {
    await warehouse.client.releaseConnection(connection);
    await warehouse.destroy();
  }
}

async function countRows(
  kind: BareReadInput['warehouse']['kind'],
  connection: unknown,
): Promise<number> {
  let rows = 0;
  if (kind === 'sqlite') {
    for (const row of (connection as SqliteClient)
      .prepare(AUDIENCE_SQL)
      .iterate()) {
      if (row) rows++;
    }
    return rows;
  }
  if (kind === 'mariadb') {
    const stream = (connection as MysqlClient)
      .query(AUDIENCE_SQL)
      .stream({ highWaterMark: BATCH });
    for await (const row of stream) {
      if (row) rows++;
    }
    return rows;
  }
  const client = connection as PgClient;
  await client.query('BEGIN');
  await client.query(`DECLARE bare NO SCROLL CURSOR FOR ${AUDIENCE_SQL}`);
  const fetch = () => client.query(`FETCH FORWARD ${BATCH} FROM bare`);
  let next = fetch();
  for (;;) {
    const batch = (await next).rows;
    if (batch.length === 0) break;
    next = fetch();
    rows += batch.length;
  }
  await client.query('COMMIT');
  return rows;
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
