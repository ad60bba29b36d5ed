import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  RunningEmulator,
  startWebhookSinkEmulator,
} from '@internal/destination-emulators';
import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPoint,
  Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { AUDIENCE_SYNCS_SIGNAL_CHANNEL } from '@signalsmith/backstage-plugin-audience-syncs-common';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { audienceSyncsPlugin } from './plugin';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
const SECRET = 'live-test-secret-0123456789abcdef0';

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

/**
 * The real plugin, with its real engine and scheduler, syncing a warehouse audience to the webhook
 * emulator: what it signals to open pages, and the metrics Backstage's metrics service (whose meters
 * come from the process's OpenTelemetry provider) reads back through an in-memory exporter.
 */
describe('audienceSyncsPlugin live updates and metrics', () => {
  let dir: string;
  let sink: RunningEmulator;
  const exporter = new InMemoryMetricExporter(
    AggregationTemporality.CUMULATIVE,
  );
  const reader = new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: 3_600_000,
  });

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-syncs-live-'));
    const warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'warehouse.sqlite') },
      useNullAsDefault: true,
    });
    await warehouse.schema.createTable('people', t => {
      t.string('id');
      t.string('email');
    });
    await warehouse('people').insert(
      Array.from({ length: 30 }, (_, i) => ({
        id: `p${i + 1}`,
        email: i === 0 ? 'not-an-email' : `person${i + 1}@example.com`,
      })),
    );
    await warehouse.destroy();
    sink = await startWebhookSinkEmulator({ signingSecret: SECRET });
  });

  afterAll(async () => {
    await sink.close();
    await reader.shutdown();
    metrics.disable();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Each metric's data points, as an exporter would send them now. */
  async function readMetrics(): Promise<Map<string, DataPoint<unknown>[]>> {
    exporter.reset();
    await reader.forceFlush();
    const read = new Map<string, DataPoint<unknown>[]>();
    for (const resource of exporter.getMetrics()) {
      for (const scope of resource.scopeMetrics) {
        if (scope.scope.name !== 'backstage-plugin-audience-syncs') continue;
        for (const metric of scope.metrics) {
          read.set(metric.descriptor.name, metric.dataPoints);
        }
      }
    }
    return read;
  }

  it('signals each change of a sync and its run, and records the run in metrics', async () => {
    const published: SignalPayload[] = [];
    const backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            async publish(signal: SignalPayload) {
              published.push(signal);
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            audienceSyncs: {
              warehouse: {
                client: 'better-sqlite3',
                connection: { filename: path.join(dir, 'warehouse.sqlite') },
              },
              audiences: [
                {
                  id: 'people',
                  name: 'People',
                  entityType: 'users',
                  owner: 'group:default/marketing',
                  entityKeys: ['user_id', 'email'],
                  memberKey: 'user_id',
                  evaluationSchedule: { type: 'daily' },
                  sql: 'SELECT id AS user_id, email FROM people',
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
                    signingSecret: SECRET,
                    batchSize: 4,
                    objects: [{ id: 'newsletter', name: 'Newsletter' }],
                  },
                },
              ],
            },
          },
        }),
      ],
    });
    const server = backend.server;
    await until(
      async () => (await request(server).get(`${api}/audiences/people`)).body,
      body => typeof body.memberCount === 'number',
    );

    const created = await request(server)
      .post(`${api}/syncs`)
      .send({
        audienceId: 'people',
        destinationId: 'hook',
        object: { id: 'newsletter' },
        identifier: { entityKey: 'email', field: 'email' },
        schedule: { type: 'daily' },
        runNow: true,
      });
    expect(created.status).toBe(201);
    const syncId: string = created.body.sync.id;
    const runId: number = created.body.run.id;
    const run = await until(
      async () =>
        (
          await request(server).get(`${api}/syncs/${syncId}/runs/${runId}`)
        ).body,
      body => !['queued', 'running'].includes(body.status),
    );
    // The sink refuses the member without an email address.
    expect(run).toMatchObject({
      status: 'partial',
      sent: 30,
      succeeded: 29,
      failed: 1,
    });

    const changes = () =>
      published
        .filter(s => s.message.syncId === syncId)
        .map(s => s.message.change);
    await until(
      async () => changes(),
      seen => seen.includes('run-finished'),
    );
    // Every signal goes to every signed-in user on the plugin's channel, and names only what changed.
    for (const signal of published) {
      expect(signal.recipients).toEqual({ type: 'broadcast' });
      expect(signal.channel).toBe(AUDIENCE_SYNCS_SIGNAL_CHANNEL);
      expect(Object.keys(signal.message).sort()).toEqual(
        signal.message.runId === undefined
          ? ['change', 'syncId']
          : ['change', 'runId', 'syncId'],
      );
    }
    expect(JSON.stringify(published)).not.toContain(SECRET);
    const ofRun = published
      .filter(s => s.message.runId === runId)
      .map(s => s.message.change);
    expect(ofRun[0]).toBe('run-queued');
    expect(ofRun[1]).toBe('run-started');
    expect(ofRun).toContain('run-progress');
    expect(ofRun[ofRun.length - 1]).toBe('run-finished');
    expect(changes()[0]).toBe('created');

    const read = await readMetrics();
    const points = (name: string) => read.get(name) ?? [];
    expect(points('audience_syncs.runs')).toEqual([
      expect.objectContaining({
        attributes: { status: 'partial', destination_type: 'webhook' },
        value: 1,
      }),
    ]);
    const duration = points('audience_syncs.run.duration')[0]
      .value as Histogram;
    expect(duration.count).toBe(1);
    expect(duration.sum).toBeGreaterThan(0);
    const rows = (name: string) =>
      points(`audience_syncs.rows.${name}`).map(p => [p.attributes, p.value]);
    expect(rows('sent')).toEqual([[{ destination_type: 'webhook' }, 30]]);
    expect(rows('succeeded')).toEqual([[{ destination_type: 'webhook' }, 29]]);
    expect(rows('failed')).toEqual([[{ destination_type: 'webhook' }, 1]]);
    expect(rows('invalid')).toEqual([]);
    // Every batch went out and came back.
    expect(rows('in_flight')).toEqual([[{ destination_type: 'webhook' }, 0]]);
    const waits = points('audience_syncs.throttle.wait')[0].value as Histogram;
    expect(waits.count).toBe(Math.ceil(30 / 4));
    const [freshness] = points('audience_syncs.sync.freshness');
    expect(freshness.attributes).toEqual({
      sync_id: syncId,
      destination_type: 'webhook',
    });
    expect(freshness.value).toBeGreaterThanOrEqual(0);
    expect(freshness.value).toBeLessThan(60);

    // The service's changes are signalled too, each once it is saved.
    const signalled = async (change: string) => {
      await until(
        async () => changes(),
        seen => seen[seen.length - 1] === change,
      );
    };
    await request(server)
      .patch(`${api}/syncs/${syncId}`)
      .send({ name: 'Renamed' })
      .expect(200);
    await signalled('updated');
    const before = changes().length;
    await request(server).post(`${api}/syncs/${syncId}/pause`).expect(200);
    await request(server).post(`${api}/syncs/${syncId}/resume`).expect(200);
    await until(
      async () => changes().slice(before),
      seen => seen.length === 2,
    );
    expect(changes().slice(before)).toEqual(['updated', 'updated']);
    const second = await request(server)
      .post(`${api}/syncs/${syncId}/run`)
      .expect(202);
    expect(
      published.some(
        s =>
          s.message.runId === second.body.id &&
          s.message.change === 'run-queued',
      ),
    ).toBe(true);
    await until(
      async () =>
        (
          await request(server).get(
            `${api}/syncs/${syncId}/runs/${second.body.id}`,
          )
        ).body,
      body => !['queued', 'running'].includes(body.status),
    );
    await request(server).delete(`${api}/syncs/${syncId}`).expect(204);
    await signalled('deleted');
    await backend.stop();
  });
});
