import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DemoEmulatorName,
  startDemoEmulators,
  StartedDemoEmulator,
} from '@internal/destination-emulators';
// The module is tested inside the real backend plugin, which it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import audienceSyncsPlugin from '@signalsmith/backstage-plugin-audience-syncs-backend';
import { SqlAudienceSource } from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
/*
 * The plugin's built-in connectors and registry, by relative deep path: this test computes what each
 * destination should hold exactly as the plugin prepares it, and that must not widen the plugin's API.
 */
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { builtInConnectors } from '../../audience-syncs-backend/src/destinations/builtInConnectors';
import { DestinationRegistry } from '../../audience-syncs-backend/src/destinations/DestinationRegistry';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { DEMO_AUDIENCES } from './demoAudiences';
import { demoDestinations } from './demoDestinations';
import { generateDemoWarehouse } from './generateDemoWarehouse';
import { audienceSyncsModuleDemo } from './module';
import { readDemoConfig } from './readDemoConfig';

jest.setTimeout(120_000);

const api = '/api/audience-syncs';
const AUDIENCE = 'high-value-customers';

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('Timed out waiting');
}

describe('the demo', () => {
  let dir: string;
  let emulators: Record<DemoEmulatorName, StartedDemoEmulator>;
  let config: any;
  let destinations: any[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-syncs-demo-'));
    const warehouse = {
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'warehouse.sqlite') },
    };
    const knex = knexFactory({ ...warehouse, useNullAsDefault: true });
    await generateDemoWarehouse(knex, { customers: 3000 });
    await knex.destroy();
    emulators = await startDemoEmulators({
      ports: 'free',
      applyDelayMs: null,
      warehouseFile: path.join(dir, 'warehouse.sqlite'),
    });
    config = {
      audienceSyncs: {
        demo: {
          warehouse,
          activationDatabase: {
            client: 'better-sqlite3',
            connection: { filename: path.join(dir, 'activation.sqlite') },
          },
          // The emulators listen on free ports instead of their fixed ones.
          emulators: Object.fromEntries(
            Object.entries(emulators).map(([name, started]) => [
              name,
              started.emulator.url,
            ]),
          ),
        },
      },
    };
    destinations = demoDestinations(readDemoConfig(new ConfigReader(config))!);
  });

  /** What the destination holds now: through its emulator, or in the table the warehouse connector writes. */
  async function readBack(
    destination: { id: string; type: string },
    objectId: string,
  ): Promise<string[]> {
    const settings = destinations.find(d => d.id === destination.id).settings;
    if (destination.type === 'warehouse-table') {
      const table = knexFactory({
        client: settings.client,
        connection: settings.connection,
        useNullAsDefault: true,
      });
      const rows = await table(settings.table)
        .where({ object_id: objectId })
        .orderBy('identifier')
        .pluck('identifier');
      await table.destroy();
      return rows;
    }
    const { emulator } = Object.values(emulators).find(e =>
      JSON.stringify(settings).includes(e.emulator.url),
    )!;
    emulator.flush();
    return emulator.members(objectId);
  }

  afterAll(async () => {
    await Promise.all(
      Object.values(emulators ?? {}).map(s => s.emulator.close()),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a demo destination of every built-in type', () => {
    expect([...new Set(destinations.map(d => d.type))].sort()).toEqual(
      builtInConnectors()
        .map(c => c.type)
        .sort(),
    );
  });

  it('syncs a demo audience to every demo destination, which then holds exactly its members', async () => {
    const backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        audienceSyncsModuleDemo,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    const server = backend.server;
    const audience = await until(
      async () =>
        (
          await request(server).get(`${api}/audiences/${AUDIENCE}`)
        ).body,
      body => typeof body.memberCount === 'number',
    );
    expect(audience.memberCount).toBeGreaterThan(100);

    // What each destination should end up with: the audience's members as its connector prepares them.
    const registry = await DestinationRegistry.fromConfig(
      new ConfigReader({}),
      {
        connectors: builtInConnectors(),
        destinations,
        logger: mockServices.logger.mock(),
      },
    );
    const warehouse = knexFactory({
      ...config.audienceSyncs.demo.warehouse,
      useNullAsDefault: true,
    });
    const source = SqlAudienceSource.create({
      id: 'demo',
      warehouse,
      audiences: DEMO_AUDIENCES,
    });
    const members = [];
    for await (const member of source.evaluate(AUDIENCE)) members.push(member);
    await warehouse.destroy();

    const [eventsOnly, listDestinations] = partition(
      destinations,
      d => d.settings.acceptsAudiences === false,
    );
    expect(eventsOnly.map(d => d.id)).toEqual(['product-analytics']);
    const refused = await request(server)
      .post(`${api}/syncs`)
      .send({
        audienceId: AUDIENCE,
        destinationId: 'product-analytics',
        object: { id: 'default' },
        identifier: { entityKey: 'email', field: 'email' },
        schedule: { type: 'manual' },
      });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^destinationId: .* does not support audience syncs/,
    );

    for (const destination of listDestinations) {
      const { body: d } = await request(server).get(
        `${api}/destinations/${destination.id}`,
      );
      const field = d.capabilities.identifierFields.find((f: any) =>
        f.entityKeys.includes('email'),
      );
      const { body: objects } = await request(server).get(
        `${api}/destinations/${destination.id}/objects`,
      );
      const object =
        objects.items.length > 0
          ? { id: objects.items[0].id }
          : { create: { name: 'Demo' } };
      const created = await request(server)
        .post(`${api}/syncs`)
        .send({
          audienceId: AUDIENCE,
          destinationId: destination.id,
          object,
          identifier: { entityKey: 'email', field: field.field },
          schedule: { type: 'manual' },
          runNow: true,
        });
      expect({ destination: destination.id, status: created.status }).toEqual({
        destination: destination.id,
        status: 201,
      });
      const { sync, run } = created.body;
      const finished = await until(
        async () =>
          (
            await request(server).get(`${api}/syncs/${sync.id}/runs/${run.id}`)
          ).body,
        body => !['queued', 'running'].includes(body.status),
      );
      expect({
        destination: destination.id,
        status: finished.status,
        failed: finished.failed,
      }).toEqual({
        destination: destination.id,
        status: 'succeeded',
        failed: 0,
      });

      const { client } = registry.require(destination.id);
      const target = {
        object: sync.object,
        identifier: sync.identifier,
        fieldMappings: [],
      };
      const expected = [
        ...new Set(
          members.flatMap(m => {
            const prepared = client.prepare(m, target);
            return prepared.ok ? [prepared.row.identifier] : [];
          }),
        ),
      ].sort();
      expect(finished.succeeded + finished.invalid).toBe(members.length);

      expect({
        destination: destination.id,
        members: await readBack(destination, sync.object.id),
      }).toEqual({
        destination: destination.id,
        members: expected,
      });
    }
    await backend.stop();
  });
});

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter(item => !test(item))];
}
