import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;
const api = '/api/audience-syncs';
const databaseIds = ['POSTGRES_15', 'SQLITE_3'] as const;

const validSync = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

/** Input the columns cannot hold, each answered with a 400 naming its field, on either database. */
describe.each(
  TestDatabases.create({ ids: [...databaseIds] }).eachSupportedId(),
)('Bad input on %s', databaseId => {
  const databases = TestDatabases.create({ ids: [...databaseIds] });
  let backend: Backend;
  let server: Backend['server'];

  const count = async (table: string) =>
    Number((await backend.knex(table).count({ n: '*' }))[0].n);
  const adsObjects = () => backend.ads.objects.get('ads')!.map(o => o.name);
  const fieldsOf = (res: request.Response) =>
    (res.body.problems ?? []).map((p: { field: string }) => p.field);
  /** The request is refused with a 400 naming `field`, and nothing is created. */
  const expectRefused = async (
    pending: request.Test,
    field: string,
  ): Promise<void> => {
    const syncsBefore = await count('syncs');
    const objectsBefore = adsObjects();
    const res = await pending;
    expect({ status: res.status, fields: fieldsOf(res) }).toEqual({
      status: 400,
      fields: expect.arrayContaining([field]),
    });
    expect(await count('syncs')).toBe(syncsBefore);
    expect(adsObjects()).toEqual(objectsBefore);
  };

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend({
      knex: await databases.init(databaseId),
    });
    server = backend.server;
  });

  afterAll(async () => {
    await backend.stop();
  });

  beforeEach(async () => {
    backend.permission.decision = AuthorizeResult.ALLOW;
    await backend.knex('sync_runs').delete();
    await backend.knex('syncs').delete();
  });

  it('refuses offsets and limits that are no integer the database holds', async () => {
    for (const path of ['/syncs', '/audiences', '/syncs/x/runs']) {
      for (const offset of ['1e20', '9007199254740993', '-1', '1.5', 'x']) {
        await expectRefused(
          request(server).get(`${api}${path}?offset=${offset}`),
          'offset',
        );
      }
      for (const limit of ['1e20', '0', '501', 'NaN']) {
        await expectRefused(
          request(server).get(`${api}${path}?limit=${limit}`),
          'limit',
        );
      }
    }
    const last = await request(server).get(`${api}/syncs?offset=2147483647`);
    expect(last.status).toBe(200);
    expect(last.body.items).toEqual([]);
  });

  it('refuses texts longer than their columns before the destination object is created', async () => {
    const long = (n: number) => 'a'.repeat(n);
    const create = (body: object) =>
      request(server)
        .post(`${api}/syncs`)
        .send({
          ...validSync,
          object: { create: { name: 'Only if valid' } },
          ...body,
        });
    await expectRefused(create({ name: long(256) }), 'name');
    await expectRefused(
      create({ owner: `group:default/${long(250)}` }),
      'owner',
    );
    await expectRefused(
      create({ object: { create: { name: long(256) } } }),
      'object.create.name',
    );
    await expectRefused(
      create({
        schedule: { type: 'cron', cron: `0 ${'1,'.repeat(130)}1 * * *` },
      }),
      'schedule.cron',
    );
    await expectRefused(
      create({ schedule: { type: 'daily', timezone: `Europe/${long(70)}` } }),
      'schedule.timezone',
    );
    await expectRefused(
      create({ identifier: { entityKey: 'email', field: long(256) } }),
      'identifier.field',
    );
    await expectRefused(
      request(server)
        .post(`${api}/destinations/ads/objects`)
        .send({ name: long(256) }),
      'name',
    );
    expect(adsObjects()).not.toContain('Only if valid');
  });

  it('keeps a default name within its bound when the object name is long', async () => {
    const objectName = 'b'.repeat(255);
    const res = await request(server)
      .post(`${api}/syncs`)
      .send({ ...validSync, object: { create: { name: objectName } } });
    expect(res.status).toBe(201);
    expect(res.body.sync.name).toHaveLength(200);
    expect(res.body.sync.name).toMatch(/^Loyal Customers → Ads Account \/ b+$/);
    const stored = await request(server).get(
      `${api}/syncs/${res.body.sync.id}`,
    );
    expect(stored.body.name).toBe(res.body.sync.name);
  });

  it('refuses NUL characters in bodies, queries and paths', async () => {
    await expectRefused(
      request(server)
        .post(`${api}/syncs`)
        .send({ ...validSync, name: 'a\u0000b' }),
      'name',
    );
    await expectRefused(
      request(server)
        .post(`${api}/syncs`)
        .send({ ...validSync, owner: 'user:default/a\u0000' }),
      'owner',
    );
    await expectRefused(
      request(server).get(`${api}/syncs?search=a%00b`),
      'search',
    );
    await expectRefused(
      request(server).get(`${api}/syncs?audienceId=a%00b`),
      'audienceId',
    );
    await expectRefused(
      request(server).get(`${api}/destinations/ads/fields?objectName=a%00`),
      'objectName',
    );
    await expectRefused(request(server).get(`${api}/syncs/a%00b`), 'syncId');
    await expectRefused(
      request(server).get(`${api}/audiences/a%00b`),
      'audienceId',
    );
    await expectRefused(
      request(server).get(`${api}/syncs/${'x'.repeat(65)}`),
      'syncId',
    );
    expect(await count('syncs')).toBe(0);
  });

  it('refuses run ids that are no positive 32-bit integer', async () => {
    const { body } = await request(server).post(`${api}/syncs`).send(validSync);
    for (const runId of [
      '2147483648',
      '99999999999',
      'abc',
      '1e3',
      '0',
      '-1',
    ]) {
      await expectRefused(
        request(server).get(`${api}/syncs/${body.sync.id}/runs/${runId}`),
        'runId',
      );
      await expectRefused(
        request(server).post(
          `${api}/syncs/${body.sync.id}/runs/${runId}/approve`,
        ),
        'runId',
      );
    }
    const missing = await request(server).get(
      `${api}/syncs/${body.sync.id}/runs/2147483647`,
    );
    expect(missing.status).toBe(404);
  });

  it('performs a real create only for no dryRun or dryRun=false, and refuses any other value', async () => {
    const body = { ...validSync, object: { create: { name: 'Dry' } } };
    for (const dryRun of ['1', 'yes', 'TRUE', '', 'true,false']) {
      await expectRefused(
        request(server)
          .post(`${api}/syncs?dryRun=${encodeURIComponent(dryRun)}`)
          .send(body),
        'dryRun',
      );
    }
    await expectRefused(
      request(server).post(`${api}/syncs?dryRun=true&dryRun=true`).send(body),
      'dryRun',
    );
    const dry = await request(server)
      .post(`${api}/syncs?dryRun=true`)
      .send(body);
    expect(dry.status).toBe(200);
    expect(await count('syncs')).toBe(0);
    expect(adsObjects()).not.toContain('Dry');
    const real = await request(server)
      .post(`${api}/syncs?dryRun=false`)
      .send(body);
    expect(real.status).toBe(201);
    expect(adsObjects()).toContain('Dry');
  });

  it('matches % and _ in a search literally', async () => {
    for (const name of ['100% loyal', 'loyal_list', 'loyalXlist']) {
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({ ...validSync, name });
      expect(res.status).toBe(201);
    }
    const names = async (search: string) =>
      (
        await request(server).get(
          `${api}/syncs?search=${encodeURIComponent(search)}`,
        )
      ).body.items
        .map((s: { name: string }) => s.name)
        .sort();
    expect(await names('%')).toEqual(['100% loyal']);
    expect(await names('l_list')).toEqual(['loyal_list']);
  });

  it('answers 403, not 404, for an unknown sync to a caller who may not read it', async () => {
    backend.permission.decision = AuthorizeResult.DENY;
    const unknown = `${api}/syncs/no-such-sync`;
    const attempts = [
      request(server).get(unknown),
      request(server).get(`${unknown}/runs`),
      request(server).get(`${unknown}/runs/1`),
      request(server).patch(unknown).send({ mode: 'additive' }),
      request(server).post(`${unknown}/pause`),
      request(server).post(`${unknown}/run`),
      request(server).post(`${unknown}/runs/1/approve`),
      request(server).delete(unknown),
    ];
    for (const attempt of attempts) {
      expect((await attempt).status).toBe(403);
    }
    backend.permission.decision = AuthorizeResult.ALLOW;
    expect((await request(server).get(unknown)).status).toBe(404);
  });
});
