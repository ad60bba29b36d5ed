import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SyncTarget } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { WarehouseTableClient } from './WarehouseTableClient';

jest.setTimeout(30_000);

const IDS = ['POSTGRES_15', 'SQLITE_3'] as const;
const VIP = { id: 'vip', name: 'VIP customers' };

describe.each(TestDatabases.create({ ids: [...IDS] }).eachSupportedId())(
  'warehouse table columns on %s',
  databaseId => {
    const databases = TestDatabases.create({ ids: [...IDS] });
    let knex: Knex;
    let table = 0;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    function client() {
      table += 1;
      return WarehouseTableClient.fromKnex(
        knex,
        new ConfigReader({
          client: 'unused: the Knex is given',
          connection: {},
          table: `typed_members_${table}`,
          createTable: true,
          columns: {
            lifetime_value: 'decimal',
            visits: 'integer',
            vip: 'boolean',
            first_seen: 'date',
            last_seen: 'datetime',
            plan: 'string',
          },
        }),
      );
    }

    it("describes the table's field columns with their types, not its own columns", async () => {
      const schema = await client().describeFields();
      expect(schema.acceptsAnyField).toBe(false);
      expect(
        Object.fromEntries((schema.fields ?? []).map(f => [f.name, f.type])),
      ).toEqual({
        lifetime_value: 'number',
        visits: 'number',
        vip: 'boolean',
        first_seen: 'date',
        last_seen: 'datetime',
        plan: 'string',
      });
      expect(
        (schema.fields ?? []).every(f => f.label === f.name && !f.required),
      ).toBe(true);
    });

    it('writes values converted to the column types', async () => {
      const warehouse = client();
      const fieldSchema = await warehouse.describeFields();
      const target: SyncTarget = {
        object: VIP,
        identifier: { entityKey: 'email', field: 'email' },
        fieldMappings: ['lifetime_value', 'visits', 'plan'].map(name => ({
          source: { kind: 'trait', name },
          destinationField: name,
        })),
        fieldSchema,
      };
      const prepared = warehouse.prepare(
        {
          memberKey: 'm1',
          keys: { email: 'ada@example.com' },
          fields: { lifetime_value: '12.5', visits: '3', plan: 7 },
        },
        target,
      );
      expect(prepared).toMatchObject({
        ok: true,
        row: { fields: { lifetime_value: 12.5, visits: 3, plan: '7' } },
      });
      if (!prepared.ok) throw new Error(prepared.reason);
      await expect(
        warehouse.applyBatch({
          operation: 'add',
          target,
          rows: [prepared.row],
        }),
      ).resolves.toEqual({ rejected: [] });
      const [row] = await knex(`typed_members_${table}`).select(
        'visits',
        'plan',
      );
      expect(row).toEqual({ visits: 3, plan: '7' });
    });
  },
);
