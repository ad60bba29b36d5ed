import { mockServices } from '@backstage/backend-test-utils';
import {
  SqlAudienceDefinition,
  SqlAudienceSource,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createTestWarehouse,
  TestWarehouse,
  TestWarehouseKind,
  testWarehouseKinds,
} from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import knexFactory, { Knex } from 'knex';
import {
  AudienceSyncsStores,
  createStores,
} from '../database/AudienceSyncsStores';
import { migrationsDir } from '../database/migrateDatabase';
import { AudienceCatalog } from './AudienceCatalog';
import { AudienceEvaluator } from './AudienceEvaluator';

/*
 * Evaluation on every warehouse the SQL audience source reads as it is: SQLite, and the PostgreSQL and
 * MariaDB of scripts/postgres.sh and scripts/mariadb.sh (CI starts both). The demo module checks that its
 * audiences count the same members on each.
 */
jest.setTimeout(120_000);

/** A member per customer: the columns every audience below returns. */
const customerAudience = (
  id: string,
  sql: string,
  overrides: Partial<SqlAudienceDefinition> = {},
): SqlAudienceDefinition => ({
  id,
  name: id,
  entityType: 'users',
  owner: 'group:default/marketing',
  entityKeys: ['user_id', 'email'],
  memberKey: 'user_id',
  traits: [],
  attributes: ['plan_type'],
  evaluationSchedule: { type: 'manual' },
  sql,
  ...overrides,
});

const ALL_CUSTOMERS =
  'SELECT customer_id AS user_id, email, plan_type FROM customers';

/** The audience evaluated first, whose snapshot a failed evaluation must keep: the first 3,000 customers. */
const FIRST_CUSTOMERS = `${ALL_CUSTOMERS} WHERE customer_id <= 'cus_03000'`;

/**
 * A query that writes with whatever rights the warehouse user has, through a function a SELECT calls. It
 * reads no table itself: MySQL would refuse a function that changes a table its caller reads anyway.
 */
const WRITING_QUERY: Partial<
  Record<TestWarehouseKind, { setup: string; sql: string }>
> = {
  PostgreSQL: {
    setup: `CREATE FUNCTION forget_customers() RETURNS integer LANGUAGE sql AS $$
      DELETE FROM customers; SELECT 0 $$`,
    sql: `SELECT 'u1' AS user_id, NULL AS email, 'free' AS plan_type WHERE forget_customers() = 0`,
  },
  MariaDB: {
    setup: `CREATE FUNCTION forget_customers() RETURNS INT MODIFIES SQL DATA
      BEGIN DELETE FROM customers; RETURN 0; END`,
    sql: `SELECT 'u1' AS user_id, NULL AS email, 'free' AS plan_type FROM DUAL WHERE forget_customers() = 0`,
  },
};

