import { SqlAudienceSource } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createTestWarehouse,
  TestWarehouseKind,
  testWarehouseKinds,
} from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { Knex } from 'knex';
import { DEMO_AUDIENCES } from './demoAudiences';
import { generateDemoWarehouse } from './generateDemoWarehouse';

jest.setTimeout(180_000);

/** Each demo audience's number of members on the demo warehouse in `warehouse`. */
async function memberCounts(warehouse: Knex): Promise<Record<string, number>> {
  await generateDemoWarehouse(warehouse);
  const source = SqlAudienceSource.create({
    id: 'demo',
    warehouse,
    audiences: DEMO_AUDIENCES,
  });
  const counts: Record<string, number> = {};
  for (const audience of DEMO_AUDIENCES) {
    const keys = new Set<string>();
    for await (const member of source.evaluate(audience.id)) {
      keys.add(member.memberKey);
    }
    counts[audience.id] = keys.size;
  }
  return counts;
}

async function countsOn(kind: TestWarehouseKind) {
  const warehouse = await createTestWarehouse(kind);
  try {
    return await memberCounts(warehouse.knex);
  } finally {
    await warehouse.destroy();
  }
}

/*
 * The demo's SQL is portable: a platform owner who loads the demo customers into PostgreSQL or MariaDB
 * (scripts/postgres.sh and scripts/mariadb.sh; CI starts both) gets the audiences the embedded portal has.
 */
describe('the demo audiences on every warehouse', () => {
  let onSqlite: Record<string, number>;

  beforeAll(async () => {
    onSqlite = await countsOn('SQLite');
  });

  it('count members on SQLite, one audience empty', () => {
    expect(onSqlite['high-value-customers']).toBeGreaterThan(1000);
    expect(onSqlite['enterprise-trials-antarctica']).toBe(0);
  });

  // PostgreSQL and MariaDB when their servers are there (always in CI).
  const servers = testWarehouseKinds().filter(kind => kind !== 'SQLite');
  if (servers.length > 0) {
    it.each(servers)(
      'count the same members on %s as on SQLite',
      async kind => {
        expect(await countsOn(kind)).toEqual(onSqlite);
      },
    );
  }
});
