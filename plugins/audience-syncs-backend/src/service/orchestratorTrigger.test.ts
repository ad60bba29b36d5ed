import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  BackstageServicePrincipal,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  audienceSyncCreatePermission,
  audienceSyncReadPermission,
  audienceSyncRunPermission,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsDestinationsExtensionPoint,
  DestinationClient,
  DestinationConnector,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import request from 'supertest';
import {
  AUDIENCE,
  crmConnector,
  DESTINATION,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';
import { InMemoryAudienceSource } from '../__testUtils__/InMemoryAudienceSource';
import { audienceSyncsPlugin } from '../plugin';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
const AIRFLOW_TOKEN = 'airflow-static-token-0123456789abcdef';
const OTHER_TOKEN = 'reporting-static-token-0123456789abcdef';

/** The CRM of the engine tests, whose batches wait while `hold` is set: a run stays running meanwhile. */
function gatedConnector() {
  const inner = crmConnector();
  const gate = {
    hold: undefined as Promise<void> | undefined,
    release: () => {},
  };
  const connector: DestinationConnector = {
    type: inner.type,
    label: inner.label,
    async connect(destination): Promise<DestinationClient> {
      const client = await inner.connect(destination);
      return {
        ...client,
        applyBatch: async batch => {
          await gate.hold;
          return client.applyBatch(batch);
        },
      };
    },
  };
  const holdBatches = () => {
    gate.hold = new Promise(resolve => {
      gate.release = () => {
        gate.hold = undefined;
        resolve();
      };
    });
  };
  return {
    connector,
    inner,
    holdBatches,
    releaseBatches: () => gate.release(),
  };
}

/**
 * An orchestrator (Airflow, a CI job) triggers a run and waits for how it ended, authenticated by a static
 * external-access token: the plugin sees a service principal and asks the permission framework as for anyone.
 */
describe('triggering a run and waiting for it with a static token', () => {
  const crm = gatedConnector();
  const decisions: Array<{ subject: string; permission: string }> = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let syncId: string;

  beforeAll(async () => {
    const source = new InMemoryAudienceSource().set(
      {
        id: AUDIENCE,
        name: 'Buyers',
        entityType: 'users',
        owner: 'group:default/crm',
        entityKeys: ['email', 'user_id'],
        traits: [],
        attributes: ['plan'],
        evaluationSchedule: { type: 'daily' },
      },
      [1, 2, 3].map(n => member(n)),
    );
    const fixtures = createBackendModule({
      pluginId: 'audience-syncs',
      moduleId: 'orchestrator-fixtures',
      register(reg) {
        reg.registerInit({
          deps: {
            destinations: audienceSyncsDestinationsExtensionPoint,
            sources: audienceSyncsAudienceSourcesExtensionPoint,
          },
          async init({ destinations, sources }) {
            destinations.addDestinationConnector(crm.connector);
            sources.addAudienceSource(source);
          },
        });
      },
    });
    backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        fixtures,
        // The real token handling, as in production, instead of the test backend's mock tokens.
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: AIRFLOW_TOKEN, subject: 'airflow' },
                  },
                  {
                    type: 'static',
                    options: { token: OTHER_TOKEN, subject: 'reporting' },
                  },
                ],
              },
            },
            audienceSyncs: {
              engine: { tickSeconds: 1 },
              destinations: [
                {
                  id: DESTINATION,
                  type: crm.connector.type,
                  name: 'CRM',
                  owner: 'group:default/crm',
                },
              ],
            },
          },
        }),
        // A policy that lets the Airflow service read and run syncs, and nobody else do anything.
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) =>
            requests.map(({ permission }) => {
              const { subject } =
                credentials.principal as BackstageServicePrincipal;
              decisions.push({ subject, permission: permission.name });
              const allowed =
                subject === 'airflow' &&
                [
                  audienceSyncRunPermission.name,
                  audienceSyncReadPermission.name,
                  // Only so that the test can set up the sync it runs.
                  audienceSyncCreatePermission.name,
                ].includes(permission.name);
              return {
                result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
              };
            }),
        }).factory,
      ],
    });
    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .set('Authorization', `Bearer ${AIRFLOW_TOKEN}`)
      .send({
        audienceId: AUDIENCE,
        destinationId: DESTINATION,
        object: { id: OBJECT.id },
        identifier: { entityKey: 'email', field: 'Email' },
        schedule: { type: 'manual' },
      })
      .expect(201);
    syncId = created.body.sync.id;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const as = (token?: string) => ({
    post: (path: string) => {
      const req = request(backend.server).post(`${api}${path}`);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
    get: (path: string) => {
      const req = request(backend.server).get(`${api}${path}`);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
  });

  it('refuses a caller without a token, and a service without the run permission', async () => {
    expect((await as().post(`/syncs/${syncId}/run`)).status).toBe(401);
    expect((await as('not-a-token').post(`/syncs/${syncId}/run`)).status).toBe(
      401,
    );
    const refused = await as(OTHER_TOKEN).post(`/syncs/${syncId}/run`);
    expect(refused.status).toBe(403);
    expect(decisions).toContainEqual({
      subject: 'reporting',
      permission: audienceSyncRunPermission.name,
    });
    expect(
      (await as(OTHER_TOKEN).get(`/syncs/${syncId}/runs/1?wait=1`)).status,
    ).toBe(403);
  });

  it('triggers a run, answers a short wait while it runs, and a longer one with how it ended', async () => {
    crm.holdBatches();
    const triggered = await as(AIRFLOW_TOKEN).post(`/syncs/${syncId}/run`);
    expect(triggered.status).toBe(202);
    expect(triggered.body).toMatchObject({ status: 'queued' });
    const runId: number = triggered.body.id;
    expect(decisions).toContainEqual({
      subject: 'airflow',
      permission: audienceSyncRunPermission.name,
    });

    // The batches are held: the wait runs out and the run is still under way.
    const started = Date.now();
    const pending = await as(AIRFLOW_TOKEN).get(
      `/syncs/${syncId}/runs/${runId}?wait=1`,
    );
    expect(pending.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(['queued', 'running']).toContain(pending.body.status);

    const waited = as(AIRFLOW_TOKEN).get(
      `/syncs/${syncId}/runs/${runId}?wait=30`,
    );
    setTimeout(() => crm.releaseBatches(), 300);
    const finished = await waited;
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({
      id: runId,
      status: 'succeeded',
      trigger: 'initial',
      succeeded: 3,
    });
    expect(crm.inner.membersOf(DESTINATION, OBJECT.id)).toHaveLength(3);
    const activity = await as(AIRFLOW_TOKEN).get(`/syncs/${syncId}/activity`);
    expect(activity.body.items[0]).toMatchObject({
      action: 'run-requested',
      actor: 'service:airflow',
      runId,
    });

    // A settled run answers at once.
    const again = Date.now();
    const settled = await as(AIRFLOW_TOKEN).get(
      `/syncs/${syncId}/runs/${runId}?wait=60`,
    );
    expect(settled.body.status).toBe('succeeded');
    expect(Date.now() - again).toBeLessThan(5_000);
  });

  it.each([
    ['61', 'must be at most 60 seconds'],
    ['-1', 'must be a whole number of seconds from 0 to 60'],
    ['soon', 'must be a whole number of seconds from 0 to 60'],
    ['1.5', 'must be a whole number of seconds from 0 to 60'],
  ])(
    'refuses ?wait=%s with a 400 naming the parameter',
    async (wait, message) => {
      const response = await as(AIRFLOW_TOKEN).get(
        `/syncs/${syncId}/runs/1?wait=${wait}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('wait');
      expect(JSON.stringify(response.body)).toContain(message);
    },
  );
});
