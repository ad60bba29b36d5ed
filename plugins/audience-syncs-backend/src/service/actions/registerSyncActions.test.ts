import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(60_000);

const actionsApi = '/api/audience-syncs/.backstage/actions/v1/actions';
const alice = mockCredentials.user.header('user:default/alice');

const newSync = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

/**
 * The actions through Backstage's real actions registry, over HTTP as the portal's actions service and its
 * assistants call them: the same permissions, audit events and answers as the REST routes.
 */
describe('portal actions', () => {
  let backend: Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;

  const invoke = (name: string, input: object) =>
    request(backend.server)
      .post(`${actionsApi}/audience-syncs:${name}/invoke`)
      .set('Authorization', alice)
      .send(input);
  const createSync = async () => {
    const res = await request(backend.server)
      .post('/api/audience-syncs/syncs')
      .set('Authorization', alice)
      .send(newSync);
    expect(res.status).toBe(201);
    return res.body.sync as {
      id: string;
      name: string;
      identifier: { field: string };
    };
  };

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend({
      features: [actionsRegistryServiceFactory],
    });
  });

  afterAll(async () => {
    await backend.stop();
  });

  beforeEach(async () => {
    backend.permission.decision = AuthorizeResult.ALLOW;
    backend.permission.conditional = undefined;
    backend.auditEvents.length = 0;
    await backend.knex('sync_runs').delete();
    await backend.knex('syncs').delete();
  });

  it('are listed with their input and output schemas and whether they change anything', async () => {
    const res = await request(backend.server)
      .get(actionsApi)
      .set('Authorization', alice);

    expect(res.status).toBe(200);
    const actions = res.body.actions as Array<{
      id: string;
      attributes: { readOnly: boolean; destructive: boolean };
      schema: { input: { properties: object } };
    }>;
    expect(
      Object.fromEntries(actions.map(a => [a.id, a.attributes.readOnly])),
    ).toEqual({
      'audience-syncs:list-syncs': true,
      'audience-syncs:get-sync': true,
      'audience-syncs:list-sync-runs': true,
      'audience-syncs:run-sync': false,
      'audience-syncs:pause-sync': false,
      'audience-syncs:resume-sync': false,
      'audience-syncs:dry-run-create-sync': true,
      'audience-syncs:preview-sync-edit': true,
    });
    const run = actions.find(a => a.id === 'audience-syncs:run-sync')!;
    expect(run.attributes.destructive).toBe(true);
    expect(Object.keys(run.schema.input.properties)).toEqual(['syncId']);
    const dryRun = actions.find(
      a => a.id === 'audience-syncs:dry-run-create-sync',
    )!;
    expect(Object.keys(dryRun.schema.input.properties)).toEqual(
      expect.arrayContaining(['audienceId', 'destinationId', 'identifier']),
    );
  });

  it('list and read syncs and their runs', async () => {
    const sync = await createSync();
    await request(backend.server)
      .post(`/api/audience-syncs/syncs/${sync.id}/run`)
      .set('Authorization', alice)
      .expect(202);

    const list = await invoke('list-syncs', { search: 'Loyal' });
    expect(list.status).toBe(200);
    expect(list.body.output).toMatchObject({
      totalCount: 1,
      items: [{ id: sync.id, name: sync.name, mode: 'mirror' }],
    });
    // Every field of the REST answer passes through, not only the described ones.
    expect(list.body.output.items[0].identifier).toEqual(newSync.identifier);

    const read = await invoke('get-sync', { syncId: sync.id });
    expect(read.body.output.sync).toMatchObject({
      id: sync.id,
      status: 'active',
    });

    const runs = await invoke('list-sync-runs', { syncId: sync.id });
    expect(runs.body.output).toMatchObject({
      totalCount: 1,
      items: [{ syncId: sync.id, status: 'queued', trigger: 'initial' }],
    });
  });

  it('run, pause and resume a sync, audited as the routes are', async () => {
    const sync = await createSync();

    const run = await invoke('run-sync', { syncId: sync.id });
    expect(run.status).toBe(200);
    expect(run.body.output.run).toMatchObject({
      syncId: sync.id,
      status: 'queued',
    });
    const again = await invoke('run-sync', { syncId: sync.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already queued/);

    const paused = await invoke('pause-sync', { syncId: sync.id });
    expect(paused.body.output.sync.status).toBe('paused');
    // Pausing cancels the queued run, as through the API.
    const [queued] = await backend.knex('sync_runs').select('status');
    expect(queued.status).toBe('cancelled');

    const resumed = await invoke('resume-sync', { syncId: sync.id });
    expect(resumed.body.output.sync).toMatchObject({ status: 'active' });
    expect(resumed.body.output.sync.nextRunAt).not.toBeNull();

    expect(backend.auditEvents).toEqual([
      { eventId: 'sync-create', outcome: 'success' },
      { eventId: 'sync-run', outcome: 'success' },
      { eventId: 'sync-run', outcome: 'fail' },
      { eventId: 'sync-pause', outcome: 'success' },
      { eventId: 'sync-resume', outcome: 'success' },
    ]);
  });

  it('dry-run a create: every check, nothing saved', async () => {
    const res = await invoke('dry-run-create-sync', newSync);

    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      sync: {
        name: 'Loyal Customers → Ads Account / Website Visitors',
        owner: 'user:default/alice',
      },
      warnings: [],
    });
    expect(await backend.knex('syncs').count({ n: '*' })).toEqual([{ n: 0 }]);

    // The registry's schema takes every schedule type the REST API does.
    const afterEvaluation = await invoke('dry-run-create-sync', {
      ...newSync,
      schedule: { type: 'after_evaluation' },
    });
    expect(afterEvaluation.status).toBe(200);
    expect(afterEvaluation.body.output.sync).toMatchObject({
      schedule: { type: 'after_evaluation' },
      nextRunAt: null,
    });

    const refused = await invoke('dry-run-create-sync', {
      ...newSync,
      identifier: { entityKey: 'email', field: 'NOPE' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/identifier/);
    // A malformed input is refused by the registry with the fields it is about, before the action runs.
    const malformed = await invoke('dry-run-create-sync', {
      ...newSync,
      audienceId: 7,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.cause.issues).toEqual([
      expect.objectContaining({ path: ['audienceId'] }),
    ]);
  });

  it('answer malformed input with a 400, never a 5xx', async () => {
    const sync = await createSync();
    const inputs: unknown[] = [
      null,
      [],
      'text',
      {},
      { syncId: '' },
      { syncId: 'x'.repeat(300) },
      { syncId: 7 },
      { syncId: sync.id, limit: 0 },
      { syncId: sync.id, offset: 1e20 },
      { syncId: sync.id, extra: true },
      { search: 'ok\u0000ok' },
      { status: 'sleeping' },
      { ...newSync, mode: 'sideways' },
      { ...newSync, schedule: { type: 'cron', cron: 'not a cron' } },
    ];
    const names = [
      'list-syncs',
      'get-sync',
      'list-sync-runs',
      'run-sync',
      'pause-sync',
      'resume-sync',
      'dry-run-create-sync',
    ];
    const statuses = new Set<number>();
    for (const name of names) {
      for (const input of inputs) {
        const res = await request(backend.server)
          .post(`${actionsApi}/audience-syncs:${name}/invoke`)
          .set('Authorization', alice)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(input));
        expect([name, input, res.status < 500]).toEqual([name, input, true]);
        statuses.add(res.status);
      }
    }
    expect(statuses).toContain(400);
    expect(await backend.knex('syncs').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('preview an edit: the next run it would make, nothing saved', async () => {
    const sync = await createSync();

    const res = await invoke('preview-sync-edit', {
      syncId: sync.id,
      edit: { identifier: { entityKey: 'user_id', field: 'EXTERN_ID' } },
    });

    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      changes: [expect.objectContaining({ field: 'identifier' })],
      nextRun: { ledgerReset: true, removes: 0, heldForApproval: null },
    });
    expect(res.body.output.nextRun.adds).toBe(
      res.body.output.nextRun.audienceMembers,
    );
    const [stored] = await backend.knex('syncs').select('identifier_field');
    expect(stored.identifier_field).toBe(sync.identifier.field);
    const empty = await invoke('preview-sync-edit', {
      syncId: sync.id,
      edit: {},
    });
    expect(empty.status).toBe(400);
  });

  it('refuse what the caller may not do, before telling whether the sync exists', async () => {
    const sync = await createSync();
    backend.permission.decision = AuthorizeResult.DENY;

    for (const [name, input] of [
      ['get-sync', { syncId: sync.id }],
      ['get-sync', { syncId: 'no-such-sync' }],
      ['list-sync-runs', { syncId: sync.id }],
      ['run-sync', { syncId: sync.id }],
      ['pause-sync', { syncId: sync.id }],
      ['list-syncs', {}],
      ['dry-run-create-sync', newSync],
      ['preview-sync-edit', { syncId: sync.id, edit: { mode: 'additive' } }],
    ] as const) {
      const res = await invoke(name, input);
      expect([name, res.status]).toEqual([name, 403]);
    }
    const [stored] = await backend.knex('syncs').select('status');
    expect(stored.status).toBe('active');
    expect(await backend.knex('sync_runs').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
    expect(backend.auditEvents.slice(1)).toEqual([
      { eventId: 'sync-run', outcome: 'fail' },
      { eventId: 'sync-pause', outcome: 'fail' },
    ]);

    backend.permission.decision = AuthorizeResult.ALLOW;
    const unknown = await invoke('get-sync', { syncId: 'no-such-sync' });
    expect(unknown.status).toBe(404);
  });
});