/** Runs until cancelled: a sleep per row, or (SQLite has no sleep) a hundred million generated rows. */
const ENDLESS_QUERY: Record<TestWarehouseKind, string> = {
  PostgreSQL: `${ALL_CUSTOMERS} WHERE pg_sleep(1) IS NOT NULL`,
  MariaDB: `${ALL_CUSTOMERS} WHERE SLEEP(1) = 0`,
  SQLite: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)
    SELECT 'u' || i AS user_id, NULL AS email, 'free' AS plan_type FROM n`,
};

/** How many customers the warehouse holds: `cus_00001` … `cus_06000`. */
const CUSTOMERS = 6000;

async function createCustomers(warehouse: Knex): Promise<void> {
  await warehouse.schema.createTable('customers', table => {
    table.string('customer_id', 16).primary();
    table.string('email', 64);
    table.string('plan_type', 16);
  });
  const rows = Array.from({ length: CUSTOMERS }, (_, i) => ({
    customer_id: `cus_${String(i + 1).padStart(5, '0')}`,
    email: `customer${i + 1}@example.com`,
    plan_type: i % 3 === 0 ? 'pro' : 'free',
  }));
  // SQLite takes at most 500 rows per multi-row insert.
  await warehouse.batchInsert('customers', rows, 500);
}

describe.each(testWarehouseKinds())('audiences on a %s warehouse', kind => {
  let warehouse: TestWarehouse;
  let stores: AudienceSyncsStores;
  let storeDb: Knex;

  const customerCount = async () => {
    const [{ n }] = await warehouse.knex('customers').count({ n: '*' });
    return Number(n);
  };

  /** Evaluates `audience` once as `good`, then as `bad` (the same id): the evaluation that counts. */
  const evaluateAfterGood = async (
    good: SqlAudienceDefinition,
    bad: SqlAudienceDefinition,
  ) => {
    const evaluatorOf = async (audience: SqlAudienceDefinition) => {
      const catalog = await AudienceCatalog.create({
        sources: [
          SqlAudienceSource.create({
            id: 'sql',
            warehouse: warehouse.knex,
            audiences: [audience],
          }),
        ],
        store: stores.snapshots,
      });
      const evaluator = AudienceEvaluator.create({
        catalog,
        stores,
        logger: mockServices.logger.mock(),
      });
      return { catalog, evaluator };
    };
    await (await evaluatorOf(good)).evaluator.evaluate(good.id);
    const { catalog, evaluator } = await evaluatorOf(bad);
    const evaluation = await evaluator.evaluate(bad.id);
    return { evaluation, audience: await catalog.get(bad.id) };
  };

  beforeAll(async () => {
    // One connection: a reader that kept its connection would make the next evaluation wait and fail.
    warehouse = await createTestWarehouse(kind, { pool: { min: 0, max: 1 } });
    await createCustomers(warehouse.knex);
    storeDb = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await storeDb.migrate.latest({ directory: migrationsDir });
    stores = createStores(storeDb);
  });

  afterAll(async () => {
    await storeDb?.destroy();
    await warehouse?.destroy();
  });

  it('passes dates as the warehouse writes them, and SQL with question marks as written', async () => {
    await warehouse.knex.schema.createTable('purchases', table => {
      table.string('user_id', 16);
      table.date('day');
      table.string('note', 32);
    });
    await warehouse
      .knex('purchases')
      .insert({ user_id: 'u1', day: '2026-08-02', note: 'why?' });
    const source = SqlAudienceSource.create({
      id: 'sql',
      warehouse: warehouse.knex,
      audiences: [
        customerAudience(
          'purchases',
          "SELECT user_id, NULL AS email, day, note, '?' AS plan_type FROM purchases WHERE note LIKE '%?'",
          { traits: ['day', 'note'] },
        ),
      ],
    });
    const members = [];
    for await (const member of source.evaluate('purchases')) {
      members.push(member);
    }
    expect(members).toEqual([
      {
        memberKey: 'u1',
        keys: { user_id: 'u1', email: null },
        fields: { day: '2026-08-02', note: 'why?', plan_type: '?' },
      },
    ]);
  });

  it('refuses a mistaken DELETE as the audience query, keeping the snapshot and the warehouse', async () => {
    const { evaluation, audience } = await evaluateAfterGood(
      customerAudience('all-customers', FIRST_CUSTOMERS),
      customerAudience('all-customers', 'DELETE FROM customers'),
    );

    expect(evaluation.status).toBe('failed');
    expect(evaluation.error).toMatch(/^Audience 'all-customers': .*syntax/i);
    expect(audience).toMatchObject({ memberCount: 3000 });
    expect(await customerCount()).toBe(CUSTOMERS);
  });

  // SQLite has no function a SELECT could write through.
  const writing = WRITING_QUERY[kind];
  if (writing) {
    it('runs the query read-only: a write through a function is refused by the database', async () => {
      await warehouse.knex.raw(writing.setup);

      const { evaluation, audience } = await evaluateAfterGood(
        customerAudience('all-customers', FIRST_CUSTOMERS),
        customerAudience('all-customers', writing.sql),
      );

      expect(evaluation.status).toBe('failed');
      expect(evaluation.error).toMatch(
        /^Audience 'all-customers': the query tried to write to the warehouse, which audience queries may not do: they run read-only \(.*read[ -]only transaction/i,
      );
      expect(audience).toMatchObject({ memberCount: 3000 });
      expect(await customerCount()).toBe(CUSTOMERS);
    });
  }

  it('stops a query that runs past its statement timeout, keeping the previous snapshot', async () => {
    const startedAt = Date.now();
    const { evaluation, audience } = await evaluateAfterGood(
      customerAudience('all-customers', FIRST_CUSTOMERS),
      customerAudience('all-customers', ENDLESS_QUERY[kind], {
        statementTimeoutMs: 300,
      }),
    );

    expect(evaluation.status).toBe('failed');
    expect(evaluation.error).toMatch(
      /^Audience 'all-customers': the query ran longer than its statement timeout of 300 ms/,
    );
    expect(audience).toMatchObject({ memberCount: 3000 });
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  });

  it('gives its connection back when the evaluation stops in the middle of the rows', async () => {
    // Past the first batch of rows (2,000), the reader is in the middle of the result.
    const broken = customerAudience(
      'broken-halfway',
      `SELECT CASE WHEN customer_id = 'cus_05000' THEN NULL ELSE customer_id END AS user_id,
        email, plan_type FROM customers`,
    );
    for (let attempt = 0; attempt < 3; attempt++) {
      const { evaluation } = await evaluateAfterGood(
        customerAudience('broken-halfway', FIRST_CUSTOMERS),
        broken,
      );
      expect(evaluation.error).toMatch(/without its member key 'user_id'/);
    }
    expect(await customerCount()).toBe(CUSTOMERS);
  });
});
