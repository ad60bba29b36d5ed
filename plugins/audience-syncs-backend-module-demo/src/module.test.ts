import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// The module is tested inside the real backend plugin, which it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import audienceSyncsPlugin from '@signalsmith/backstage-plugin-audience-syncs-backend';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_AUDIENCES } from './demoAudiences';
import { generateDemoWarehouse } from './generateDemoWarehouse';
import { audienceSyncsModuleDemo } from './module';

jest.setTimeout(120_000);

const api = '/api/audience-syncs';

const sqlite = (filename: string) => ({
  client: 'better-sqlite3',
  connection: { filename },
});

describe('audienceSyncsModuleDemo', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-syncs-demo-module-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const startBackend = (audienceSyncs: object) =>
    startTestBackend({
      features: [
        audienceSyncsPlugin,
        audienceSyncsModuleDemo,
        mockServices.rootConfig.factory({ data: { audienceSyncs } }),
      ],
    });

  it('generates the demo warehouse in a fresh folder, then serves the demo audiences and destinations', async () => {
    const warehouseFile = path.join(dir, 'fresh', 'warehouse.sqlite');
    const backend = await startBackend({
      demo: {
        warehouse: sqlite(warehouseFile),
        activationDatabase: sqlite(path.join(dir, 'activation.sqlite')),
      },
    });

    const audiences = await request(backend.server).get(
      `${api}/audiences?limit=100`,
    );
    expect(
      audiences.body.items
        .map((a: any) => [a.id, a.owner, a.evaluationSchedule])
        .sort(),
    ).toEqual(
      DEMO_AUDIENCES.map(a => [a.id, a.owner, a.evaluationSchedule]).sort(),
    );
    const destinations = await request(backend.server).get(
      `${api}/destinations`,
    );
    expect(destinations.body.items.map((d: any) => d.id)).toEqual([
      'marketing-webhook',
      'product-analytics',
      'facebook-ads',
      'google-ads',
      'salesforce',
      'hubspot',
      'braze',
      'mailchimp',
      'warehouse-table',
    ]);
    await backend.stop();

    const warehouse = knexFactory({
      ...sqlite(warehouseFile),
      useNullAsDefault: true,
    });
    const [{ count }] = await warehouse('customers').count({ count: '*' });
    await warehouse.destroy();
    expect(Number(count)).toBe(60_000);
  });

  it('adds nothing when audienceSyncs.demo.enabled is false', async () => {
    const backend = await startBackend({ demo: { enabled: false } });

    const audiences = await request(backend.server).get(`${api}/audiences`);
    const destinations = await request(backend.server).get(
      `${api}/destinations`,
    );
    expect(audiences.body.items).toEqual([]);
    expect(destinations.body.items).toEqual([]);
    await backend.stop();
  });

  it('stops the backend when a configured destination takes the id of a demo one', async () => {
    const warehouseFile = path.join(dir, 'small-warehouse.sqlite');
    const warehouse = knexFactory({
      ...sqlite(warehouseFile),
      useNullAsDefault: true,
    });
    await generateDemoWarehouse(warehouse, { customers: 100 });
    await warehouse.destroy();

    await expect(
      startBackend({
        demo: {
          warehouse: sqlite(warehouseFile),
          activationDatabase: sqlite(path.join(dir, 'activation.sqlite')),
        },
        destinations: [
          {
            id: 'facebook-ads',
            type: 'webhook',
            name: 'Our own Facebook relay',
            owner: 'group:default/growth',
            settings: {
              url: 'https://relay.example.com/facebook',
              signingSecret: 'relay-secret-0123456789abcdef01234',
            },
          },
        ],
      }),
    ).rejects.toThrow(
      "addDestination('facebook-ads').id: 'facebook-ads' is used twice",
    );
  });
});
