import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  BatchRequest,
  DestinationError,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WarehouseTableClient } from './WarehouseTableClient';
import { warehouseTableConnector } from './warehouseTableConnector';
import { expectRejection } from '../../__testUtils__/expectRejection';

jest.setTimeout(30_000);

const IDS = ['POSTGRES_15', 'SQLITE_3'] as const;
const VIP = { id: 'vip', name: 'VIP customers' };

function target(
  fieldMappings: Array<[string, string]> = [],
  object = VIP,
): SyncTarget {
  return {
    object,
    identifier: { entityKey: 'email', field: 'email' },
    fieldMappings: fieldMappings.map(([name, destinationField]) => ({
      source: { kind: 'trait', name },
      destinationField,
    })),
  };
}

function rows(keys: string[], fields: Record<string, unknown> = {}) {
  return keys.map(key => ({ memberKey: key, identifier: key, fields }));
}

function batch(
  operation: BatchRequest['operation'],
  values: PreparedRow[],
  t = target(),
): BatchRequest {
  return { operation, target: t, rows: values };
}

function failure(promise: Promise<unknown>): Promise<DestinationError> {
  return expectRejection(promise, DestinationError);
}

describe.each(TestDatabases.create({ ids: [...IDS] }).eachSupportedId())(
  'WarehouseTableConnector on %s',
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
      name = `audience_members_${table}`;
    });

    function client(settings: JsonObject = {}): WarehouseTableClient {
      return WarehouseTableClient.fromKnex(
        knex,
        new ConfigReader({
          client: 'unused: the Knex is given',
          connection: {},
          table: name,
          createTable: true,
          ...settings,
        }),
      );
    }

    /** The table's rows of an object, as identifier → the other columns asked for. */
    async function read(objectId = VIP.id, columns: string[] = []) {
      const found = await knex(name)
        .where('object_id', objectId)
        .orderBy('identifier')
        .select('identifier', ...columns);
      return found;
    }

    async function members(objectId = VIP.id) {
      return (await read(objectId)).map(r => r.identifier);
    }

    it('offers every entity key as an identifier, any field, and object creation', async () => {
      expect(client().capabilities).toEqual({
        supportsAudienceSyncs: true,
        objectLabel: 'Object ID',
        identifierFields: [
          {
            field: 'email',
            label: 'Email',
            entityKeys: ['email'],
            hashed: false,
          },
          {
            field: 'phone',
            label: 'Phone Number',
            entityKeys: ['phone'],
            hashed: false,
          },
          {
            field: 'user_id',
            label: 'External ID',
            entityKeys: ['user_id'],
            hashed: false,
          },
          {
            field: 'device_id',
            label: 'Mobile Advertising ID',
            entityKeys: ['device_id'],
            hashed: false,
          },
        ],
        additionalFields: 'any',
        canCreateObjects: true,
        canReadMembers: true,
        batchSize: 1000,
      });
    });

    it('adds, removes, re-adds and ignores removals of non-members, as rows', async () => {
      const c = client();
      await expect(
        c.applyBatch(batch('add', rows(['a@x.io', 'b@x.io', 'c@x.io']))),
      ).resolves.toEqual({ rejected: [] });
      await expect(
        c.applyBatch(batch('add', rows(['a@x.io', 'b@x.io']))),
      ).resolves.toEqual({ rejected: [] });
      await expect(
        c.applyBatch(batch('remove', rows(['b@x.io', 'nobody@x.io']))),
      ).resolves.toEqual({ rejected: [] });
      await c.applyBatch(
        batch('add', rows(['a@x.io']), target([], { id: 'other', name: 'O' })),
      );
      expect(await members()).toEqual(['a@x.io', 'c@x.io']);
      expect(await members('other')).toEqual(['a@x.io']);
      await c.applyBatch(batch('add', rows(['b@x.io'])));
      expect(await members()).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    });

    it('creates the table with the declared columns, writes mapped fields and the sync time, and updates them', async () => {
      const c = client({ columns: { ltv: 'decimal', plan: 'string' } });
      const t = target([
        ['lifetime_value', 'ltv'],
        ['plan_type', 'plan'],
      ]);
      const before = Date.now();
      await c.applyBatch(
        batch('add', rows(['a@x.io', 'b@x.io'], { ltv: 12.5, plan: 'pro' }), t),
      );
      await c.applyBatch(
        batch('update', rows(['a@x.io'], { ltv: 99, plan: null }), t),
      );
      const written = await read(VIP.id, ['ltv', 'plan', 'synced_at']);
      expect(written.map(r => [r.identifier, Number(r.ltv), r.plan])).toEqual([
        ['a@x.io', 99, null],
        ['b@x.io', 12.5, 'pro'],
      ]);
      expect(new Date(written[0].synced_at).getTime()).toBeGreaterThanOrEqual(
        before - 1000,
      );
    });

    it('fails a batch naming a mapped column the table lacks, and sees it once added', async () => {
      const c = client();
      const t = target([['lifetime_value', 'Customer Value']]);
      const error = await failure(
        c.applyBatch(
          batch('add', rows(['a@x.io'], { 'Customer Value': 5 }), t),
        ),
      );
      expect(error).toMatchObject({ code: 'missing_column', retryable: false });
      expect(error.message).toContain(
        `table ${name} has no column 'Customer Value'`,
      );
      expect(await members()).toEqual([]);

      await knex.schema.alterTable(name, tb => tb.integer('Customer Value'));
      await c.applyBatch(
        batch('add', rows(['a@x.io'], { 'Customer Value': 5 }), t),
      );
      expect(
        (await read(VIP.id, ['Customer Value']))[0]['Customer Value'],
      ).toBe(5);
    });

    it('writes a full batch in statements under the binding limits, in one transaction', async () => {
      const c = client({
        batchSize: 10_000,
        columns: { a: 'integer', b: 'integer' },
      });
      const keys = Array.from({ length: 10_000 }, (_, i) => `m${i}@x.io`);
      const t = target([
        ['a', 'a'],
        ['b', 'b'],
      ]);
      await expect(
        c.applyBatch(batch('add', rows(keys, { a: 1, b: 2 }), t)),
      ).resolves.toEqual({ rejected: [] });
      expect(await knex(name).count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 10_000 : '10000' },
      ]);
      await c.applyBatch(batch('remove', rows(keys.slice(0, 9_990))));
      expect(await members()).toHaveLength(10);
    });

    it('rejects only the rows whose values the table refuses', async () => {
      await knex.schema.createTable(name, tb => {
        tb.string('identifier').notNullable();
        tb.string('object_id').notNullable();
        tb.string('plan').notNullable();
        tb.primary(['identifier', 'object_id']);
      });
      const c = client({ createTable: false });
      const t = target([['plan_type', 'plan']]);
      const result = await c.applyBatch(
        batch(
          'add',
          [
            ...rows(['a@x.io'], { plan: 'pro' }),
            ...rows(['b@x.io'], { plan: null }),
            ...rows(['c@x.io'], { plan: 'free' }),
          ],
          t,
        ),
      );
      expect(result.rejected).toEqual([
        {
          memberKey: 'b@x.io',
          code: 'value_refused',
          message: expect.stringMatching(/^The database refused the row: /),
          retryable: false,
        },
      ]);
      // The database's reason, without the SQL and the values Knex would quote in front of it.
      expect(result.rejected[0].message).not.toMatch(/insert into|a@x\.io/i);
      expect(await members()).toEqual(['a@x.io', 'c@x.io']);
    });

    it('names the table when it is missing and may not be created, or has no key to upsert on', async () => {
      const missing = client({ createTable: false });
      for (const attempt of [
        () => missing.listObjects(),
        () => missing.applyBatch(batch('add', rows(['a@x.io']))),
      ]) {
        const error = await failure(attempt());
        expect(error).toMatchObject({
          code: 'table_not_found',
          retryable: false,
        });
        expect(error.message).toContain(name);
        expect(error.message).toContain('createTable');
      }
      await knex.schema.createTable(name, tb => {
        tb.string('identifier');
        tb.string('object_id');
      });
      const error = await failure(
        missing.applyBatch(batch('add', rows(['a@x.io']))),
      );
      expect(error).toMatchObject({ code: 'no_unique_key', retryable: false });
      expect(error.message).toContain('(identifier, object_id)');
    });

    it('lists configured objects, created ones and those the table holds; creates ids from names', async () => {
      const c = client({ objects: [VIP] });
      await expect(c.listObjects()).resolves.toEqual([VIP]);
      await c.applyBatch(
        batch('add', rows(['a@x.io']), target([], { id: 'legacy', name: 'x' })),
      );
      const created = await c.createObject!('Win-back Q3 2026!');
      expect(created).toEqual({
        id: 'win-back-q3-2026',
        name: 'Win-back Q3 2026!',
      });
      await expect(c.listObjects()).resolves.toEqual([
        VIP,
        created,
        { id: 'legacy', name: 'legacy' },
      ]);
      await expect(c.createObject!('VIP')).rejects.toThrow(InputError);
      await expect(c.createObject!('Legacy')).rejects.toThrow(
        /select it instead/,
      );
      await expect(c.createObject!('!!!')).rejects.toThrow(
        /no letters or digits/,
      );
    });

    it('prepares trimmed raw identifiers and keeps fields off the key columns', () => {
      const c = client();
      const member = {
        memberKey: 'u1',
        keys: { email: ' Ada@Example.com ', user_id: 'u1' },
        fields: { lifetime_value: 3 },
      };
      expect(c.prepare(member, target([['lifetime_value', 'ltv']]))).toEqual({
        ok: true,
        row: {
          memberKey: 'u1',
          identifier: 'Ada@Example.com',
          fields: { ltv: 3 },
        },
      });
      expect(
        c.prepare(member, target([['lifetime_value', 'object_id']])),
      ).toMatchObject({ ok: false, code: 'invalid_field_mapping' });
      expect(c.prepare({ ...member, keys: {} }, target())).toMatchObject({
        ok: false,
        code: 'missing_identifier',
      });
    });

    if (databaseId === 'POSTGRES_15') {
      it('connects from settings, and fails for good on credentials the server refuses, without showing them', async () => {
        const connection = knex.client.config.connection as JsonObject;
        const connect = (settings: JsonObject) =>
          warehouseTableConnector.connect(
            {
              id: 'warehouse',
              type: 'warehouse-table',
              name: 'Warehouse',
              owner: 'group:default/data',
              settings: new ConfigReader({
                client: 'pg',
                connection,
                table: name,
                createTable: true,
                ...settings,
              }),
            },
            { logger: mockServices.logger.mock() },
          ) as Promise<WarehouseTableClient>;

        const good = await connect({});
        try {
          await good.applyBatch(batch('add', rows(['a@x.io'])));
          expect(await members()).toEqual(['a@x.io']);
        } finally {
          await good.destroy();
        }

        const wrong = await connect({
          connection: {
            ...connection,
            user: 'audience_syncs_nobody',
            password: 'hunter2-secret',
          },
        });
        try {
          for (const attempt of [
            () => wrong.listObjects(),
            () => wrong.applyBatch(batch('add', rows(['b@x.io']))),
          ]) {
            const error = await failure(attempt());
            expect(error).toMatchObject({
              code: 'unauthorized',
              retryable: false,
              throttled: false,
            });
            expect(error.message).toContain('connection');
            expect(error.message).not.toContain('hunter2-secret');
          }
        } finally {
          await wrong.destroy();
        }
        expect(await members()).toEqual(['a@x.io']);
      });
    }
  },
);

