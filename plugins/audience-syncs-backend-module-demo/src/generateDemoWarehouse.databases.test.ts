import { TestDatabases } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { generateDemoWarehouse } from './generateDemoWarehouse';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function checksum(knex: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const row of await knex('customers')
    .select('*')
    .orderBy('customer_id')) {
    hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

describe.each(databases.eachSupportedId())(
  'generateDemoWarehouse on %s',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('generates the rows the demo audiences were measured on', async () => {
      await generateDemoWarehouse(knex, { customers: 1000 });

      // The checksum pinned by generateDemoWarehouse.test.ts on in-memory SQLite.
      expect(await checksum(knex)).toBe(
        'af0abb8e59c9e2496d62eb361c3a1f3618e07f039d2b3b2fc201c7883f35e2ad',
      );
    });

    it('generates once when two backends start together', async () => {
      const results = await Promise.all([
        generateDemoWarehouse(knex, { customers: 2000 }),
        generateDemoWarehouse(knex, { customers: 2000 }),
      ]);

      expect(results.map(r => r.created).sort()).toEqual([false, true]);
      expect(results.map(r => r.customers)).toEqual([2000, 2000]);
      const [{ count }] = await knex('customers').count({ count: '*' });
      expect(Number(count)).toBe(2000);
    });
  },
);
