import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { audienceSyncsDestinationsExtensionPoint } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  RunningEmulator,
  startWebhookSinkEmulator,
} from '@internal/destination-emulators';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { audienceSyncsPlugin } from './plugin';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('Timed out waiting');
}

describe('audienceSyncsPlugin', () => {
  let dir: string;
  let sink: RunningEmulator;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-syncs-plugin-'));
    const warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'warehouse.sqlite') },
      useNullAsDefault: true,
    });
    await warehouse.schema.createTable('people', t => {
      t.string('id');
      t.string('email');
      t.string('plan');
    });
    await warehouse('people').insert(
      Array.from({ length: 120 }, (_, i) => ({
        id: `p${i + 1}`,
        email: `person${i + 1}@example.com`,
        plan: i % 3 === 0 ? 'pro' : 'free',
      })),
    );
    await warehouse.destroy();
    sink = await startWebhookSinkEmulator({
      signingSecret: 'plugin-test-secret-0123456789abcdef',
    });
  });

  afterAll(async () => {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers its health route without credentials', async () => {
    const backend = await startTestBackend({
      features: [audienceSyncsPlugin],
    });
    const response = await request(backend.server).get(`${api}/health`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    await backend.stop();
  });

  it('evaluates configured audiences at start and syncs one to a webhook when asked to run now', async () => {
    const backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        mockServices.rootConfig.factory({
          data: {
            audienceSyncs: {
              warehouse: {
                client: 'better-sqlite3',
                connection: { filename: path.join(dir, 'warehouse.sqlite') },
              },
              audiences: [
                {
                  id: 'pro-people',
                  name: 'Pro People',
                  entityType: 'users',
                  owner: 'group:default/marketing',
                  entityKeys: ['user_id', 'email'],
                  memberKey: 'user_id',
                  attributes: ['plan'],
                  evaluationSchedule: { type: 'daily' },
                  sql: "SELECT id AS user_id, email, plan FROM people WHERE plan = 'pro'",
                },
              ],
              destinations: [
                {
                  id: 'hook',
                  type: 'webhook',
                  name: 'Hook',
                  owner: 'group:default/marketing',
                  settings: {
                    url: `${sink.url}/webhook`,
                    signingSecret: 'plugin-test-secret-0123456789abcdef',
                    batchSize: 7,
                    objects: [{ id: 'newsletter', name: 'Newsletter' }],
                  },
                },
              ],
            },
          },
        }),
      ],
    });

    const audience = await until(
      async () =>
        (
          await request(backend.server).get(`${api}/audiences/pro-people`)
        ).body,
      body => body.memberCount !== null && body.memberCount !== undefined,
    );
    expect(audience).toMatchObject({ memberCount: 40, entityType: 'users' });

    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .send({
        audienceId: 'pro-people',
        destinationId: 'hook',
        object: { id: 'newsletter' },
        identifier: { entityKey: 'email', field: 'email' },
        fieldMappings: [
          {
            source: { kind: 'attribute', name: 'plan' },
            destinationField: 'Plan',
          },
        ],
        schedule: { type: 'daily' },
        runNow: true,
      });
    expect(created.status).toBe(201);
    const syncId = created.body.sync.id;

    const run = await until(
      async () =>
        (
          await request(backend.server).get(
            `${api}/syncs/${syncId}/runs/${created.body.run.id}`,
          )
        ).body,
      body => body.status === 'succeeded',
    );
    expect(run).toMatchObject({
      trigger: 'initial',
      sent: 40,
      succeeded: 40,
      failed: 0,
    });
    expect(sink.members('newsletter')).toHaveLength(40);
    expect(sink.members('newsletter')).toContain('person1@example.com');

    const sync = (await request(backend.server).get(`${api}/syncs/${syncId}`))
      .body;
    expect(sync).toMatchObject({
      status: 'active',
      lastSyncedAt: run.finishedAt,
    });
    await backend.stop();
  });

  it('serves the destinations a module adds after the configured ones', async () => {
    const destination = (id: string, name: string) => ({
      id,
      type: 'webhook',
      name,
      owner: 'group:default/marketing',
      settings: {
        url: `${sink.url}/webhook/${id}`,
        signingSecret: 'x'.repeat(32),
      },
    });
    const backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        createBackendModule({
          pluginId: 'audience-syncs',
          moduleId: 'test-destinations',
          register(reg) {
            reg.registerInit({
              deps: { destinations: audienceSyncsDestinationsExtensionPoint },
              async init({ destinations }) {
                destinations.addDestination(destination('added', 'Added'));
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            audienceSyncs: {
              destinations: [destination('configured', 'Configured')],
            },
          },
        }),
      ],
    });

    const { body } = await request(backend.server).get(`${api}/destinations`);
    expect(
      body.items.map((d: { id: string; name: string }) => [d.id, d.name]),
    ).toEqual([
      ['configured', 'Configured'],
      ['added', 'Added'],
    ]);
    await backend.stop();
  });
});
