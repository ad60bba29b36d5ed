import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SyncTarget } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { readPages } from '../../__testUtils__/readPages';
import { expectRejection } from '../../__testUtils__/expectRejection';
import { WarehouseTableClient } from './WarehouseTableClient';
import { DestinationError } from '@signalsmith/backstage-plugin-audience-syncs-node';

jest.setTimeout(30_000);

const IDS = ['POSTGRES_15', 'SQLITE_3'] as const;
const VIP = { id: 'vip', name: 'VIP customers' };
const target: SyncTarget = {
  object: VIP,
  identifier: { entityKey: 'email', field: 'email' },
  fieldMappings: [],
};
const key = (i: number) => `member${String(i).padStart(4, '0')}@example.com`;

describe.each(TestDatabases.create({ ids: [...IDS] }).eachSupportedId())(
  'WarehouseTableClient.readMembers on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [...IDS] });
    let knex: Knex;
    let table = 0;
    let name: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
    });
    afterAll(async () => {
      await knex.destroy();
    });
    beforeEach(() => {
      table += 1;
      name = `read_back_members_${table}`;
    });

    const client = (batchSize = 100) =>
      WarehouseTableClient.fromKnex(
        knex,
        new ConfigReader({
          client: 'unused: the Knex is given',
          connection: {},
          table: name,
          createTable: true,
          batchSize,
        }),
      );

    async function add(c: WarehouseTableClient, keys: string[]) {
      await c.applyBatch({
        operation: 'add',
        target,
        rows: keys.map(k => ({ memberKey: k, identifier: k, fields: {} })),
      });
    }

    it("reads back the object's rows in key order, a batch a page, with rows changed by hand", async () => {
      const c = client();
      expect(c.capabilities.canReadMembers).toBe(true);
      const keys = Array.from({ length: 250 }, (_, i) => key(i));
      // Sent out of order: the read comes back in key order all the same.
      await add(c, keys.slice(0, 100).reverse());
      await add(c, keys.slice(100, 200));
      await add(c, keys.slice(200));
      await c.applyBatch({
        operation: 'add',
        target: { ...target, object: { id: 'other', name: 'Other' } },
        rows: [
          { memberKey: 'x', identifier: 'elsewhere@example.com', fields: {} },
        ],
      });
      await knex(name).insert({
        identifier: 'by-hand@example.com',
        object_id: VIP.id,
        synced_at: new Date().toISOString(),
      });
      await knex(name)
        .where({ identifier: key(3), object_id: VIP.id })
        .delete();

      const pages = await readPages(c, target);
      const expected = [
        ...keys.filter(k => k !== key(3)),
        'by-hand@example.com',
      ].sort();
      expect(pages.map(p => p.length)).toEqual([100, 100, 50]);
      expect(pages.flat()).toEqual(
        [...expected].sort((a, b) => (a < b ? -1 : 1)),
      );
    });

    it('reads an object without rows as no pages, and a full last page as one page', async () => {
      const c = client(5);
      await expect(readPages(c, target)).resolves.toEqual([]);
      await add(c, [key(1), key(2), key(3), key(4), key(5)]);
      expect(await readPages(c, target)).toEqual([
        [key(1), key(2), key(3), key(4), key(5)],
      ]);
    });

    it('stops when the signal aborts, and fails as writes do when the table is gone', async () => {
      const c = client(10);
      await add(
        c,
        Array.from({ length: 30 }, (_, i) => key(i)),
      );
      const controller = new AbortController();
      const pages: number[] = [];
      const reading = (async () => {
        for await (const page of c.readMembers(target, {
          signal: controller.signal,
        })) {
          pages.push(page.length);
          controller.abort();
        }
      })();
      await expect(reading).rejects.toThrow();
      expect(pages).toEqual([10]);

      await knex.schema.dropTable(name);
      const gone = WarehouseTableClient.fromKnex(
        knex,
        new ConfigReader({
          client: 'unused',
          connection: {},
          table: name,
        }),
      );
      const error = await expectRejection(
        readPages(gone, target),
        DestinationError,
      );
      expect(error.code).toBe('table_not_found');
    });
  },
);