describe('WarehouseTableConnector settings', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-table-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function connect(settings: JsonObject) {
    return warehouseTableConnector.connect(
      {
        id: 'warehouse',
        type: 'warehouse-table',
        name: 'Warehouse',
        owner: 'group:default/data',
        settings: new ConfigReader({
          client: 'better-sqlite3',
          connection: {
            filename: path.join(dir, 'nested', 'activation.sqlite'),
          },
          table: 'audience_members',
          ...settings,
        }),
      },
      { logger: mockServices.logger.mock() },
    ) as Promise<WarehouseTableClient>;
  }

  it('is the warehouse-table type', () => {
    const connector = warehouseTableConnector;
    expect(connector.type).toBe('warehouse-table');
    expect(connector.label).toBe('Warehouse Table');
  });

  it.each([
    [{ client: undefined }, /client/],
    [{ connection: 42 }, /^connection: /],
    [{ table: undefined }, /table/],
    [{ table: 'members; drop table x' }, /^table: /],
    [{ keyColumn: '1abc' }, /^keyColumn: /],
    [{ keyColumn: 'object_id' }, /^objectColumn: /],
    [{ columns: { ltv: 'money' } }, /^columns\.ltv: /],
    [{ columns: { identifier: 'text' } }, /^columns\.identifier: /],
    [{ objects: [{ id: '' }] }, /^objects\[0\]\.id: /],
    [{ batchSize: 10_001 }, /^batchSize: /],
    [{ timeoutMs: 0 }, /^timeoutMs: /],
  ])('refuses %p, naming the setting', async (change, message) => {
    await expect(connect(change as JsonObject)).rejects.toThrow(message);
  });

  it('opens a SQLite file from settings, making its folder when it creates the table', async () => {
    const client = await connect({ createTable: true });
    try {
      await client.applyBatch(batch('add', rows(['a@x.io'])));
      await expect(client.listObjects()).resolves.toEqual([
        { id: 'vip', name: 'vip' },
      ]);
    } finally {
      await client.destroy();
    }
  });

  it('fails for good, naming connection, when the SQLite file cannot be opened', async () => {
    const client = await connect({
      connection: { filename: path.join(dir, 'missing', 'no.sqlite') },
    });
    try {
      const error = await failure(client.listObjects());
      expect(error).toMatchObject({
        code: 'database_not_found',
        retryable: false,
      });
      expect(error.message).toContain('connection');
    } finally {
      await client.destroy();
    }
  });
});
