import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  ServiceFactoryTester,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CreateSyncRequest } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceSyncsService,
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsServiceRef,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { InMemoryAudienceSource } from '../__testUtils__/InMemoryAudienceSource';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';
import { audienceSyncsPlugin } from '../plugin';

jest.setTimeout(60_000);

const validSync: CreateSyncRequest = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

/** The client another plugin (here: the scaffolder) gets from the service ref's default factory. */
async function clientOf(server: { port(): number }) {
  const port = server.port();
  const discovery = HostDiscovery.fromConfig(
    new ConfigReader({
      backend: { baseUrl: `http://localhost:${port}`, listen: { port } },
    }),
  );
  const tester = ServiceFactoryTester.from(
    createServiceFactory({
      service: coreServices.discovery,
      deps: {},
      factory: () => discovery,
    }),
  );
  return tester.getService(audienceSyncsServiceRef, 'scaffolder');
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('Expected a rejection');
    },
    error => error,
  );
}

describe('AudienceSyncsService (default client)', () => {
  const alice = mockCredentials.user('user:default/alice');
  let backend: Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;
  let client: AudienceSyncsService;

  const count = async (table: string) =>
    Number((await backend.knex(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend();
    client = await clientOf(backend.server);
  });

  afterAll(async () => {
    await backend.stop();
  });

  beforeEach(async () => {
    backend.permission.decision = AuthorizeResult.ALLOW;
    backend.auditEvents.length = 0;
    await backend.knex('sync_runs').delete();
    await backend.knex('syncs').delete();
  });

  it('lists the audiences with their member counts', async () => {
    const audiences = await client.listAudiences({ credentials: alice });

    expect(audiences.map(a => [a.id, a.memberCount])).toEqual([
      ['app-users', 1],
      ['broken-audience', null],
      ['empty-audience', 0],
      ['loyal-customers', 3],
    ]);
  });

  it('lists the destinations with their capabilities', async () => {
    const destinations = await client.listDestinations({ credentials: alice });

    expect(destinations.map(d => d.id)).toEqual([
      'ads',
      'crm',
      'analytics',
      'hook',
    ]);
    expect(destinations[0].capabilities).toMatchObject({
      objectLabel: 'Custom Audience',
      canCreateObjects: true,
    });
  });

  it('creates a sync in the name of the caller, audited, and queues its first run when asked', async () => {
    const { sync, warnings, run } = await client.createSync(
      { ...validSync, runNow: true },
      { credentials: alice },
    );

    expect(sync).toMatchObject({
      name: 'Loyal Customers → Ads Account / Website Visitors',
      owner: 'user:default/alice',
      createdBy: 'user:default/alice',
    });
    expect(warnings).toEqual([]);
    expect(run).toMatchObject({ syncId: sync.id, trigger: 'initial' });
    expect(backend.auditEvents).toEqual([
      { eventId: 'sync-create', outcome: 'success' },
    ]);
  });

  it('validates a dry run and saves nothing', async () => {
    const preview = await client.dryRunCreateSync(
      { ...validSync, object: { create: { name: 'Preview' } } },
      { credentials: alice },
    );

    expect(preview).toMatchObject({
      dryRun: true,
      sync: { name: 'Loyal Customers → Ads Account / Preview' },
      warnings: [],
    });
    expect(await count('syncs')).toBe(0);
    expect(backend.ads.objects.get('ads')!.map(o => o.name)).not.toContain(
      'Preview',
    );
  });

  it.each([
    [
      'creating',
      (request: CreateSyncRequest) =>
        client.createSync(request, { credentials: alice }),
    ],
    [
      'a dry run',
      (request: CreateSyncRequest) =>
        client.dryRunCreateSync(request, { credentials: alice }),
    ],
  ])(
    'rejects %s that fails validation with the InputError of the server',
    async (_case, send) => {
      const error = await rejectionOf(
        send({ ...validSync, object: { id: 'aud-404' } }),
      );

      expect(error.name).toBe('InputError');
      expect(error.message).toBe(
        "object.id: destination 'Ads Account' has no Custom Audience 'aud-404'",
      );
      expect(await count('syncs')).toBe(0);
    },
  );

  it('rejects a caller without permission with NotAllowedError', async () => {
    backend.permission.decision = AuthorizeResult.DENY;

    const error = await rejectionOf(
      client.createSync(validSync, { credentials: alice }),
    );

    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe('Not allowed to audience-sync.create');
    expect(await count('syncs')).toBe(0);
  });
});

describe('AudienceSyncsService (default client) with more audiences than one page holds', () => {
  it('reads every page', async () => {
    const source = new InMemoryAudienceSource();
    for (let n = 1; n <= 1201; n++) {
      source.set(
        {
          id: `audience-${n}`,
          name: `Audience ${String(n).padStart(4, '0')}`,
          entityType: 'users',
          owner: 'group:default/marketing',
          entityKeys: ['email'],
          traits: [],
          attributes: [],
          evaluationSchedule: { type: 'manual' },
        },
        [],
      );
    }
    const backend = await startTestBackend({
      features: [
        audienceSyncsPlugin,
        createBackendModule({
          pluginId: 'audience-syncs',
          moduleId: 'many-audiences',
          register(reg) {
            reg.registerInit({
              deps: { sources: audienceSyncsAudienceSourcesExtensionPoint },
              async init({ sources }) {
                sources.addAudienceSource(source);
              },
            });
          },
        }),
        // Listing needs no evaluation: nothing is scheduled.
        mockServices.scheduler.mock({ scheduleTask: async () => {} }).factory,
      ],
    });
    const client = await clientOf(backend.server);

    const audiences = await client.listAudiences({
      credentials: mockCredentials.user(),
    });

    expect(audiences).toHaveLength(1201);
    expect(new Set(audiences.map(a => a.id)).size).toBe(1201);
    await backend.stop();
  });
});
