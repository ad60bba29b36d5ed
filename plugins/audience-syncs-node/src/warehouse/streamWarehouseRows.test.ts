import knexFactory, { Knex } from 'knex';
import { streamWarehouseRows } from './streamWarehouseRows';
import { WarehouseQueryError } from './WarehouseQueryError';

// Generous for a busy CI machine: each test opens a database of its own.
jest.setTimeout(30_000);

const NUMBERS = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
  SELECT i, 'u' || i AS user_id FROM n`;

async function collect(rows: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const batches = [];
  for await (const batch of rows) batches.push(batch);
  return batches;
}

describe('streamWarehouseRows on SQLite', () => {
  let warehouse: Knex;

  beforeEach(() => {
    warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
      acquireConnectionTimeout: 2000,
    });
  });

  afterEach(() => warehouse.destroy());

  it('streams every row in batches, in the order the query gives them', async () => {
    const batches = await collect(
      streamWarehouseRows(warehouse, { sql: NUMBERS, timeoutMs: 10_000 }),
    );

    expect(batches.map(b => b.length)).toEqual([2000, 2000, 1000]);
    expect(batches.flat()[4999]).toEqual({ i: 5000, user_id: 'u5000' });
  });

  it('reads in query_only mode, and leaves the connection writable after', async () => {
    await warehouse.schema.createTable('t', table => table.integer('a'));
    const batches = await collect(
      streamWarehouseRows(warehouse, {
        sql: 'SELECT query_only FROM pragma_query_only()',
        timeoutMs: 10_000,
      }),
    );

    expect(batches).toEqual([[{ query_only: 1 }]]);
    await warehouse('t').insert({ a: 1 });
    expect(await warehouse('t').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('gives the connection back when the caller stops early', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      for await (const batch of streamWarehouseRows(warehouse, {
        sql: NUMBERS,
        timeoutMs: 10_000,
      })) {
        expect(batch).toHaveLength(2000);
        break;
      }
    }
    // Knex's SQLite pool has one connection: it would wait for the one a reader kept.
    expect(await warehouse.raw('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('stops a query that runs past its timeout, between two batches', async () => {
    const endless = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)
      SELECT i FROM n`;
    const error = await collect(
      streamWarehouseRows(warehouse, { sql: endless, timeoutMs: 100 }),
    ).catch(e => e);

    expect(error).toBeInstanceOf(WarehouseQueryError);
    expect(error).toMatchObject({
      failure: 'timed-out',
      message: 'the query ran longer than its statement timeout of 100 ms',
    });
  });

  it("reports the database's error for a broken query", async () => {
    await expect(
      collect(
        streamWarehouseRows(warehouse, {
          sql: 'SELECT x FROM nowhere',
          timeoutMs: 10_000,
        }),
      ),
    ).rejects.toMatchObject({
      failure: 'failed',
      message: 'no such table: nowhere',
    });
  });

  it('refuses a Knex client it cannot stream from, naming the supported ones', async () => {
    const other = knexFactory({ client: 'pg' });
    Object.defineProperty(other.client, 'driverName', { value: 'mssql' });
    await expect(
      collect(streamWarehouseRows(other, { sql: 'SELECT 1', timeoutMs: 1000 })),
    ).rejects.toThrow(
      "the Knex client 'mssql' cannot stream audiences (supported: pg, redshift, mysql2, better-sqlite3)",
    );
    await other.destroy();
  });
});
