import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';

/**
 * The warehouses audience tests run on: those `streamWarehouseRows` reads, Redshift aside.
 *
 * @public
 */
export type TestWarehouseKind = 'SQLite' | 'PostgreSQL' | 'MariaDB';

/** Server URLs, without a database: scripts/postgres.sh and scripts/mariadb.sh export them. */
const SERVERS: Record<Exclude<TestWarehouseKind, 'SQLite'>, string> = {
  PostgreSQL: 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
  MariaDB: 'AUDIENCE_SYNCS_TEST_MYSQL_CONNECTION_STRING',
};

/**
 * SQLite always; PostgreSQL and MariaDB (or MySQL) when the variables name their servers. In CI (`CI`
 * set) a missing one fails instead of skipping its tests: this repository's `.ci/run` starts both.
 *
 * @public
 */
export function testWarehouseKinds(): TestWarehouseKind[] {
  const kinds: TestWarehouseKind[] = ['SQLite'];
  for (const [kind, variable] of Object.entries(SERVERS)) {
    if (process.env[variable]) {
      kinds.push(kind as TestWarehouseKind);
    } else if (process.env.CI) {
      throw new Error(
        `${variable} is not set: source scripts/postgres.sh and scripts/mariadb.sh (as .ci/run does)`,
      );
    }
  }
  return kinds;
}

/**
 * A warehouse of its own for a test: a fresh database on the server (or in memory), dropped by `destroy`.
 *
 * @public
 */
export interface TestWarehouse {
  kind: TestWarehouseKind;
  knex: Knex;
  destroy(): Promise<void>;
}

/**
 * Opens a new, empty warehouse. `pool` bounds its connections (SQLite has one), so a test can tell that
 * a reader gave its connection back.
 *
 * @public
 */
export async function createTestWarehouse(
  kind: TestWarehouseKind,
  options: { pool?: { min: number; max: number } } = {},
): Promise<TestWarehouse> {
  const common = { pool: options.pool, acquireConnectionTimeout: 10_000 };
  if (kind === 'SQLite') {
    const knex = knexFactory({
      ...common,
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    return { kind, knex, destroy: () => knex.destroy() };
  }
  const server = process.env[SERVERS[kind]]!;
  const database = `warehouse_test_${randomBytes(6).toString('hex')}`;
  const client = kind === 'PostgreSQL' ? 'pg' : 'mysql2';
  const admin = knexFactory({ client, connection: server });
  await admin.raw(`CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  const knex = knexFactory({ ...common, client, connection: url.toString() });
  return {
    kind,
    knex,
    async destroy() {
      await knex.destroy();
      await admin.raw(
        `DROP DATABASE ${database}${
          kind === 'PostgreSQL' ? ' WITH (FORCE)' : ''
        }`,
      );
      await admin.destroy();
    },
  };
}
