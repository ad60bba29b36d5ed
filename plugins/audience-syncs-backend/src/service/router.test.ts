import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SyncProblemCode } from '@signalsmith/backstage-plugin-audience-syncs-common';
import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';
import { createStores } from '../database/AudienceSyncsStores';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;
const api = '/api/audience-syncs';

const validSync = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

async function waitUntil(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('Timed out waiting');
}

describe('Audience Syncs API', () => {
  let backend: Backend;
  let server: Backend['server'];

  const count = async (table: string) =>
    Number((await backend.knex(table).count({ n: '*' }))[0].n);
  /** Puts one member in the sync's ledger, as a run that sent it would. */
  const sentBefore = (syncId: string, identifier = 'x') =>
    createStores(backend.knex).ledger.upsert(syncId, [
      { memberKey: 'u1', identifier, memberHash: 'h', fieldsHash: null },
    ]);
  const ledgerSize = (syncId: string) =>
    createStores(backend.knex).ledger.count(syncId);
  const createSync = async (body: object = {}) => {
    const res = await request(server)
      .post(`${api}/syncs`)
      .send({ ...validSync, ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend();
    server = backend.server;
    // The evaluation task runs at startup: wait until every audience has had its first attempt.
    await waitUntil(async () => {
      const res = await request(server).get(`${api}/audiences`);
      return res.body.items?.every((a: any) => a.lastEvaluation?.finishedAt);
    });
  });

  afterAll(async () => {
    await backend.stop();
  });

  beforeEach(async () => {
    backend.permission.decision = AuthorizeResult.ALLOW;
    backend.permission.conditional = undefined;
    backend.auditEvents.length = 0;
    const { syncs, ledger } = createStores(backend.knex);
    const all = await syncs.listSyncs({}, { limit: 1000, offset: 0 });
    for (const sync of all.items) await ledger.clear(sync.id);
    await backend.knex('sync_run_errors').delete();
    await backend.knex('sync_runs').delete();
    await backend.knex('syncs').delete();
  });

  it('answers health without credentials', async () => {
    const res = await request(server).get(`${api}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  describe('audiences', () => {
    it('lists audiences with entity type, member count and evaluation state', async () => {
      const res = await request(server).get(`${api}/audiences`);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(4);
      const loyal = res.body.items.find((a: any) => a.id === 'loyal-customers');
      expect(loyal).toMatchObject({
        name: 'Loyal Customers',
        entityType: 'users',
        memberCount: 3,
        entityKeys: ['email', 'phone', 'user_id'],
        traits: ['lifetime_value'],
        attributes: ['plan_type', 'country'],
        evaluationSchedule: { type: 'daily' },
        lastEvaluation: { status: 'succeeded', memberCount: 3 },
      });
      expect(Date.parse(loyal.lastEvaluatedAt)).not.toBeNaN();
      const broken = res.body.items.find(
        (a: any) => a.id === 'broken-audience',
      );
      expect(broken.memberCount).toBeNull();
      expect(broken.lastEvaluatedAt).toBeNull();
      expect(broken.lastEvaluation).toMatchObject({
        status: 'failed',
        error: 'warehouse unreachable',
      });
    });

    it('searches by name and paginates', async () => {
      const search = await request(server).get(`${api}/audiences?search=LOYAL`);
      expect(search.body.items.map((a: any) => a.id)).toEqual([
        'loyal-customers',
      ]);
      const page = await request(server).get(
        `${api}/audiences?limit=2&offset=2`,
      );
      expect(page.body).toMatchObject({ totalCount: 4, limit: 2, offset: 2 });
      expect(page.body.items.map((a: any) => a.name)).toEqual([
        'Empty Audience',
        'Loyal Customers',
      ]);
      const bad = await request(server).get(`${api}/audiences?limit=0`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^limit: /);
      expect(bad.body.problems).toEqual([
        expect.objectContaining({ field: 'limit', code: 'too_small' }),
      ]);
    });

    it('answers 404 for an unknown audience', async () => {
      const res = await request(server).get(`${api}/audiences/nope`);
      expect(res.status).toBe(404);
    });
  });

  describe('destinations', () => {
    it('lists destinations with capabilities and never their settings', async () => {
      const res = await request(server).get(`${api}/destinations`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((d: any) => d.id)).toEqual([
        'ads',
        'crm',
        'analytics',
        'hook',
      ]);
      expect(res.body.items[0]).toMatchObject({
        type: 'test-ads',
        typeLabel: 'Test Ads',
        capabilities: {
          objectLabel: 'Custom Audience',
          canCreateObjects: true,
          additionalFields: 'none',
        },
      });
      expect(
        res.body.items[3].capabilities.identifierFields.map(
          (f: any) => f.field,
        ),
      ).toEqual(['email', 'phone', 'user_id', 'device_id']);
      expect(JSON.stringify(res.body)).not.toContain(
        'do-not-leak-me-0123456789abcdef012',
      );
      expect(JSON.stringify(res.body)).not.toContain('settings');
    });

    it('lists and creates objects where the destination allows it', async () => {
      const objects = await request(server).get(
        `${api}/destinations/ads/objects`,
      );
      expect(objects.body.items).toEqual([
        { id: 'aud-1', name: 'Website Visitors' },
      ]);
      const created = await request(server)
        .post(`${api}/destinations/ads/objects`)
        .send({ name: 'High Value Lookalike' });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe('High Value Lookalike');
      expect(backend.auditEvents).toEqual([
        { eventId: 'destination-object-create', outcome: 'success' },
      ]);

      const refused = await request(server)
        .post(`${api}/destinations/crm/objects`)
        .send({ name: 'X' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /^name: destination 'Sales CRM' does not let Backstage create a Campaign/,
      );
      expect(refused.body.problems).toEqual([
        expect.objectContaining({
          field: 'name',
          code: 'object_create_unsupported',
        }),
      ]);
      expect(
        await request(server).get(`${api}/destinations/nope/objects`),
      ).toMatchObject({ status: 404 });
    });
  });

  describe('destination fields', () => {
    afterEach(() => {
      backend.crm.fieldsUnavailable = false;
    });

    it("answers an object's fields with their labels and types, for existing and new objects", async () => {
      const res = await request(server).get(
        `${api}/destinations/crm/fields?objectId=camp-1`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        acceptsAnyField: false,
        fields: [
          {
            name: 'Customer_Value__c',
            label: 'Customer Value',
            type: 'number',
            required: false,
          },
          {
            name: 'Plan__c',
            label: 'Subscription Plan',
            type: 'string',
            required: false,
          },
        ],
      });
      const hook = await request(server).get(
        `${api}/destinations/hook/fields?objectName=New list`,
      );
      expect(hook.body).toEqual({ acceptsAnyField: true });
      const ads = await request(server).get(
        `${api}/destinations/ads/fields?objectId=aud-1`,
      );
      expect(ads.body).toEqual({ acceptsAnyField: false, fields: [] });
    });

    it('answers 404 for an unknown destination or object, 400 without an object, 503 when the vendor is down', async () => {
      expect(
        await request(server).get(`${api}/destinations/nope/fields?objectId=x`),
      ).toMatchObject({ status: 404 });
      const unknownObject = await request(server).get(
        `${api}/destinations/crm/fields?objectId=camp-404`,
      );
      expect(unknownObject.status).toBe(404);
      expect(unknownObject.body.error.message).toBe(
        "Destination 'Sales CRM' has no Campaign 'camp-404'",
      );
      const neither = await request(server).get(
        `${api}/destinations/crm/fields`,
      );
      expect(neither.status).toBe(400);
      expect(neither.body.problems).toEqual([
        expect.objectContaining({ field: 'objectId', code: 'required' }),
      ]);
      backend.crm.fieldsUnavailable = true;
      const down = await request(server).get(
        `${api}/destinations/crm/fields?objectName=Spring campaign`,
      );
      expect(down.status).toBe(503);
      expect(down.body.error.message).toBe(
        "Could not read the fields of destination 'Sales CRM': The destination could not be reached; try again",
      );
    });

    it('refuses to create or edit a sync that maps to a field the destination does not have, naming the field', async () => {
      const crmSync = {
        destinationId: 'crm',
        object: { id: 'camp-1' },
        identifier: { entityKey: 'email', field: 'Email' },
      };
      const typedLabel = await request(server)
        .post(`${api}/syncs`)
        .send({
          ...validSync,
          ...crmSync,
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField: 'Customer Value',
            },
          ],
        });
      expect(typedLabel.status).toBe(400);
      expect(typedLabel.body.problems).toEqual([
        {
          field: 'fieldMappings[0].destinationField',
          code: 'field_mapping_field_unknown',
          message:
            "'Customer Value' is the label of Customer_Value__c; map the field's name, Customer_Value__c",
        },
      ]);
      const dryRun = await request(server)
        .post(`${api}/syncs?dryRun=true`)
        .send({
          ...validSync,
          ...crmSync,
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField: 'ltv',
            },
          ],
        });
      expect(dryRun.status).toBe(400);
      expect(dryRun.body.error.message).toBe(
        "fieldMappings[0].destinationField: destination 'Sales CRM' has no field 'ltv' (it takes Customer_Value__c, Plan__c)",
      );

      const { sync } = await createSync(crmSync);
      const edit = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({
          fieldMappings: [
            {
              source: { kind: 'attribute', name: 'plan_type' },
              destinationField: 'Subscription Plan',
            },
          ],
        });
      expect(edit.status).toBe(400);
      expect(edit.body.problems).toEqual([
        expect.objectContaining({
          field: 'fieldMappings[0].destinationField',
          message:
            "'Subscription Plan' is the label of Plan__c; map the field's name, Plan__c",
        }),
      ]);
    });

    it('refuses to save field mappings it cannot check while the vendor is down, with a 503 to retry', async () => {
      backend.crm.fieldsUnavailable = true;
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({
          ...validSync,
          destinationId: 'crm',
          object: { id: 'camp-1' },
          identifier: { entityKey: 'email', field: 'Email' },
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField: 'Customer_Value__c',
            },
          ],
        });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/try again$/);
      expect(await count('syncs')).toBe(0);
    });
  });

  describe('creating a sync', () => {
    it('creates an active sync with the next scheduled run and queues the first run when asked', async () => {
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({ ...validSync, runNow: true });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([]);
      expect(res.body.sync).toMatchObject({
        name: 'Loyal Customers → Ads Account / Website Visitors',
        mode: 'mirror',
        status: 'active',
        object: { id: 'aud-1', name: 'Website Visitors' },
        fieldMappings: [],
        owner: 'user:default/mock',
        createdBy: 'user:default/mock',
        lastSyncedAt: null,
      });
      expect(Date.parse(res.body.sync.nextRunAt)).toBeGreaterThan(Date.now());
      expect(res.body.run).toMatchObject({
        trigger: 'initial',
        status: 'queued',
      });
      expect(backend.auditEvents).toEqual([
        { eventId: 'sync-create', outcome: 'success' },
      ]);

      const fetched = await request(server).get(
        `${api}/syncs/${res.body.sync.id}`,
      );
      expect(fetched.body).toEqual(res.body.sync);
    });

    it('waits for the schedule when the first run is not asked for', async () => {
      const { sync, run } = await createSync();
      expect(run).toBeUndefined();
      expect(await count('sync_runs')).toBe(0);
      expect(sync.nextRunAt).not.toBeNull();
    });

    it('creates the destination object in the same request where the destination allows it', async () => {
      const { sync } = await createSync({
        object: { create: { name: 'Loyal Lookalike' } },
      });
      expect(sync.object.name).toBe('Loyal Lookalike');
      expect(backend.ads.objects.get('ads')!.map(o => o.name)).toContain(
        'Loyal Lookalike',
      );
    });

    it('maps traits and attributes to a destination that takes fields', async () => {
      const { sync } = await createSync({
        destinationId: 'crm',
        object: { id: 'camp-1' },
        identifier: { entityKey: 'email', field: 'Email' },
        fieldMappings: [
          {
            source: { kind: 'trait', name: 'lifetime_value' },
            destinationField: 'Customer_Value__c',
          },
          {
            source: { kind: 'attribute', name: 'plan_type' },
            destinationField: 'Plan__c',
          },
        ],
      });
      expect(sync.fieldMappings).toHaveLength(2);
    });

    it('warns, and still creates, when the sync runs more often than the audience is evaluated', async () => {
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({ ...validSync, schedule: { type: 'every_15_minutes' } });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toHaveLength(1);
      expect(res.body.warnings[0]).toMatch(
        /runs more often .* than the audience is evaluated/,
      );
    });

    const rejections: Array<[string, object, RegExp, string, SyncProblemCode]> =
      [
        [
          'a required field is missing',
          { audienceId: undefined },
          /^audienceId: is required$/,
          'audienceId',
          'required',
        ],
        [
          'the mode is unknown',
          { mode: 'sometimes' },
          /^mode: Invalid enum value/,
          'mode',
          'invalid_option',
        ],
        [
          'a field is not part of the API',
          { colour: 'blue' },
          /^colour: is not a known field$/,
          'colour',
          'unknown_field',
        ],
        [
          'the audience does not exist',
          { audienceId: 'nope' },
          /^audienceId: no audience 'nope' exists$/,
          'audienceId',
          'audience_not_found',
        ],
        [
          'the audience was never evaluated successfully',
          { audienceId: 'broken-audience' },
          /^audienceId: audience 'Broken Audience' has not been evaluated successfully yet \(last evaluation failed: warehouse unreachable\)/,
          'audienceId',
          'audience_not_evaluated',
        ],
        [
          'the audience has no members',
          { audienceId: 'empty-audience' },
          /^audienceId: audience 'Empty Audience' has no members/,
          'audienceId',
          'audience_empty',
        ],
        [
          'the destination does not exist',
          { destinationId: 'nope' },
          /^destinationId: no destination 'nope' exists$/,
          'destinationId',
          'destination_not_found',
        ],
        [
          'the destination does not take audience syncs',
          { destinationId: 'analytics' },
          /^destinationId: destination 'Product Analytics' \(Test Analytics\) does not support audience syncs$/,
          'destinationId',
          'destination_unsupported',
        ],
        [
          'the object does not exist',
          { object: { id: 'aud-404' } },
          /^object\.id: destination 'Ads Account' has no Custom Audience 'aud-404'$/,
          'object.id',
          'object_not_found',
        ],
        [
          'the destination cannot create the object',
          {
            destinationId: 'crm',
            object: { create: { name: 'New' } },
            identifier: { entityKey: 'email', field: 'Email' },
          },
          /^object\.create: destination 'Sales CRM' does not let Backstage create a Campaign/,
          'object.create',
          'object_create_unsupported',
        ],
        [
          'the audience lacks the entity key',
          {
            audienceId: 'app-users',
            identifier: { entityKey: 'email', field: 'EMAIL' },
          },
          /^identifier\.entityKey: audience 'App Users' has no 'email' key \(it has device_id\)$/,
          'identifier.entityKey',
          'identifier_key_missing',
        ],
        [
          'the destination has no such identifier field',
          { identifier: { entityKey: 'email', field: 'MADID' } },
          /^identifier\.field: destination 'Ads Account' has no identifier field 'MADID' \(it offers EMAIL, PHONE, EXTERN_ID\)$/,
          'identifier.field',
          'identifier_field_unknown',
        ],
        [
          'the identifier field does not take that entity key',
          { identifier: { entityKey: 'phone', field: 'EMAIL' } },
          /^identifier\.field: 'EMAIL' cannot be matched from the 'phone' key \(use PHONE\)$/,
          'identifier.field',
          'identifier_key_mismatch',
        ],
        [
          'fields are mapped to a destination that takes none',
          {
            fieldMappings: [
              {
                source: { kind: 'trait', name: 'lifetime_value' },
                destinationField: 'value',
              },
            ],
          },
          /^fieldMappings: destination 'Ads Account' \(Test Ads\) takes identifiers only, no additional fields$/,
          'fieldMappings',
          'field_mappings_unsupported',
        ],
        [
          'a mapped trait does not exist',
          {
            destinationId: 'crm',
            object: { id: 'camp-1' },
            identifier: { entityKey: 'email', field: 'Email' },
            fieldMappings: [
              {
                source: { kind: 'trait', name: 'churn_score' },
                destinationField: 'Plan__c',
              },
            ],
          },
          /^fieldMappings\[0\]\.source\.name: audience 'Loyal Customers' has no trait 'churn_score' \(traits: lifetime_value\)$/,
          'fieldMappings[0].source.name',
          'field_mapping_source_unknown',
        ],
        [
          'a mapped destination field does not exist',
          {
            destinationId: 'crm',
            object: { id: 'camp-1' },
            identifier: { entityKey: 'email', field: 'Email' },
            fieldMappings: [
              {
                source: { kind: 'attribute', name: 'country' },
                destinationField: 'Region__c',
              },
            ],
          },
          /^fieldMappings\[0\]\.destinationField: destination 'Sales CRM' has no field 'Region__c'/,
          'fieldMappings[0].destinationField',
          'field_mapping_field_unknown',
        ],
        [
          'the cron expression is invalid',
          { schedule: { type: 'cron', cron: '61 * * * *' } },
          /^schedule\.cron: '61 \* \* \* \*' is not a valid cron expression/,
          'schedule.cron',
          'cron_invalid',
        ],
        [
          'a cron schedule has no expression',
          { schedule: { type: 'cron' } },
          /^schedule\.cron: is required when the schedule type is cron$/,
          'schedule.cron',
          'cron_required',
        ],
        [
          'the time zone is unknown',
          { schedule: { type: 'daily', timezone: 'Mars/Olympus' } },
          /^schedule\.timezone: 'Mars\/Olympus' is not a known IANA time zone$/,
          'schedule.timezone',
          'timezone_invalid',
        ],
        [
          'the owner is not an entity reference',
          { owner: 'marketing team' },
          /^owner: 'marketing team' is not an entity reference/,
          'owner',
          'owner_invalid',
        ],
      ];

    it.each(rejections)(
      'is refused with a 400 naming the field when %s, creating nothing',
      async (_case, change, message, field, code) => {
        const objectsBefore = backend.ads.objects.get('ads')!.length;
        const res = await request(server)
          .post(`${api}/syncs`)
          .send({ ...validSync, ...change });
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
        expect(res.body.problems).toEqual([
          {
            field,
            code,
            message: res.body.error.message.slice(field.length + 2),
          },
        ]);
        expect(await count('syncs')).toBe(0);
        expect(await count('sync_runs')).toBe(0);
        expect(backend.ads.objects.get('ads')!.length).toBe(objectsBefore);
        expect(backend.auditEvents).toEqual([
          { eventId: 'sync-create', outcome: 'fail' },
        ]);
      },
    );

    it('validates a dry run like a creation and saves nothing', async () => {
      const objectsBefore = backend.ads.objects.get('ads')!.length;
      const ok = await request(server)
        .post(`${api}/syncs?dryRun=true`)
        .send({ ...validSync, object: { create: { name: 'Preview' } } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        dryRun: true,
        sync: {
          name: 'Loyal Customers → Ads Account / Preview',
          object: { create: { name: 'Preview' } },
          status: 'active',
        },
        warnings: [],
      });
      expect(ok.body.sync.id).toBeUndefined();

      const bad = await request(server)
        .post(`${api}/syncs?dryRun=true`)
        .send({ ...validSync, object: { id: 'aud-404' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^object\.id: /);
      expect(bad.body.problems).toEqual([
        {
          field: 'object.id',
          code: 'object_not_found',
          message: "destination 'Ads Account' has no Custom Audience 'aud-404'",
        },
      ]);

      backend.permission.decision = AuthorizeResult.DENY;
      const denied = await request(server)
        .post(`${api}/syncs?dryRun=true`)
        .send(validSync);
      expect(denied.status).toBe(403);

      expect(await count('syncs')).toBe(0);
      expect(backend.ads.objects.get('ads')!.length).toBe(objectsBefore);
      expect(backend.auditEvents).toEqual([]);
    });

    it("previews an edit with PATCH ?dryRun=true: the next run's plan, nothing saved or audited", async () => {
      const { sync } = await createSync();
      await sentBefore(sync.id);
      const before = await backend.knex('syncs').select();
      backend.auditEvents.length = 0;

      const preview = await request(server)
        .patch(`${api}/syncs/${sync.id}?dryRun=true`)
        .send({ identifier: { entityKey: 'user_id', field: 'EXTERN_ID' } });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        dryRun: true,
        changes: [
          expect.objectContaining({
            field: 'identifier',
            from: validSync.identifier,
          }),
        ],
        nextRun: { ledgerReset: true, ledgerMembers: 1, removes: 0 },
      });
      expect(preview.body.nextRun.adds).toBe(
        preview.body.nextRun.audienceMembers,
      );

      const bad = await request(server)
        .patch(`${api}/syncs/${sync.id}?dryRun=true`)
        .send({ object: { id: 'aud-404' } });
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual([
        expect.objectContaining({
          field: 'object.id',
          code: 'object_not_found',
        }),
      ]);
      const typo = await request(server)
        .patch(`${api}/syncs/${sync.id}?dryRun=yes`)
        .send({ mode: 'additive' });
      expect(typo.status).toBe(400);
      expect(typo.body.problems).toEqual([
        expect.objectContaining({ field: 'dryRun' }),
      ]);

      backend.permission.decision = AuthorizeResult.DENY;
      const denied = await request(server)
        .patch(`${api}/syncs/${sync.id}?dryRun=true`)
        .send({ mode: 'additive' });
      expect(denied.status).toBe(403);

      expect(await backend.knex('syncs').select()).toEqual(before);
      expect(await ledgerSize(sync.id)).toBe(1);
      expect(backend.auditEvents).toEqual([]);
    });

    it('reports every problem of a request at once', async () => {
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({
          ...validSync,
          object: { id: 'aud-404' },
          schedule: { type: 'daily', timezone: 'Nowhere/City' },
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /object\.id: .*; schedule\.timezone: /,
      );
    });

    it("answers a 400 in Backstage's error shape with each problem as data: its field, code and message", async () => {
      const res = await request(server)
        .post(`${api}/syncs`)
        .send({
          ...validSync,
          destinationId: 'crm',
          object: { id: 'camp-404' },
          identifier: { entityKey: 'phone', field: 'Email' },
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField: 'Customer_Value__c',
            },
            {
              source: { kind: 'attribute', name: 'tier' },
              destinationField: 'Customer_Value__c',
            },
          ],
          schedule: { type: 'cron', cron: '0 9 * *', timezone: 'Mars/Base' },
          owner: 'marketing team',
        });

      const problems = [
        {
          field: 'object.id',
          code: 'object_not_found',
          message: "destination 'Sales CRM' has no Campaign 'camp-404'",
        },
        {
          field: 'identifier.field',
          code: 'identifier_key_mismatch',
          message:
            "'Email' cannot be matched from the 'phone' key (destination 'Sales CRM' takes no phone)",
        },
        {
          field: 'fieldMappings[1].source.name',
          code: 'field_mapping_source_unknown',
          message:
            "audience 'Loyal Customers' has no attribute 'tier' (attributes: plan_type, country)",
        },
        {
          field: 'fieldMappings[1].destinationField',
          code: 'field_mapping_duplicate',
          message: "'Customer_Value__c' is already mapped in row 1",
        },
        {
          field: 'schedule.timezone',
          code: 'timezone_invalid',
          message: "'Mars/Base' is not a known IANA time zone",
        },
        {
          field: 'schedule.cron',
          code: 'cron_invalid',
          message:
            "'0 9 * *' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 4)",
        },
        {
          field: 'owner',
          code: 'owner_invalid',
          message:
            "'marketing team' is not an entity reference like group:default/marketing",
        },
      ];
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          name: 'InputError',
          message: problems.map(p => `${p.field}: ${p.message}`).join('; '),
        },
        request: { method: 'POST', url: `${api}/syncs` },
        response: { statusCode: 400 },
        problems,
      });
      expect(await count('syncs')).toBe(0);
    });

    it('names the field of every problem with the shape of the body by its path', async () => {
      const res = await request(server)
        .post(`${api}/syncs?dryRun=true`)
        .send({
          ...validSync,
          audienceId: undefined,
          object: { create: { name: ' ' } },
          fieldMappings: [{ source: { kind: 'trait' }, destinationField: 'x' }],
          colour: 'blue',
        });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        { field: 'audienceId', code: 'required', message: 'is required' },
        {
          field: 'object.create.name',
          code: 'required',
          message: 'is required',
        },
        {
          field: 'fieldMappings[0].source.name',
          code: 'required',
          message: 'is required',
        },
        {
          field: 'colour',
          code: 'unknown_field',
          message: 'is not a known field',
        },
      ]);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message:
          'audienceId: is required; object.create.name: is required; fieldMappings[0].source.name: is required; colour: is not a known field',
      });
      expect(res.body.request).toEqual({
        method: 'POST',
        url: `${api}/syncs?dryRun=true`,
      });
    });
  });

  describe('listing syncs', () => {
    it('filters by audience, destination, status and name, and paginates', async () => {
      const a = (await createSync({ name: 'Alpha' })).sync;
      const b = (
        await createSync({
          name: 'Beta',
          destinationId: 'crm',
          object: { id: 'camp-1' },
          identifier: { entityKey: 'email', field: 'Email' },
        })
      ).sync;
      const c = (
        await createSync({
          name: 'Gamma',
          audienceId: 'app-users',
          identifier: { entityKey: 'device_id', field: 'device_id' },
          destinationId: 'hook',
          object: { id: 'default' },
        })
      ).sync;
      await request(server).post(`${api}/syncs/${a.id}/pause`);

      const ids = async (query: string) =>
        (await request(server).get(`${api}/syncs?${query}`)).body.items
          .map((s: any) => s.id)
          .sort();
      expect(await ids('destinationId=crm')).toEqual([b.id]);
      expect(await ids('audienceId=app-users')).toEqual([c.id]);
      expect(await ids('status=paused')).toEqual([a.id]);
      expect(await ids('search=gam')).toEqual([c.id]);
      const page = await request(server).get(`${api}/syncs?limit=2&offset=0`);
      expect(page.body).toMatchObject({ totalCount: 3, limit: 2, offset: 0 });
      expect(page.body.items).toHaveLength(2);
      const rest = await request(server).get(`${api}/syncs?limit=2&offset=2`);
      expect(rest.body.items).toHaveLength(1);
      const bad = await request(server).get(`${api}/syncs?status=sleeping`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^status: /);
    });

    it('answers each sync with its newest run, null before the first', async () => {
      const queued = (await createSync({ name: 'Queued', runNow: true })).sync;
      await createSync({ name: 'Waiting', runNow: false });

      const res = await request(server).get(`${api}/syncs`);
      const byName = Object.fromEntries(
        res.body.items.map((s: any) => [s.name, s.latestRun]),
      );
      expect(byName.Queued).toMatchObject({
        syncId: queued.id,
        trigger: 'initial',
      });
      expect(byName.Waiting).toBeNull();
    });

    it('shows only the syncs a conditional read permission allows', async () => {
      await createSync({ name: 'Mine', owner: 'group:default/growth' });
      await createSync({ name: 'Theirs', owner: 'group:default/marketing' });
      backend.permission.conditional = {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'audience-syncs',
        resourceType: 'audience-sync',
        conditions: {
          rule: 'IS_OWNER',
          resourceType: 'audience-sync',
          params: { claims: ['group:default/growth'] },
        },
      };
      const res = await request(server).get(`${api}/syncs`);
      expect(res.body.items.map((s: any) => s.name)).toEqual(['Mine']);
      expect(res.body.totalCount).toBe(1);
    });

    it('answers 404 for an unknown sync', async () => {
      expect((await request(server).get(`${api}/syncs/nope`)).status).toBe(404);
    });
  });

  describe('editing a sync', () => {
    it('changes mode and schedule without starting a run, and keeps the ledger', async () => {
      const { sync } = await createSync();
      await sentBefore(sync.id);
      const res = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ mode: 'additive', schedule: { type: 'hourly' } });
      expect(res.status).toBe(200);
      expect(res.body.sync).toMatchObject({
        mode: 'additive',
        schedule: { type: 'hourly' },
      });
      expect(res.body.warnings[0]).toMatch(/more often/);
      expect(await count('sync_runs')).toBe(0);
      expect(await ledgerSize(sync.id)).toBe(1);
      expect(backend.auditEvents).toEqual([
        { eventId: 'sync-create', outcome: 'success' },
        { eventId: 'sync-update', outcome: 'success' },
      ]);
    });

    it.each([
      ['object', { object: { create: { name: 'Fresh list' } } }],
      [
        'identifier',
        { identifier: { entityKey: 'user_id', field: 'EXTERN_ID' } },
      ],
    ])(
      'starts over from an empty ledger when the %s changes',
      async (_what, change) => {
        const { sync } = await createSync();
        await sentBefore(sync.id);
        const res = await request(server)
          .patch(`${api}/syncs/${sync.id}`)
          .send(change);
        expect(res.status).toBe(200);
        expect(await ledgerSize(sync.id)).toBe(0);
      },
    );

    it('refuses a new object while a run is in progress', async () => {
      const { sync } = await createSync({ runNow: true });
      await backend.knex('sync_runs').update({ status: 'running' });
      const res = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ object: { create: { name: 'Other' } } });
      expect(res.status).toBe(409);
    });

    it('answers 409 to an edit made from an older version, naming who changed the sync since', async () => {
      const { sync } = await createSync();
      expect(sync.version).toBe(1);
      const paused = await request(server).post(
        `${api}/syncs/${sync.id}/pause`,
      );
      expect(paused.body.version).toBe(2);
      const stale = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ mode: 'additive', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({
        name: 'ConflictError',
        message: `This sync was changed by ${paused.body.updatedBy} at ${paused.body.updatedAt} (it is now paused); reload it to see the changes`,
      });
      const current = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ mode: 'additive', version: 2 });
      expect(current.status).toBe(200);
      expect(current.body.sync).toMatchObject({
        mode: 'additive',
        status: 'paused',
        version: 3,
      });
      const onlyVersion = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ version: 3 });
      expect(onlyVersion.status).toBe(400);
      expect(onlyVersion.body.error.message).toMatch(
        /must change at least one/,
      );
    });

    it('validates edits like creations', async () => {
      const { sync } = await createSync();
      const bad = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ identifier: { entityKey: 'phone', field: 'EMAIL' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^identifier\.field: /);
      expect(bad.body.problems).toEqual([
        {
          field: 'identifier.field',
          code: 'identifier_key_mismatch',
          message: "'EMAIL' cannot be matched from the 'phone' key (use PHONE)",
        },
      ]);
      const empty = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({});
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/must change at least one/);
      // A problem about the whole body names the body.
      expect(empty.body.error.message).toMatch(/^body: must change/);
      expect(empty.body.problems).toEqual([
        {
          field: 'body',
          code: 'no_change',
          message: expect.stringMatching(/^must change at least one of /),
        },
      ]);
      const readOnly = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ audienceId: 'x' });
      expect(readOnly.body.error.message).toMatch(
        /^audienceId: is not a known field/,
      );
      const schedule = await request(server)
        .patch(`${api}/syncs/${sync.id}`)
        .send({ schedule: { type: 'daily', cron: '0 9 * * *' } });
      expect(schedule.body.problems).toEqual([
        {
          field: 'schedule.cron',
          code: 'cron_not_allowed',
          message: 'is only allowed when the schedule type is cron, not daily',
        },
      ]);
      expect(
        (await request(server).get(`${api}/syncs/${sync.id}`)).body,
      ).toEqual(sync);
    });
  });

  describe('pausing, resuming, running, approving and deleting', () => {
    it('pauses (cancelling a queued run) and resumes, refusing repeated transitions', async () => {
      const { sync } = await createSync({ runNow: true });
      const paused = await request(server).post(
        `${api}/syncs/${sync.id}/pause`,
      );
      expect(paused.body).toMatchObject({ status: 'paused', nextRunAt: null });
      expect((await backend.knex('sync_runs').first()).status).toBe(
        'cancelled',
      );
      expect(
        (await request(server).post(`${api}/syncs/${sync.id}/pause`)).status,
      ).toBe(409);
      const resumed = await request(server).post(
        `${api}/syncs/${sync.id}/resume`,
      );
      expect(resumed.body.status).toBe('active');
      expect(Date.parse(resumed.body.nextRunAt)).toBeGreaterThan(Date.now());
      expect(
        (await request(server).post(`${api}/syncs/${sync.id}/resume`)).status,
      ).toBe(409);
    });

    it('queues a run now, once', async () => {
      const { sync } = await createSync();
      const run = await request(server).post(`${api}/syncs/${sync.id}/run`);
      expect(run.status).toBe(202);
      expect(run.body).toMatchObject({
        trigger: 'initial',
        status: 'queued',
        syncId: sync.id,
      });
      const again = await request(server).post(`${api}/syncs/${sync.id}/run`);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already queued/);
      const runs = await request(server).get(`${api}/syncs/${sync.id}/runs`);
      expect(runs.body).toMatchObject({
        totalCount: 1,
        items: [{ id: run.body.id }],
      });
    });

    it('queues a verify run, audited, refused while another run is open', async () => {
      const { sync } = await createSync();
      backend.auditEvents.length = 0;
      const verify = await request(server).post(
        `${api}/syncs/${sync.id}/verify`,
      );
      expect(verify.status).toBe(202);
      expect(verify.body).toMatchObject({
        kind: 'verify',
        trigger: 'manual',
        status: 'queued',
      });
      const again = await request(server).post(
        `${api}/syncs/${sync.id}/verify`,
      );
      expect(again.status).toBe(409);
      expect(
        (await request(server).post(`${api}/syncs/no-such-sync/verify`)).status,
      ).toBe(404);
      expect(backend.auditEvents).toEqual([
        { eventId: 'sync-verify', outcome: 'success' },
        { eventId: 'sync-verify', outcome: 'fail' },
        { eventId: 'sync-verify', outcome: 'fail' },
      ]);
    });

    it('queues a repair and a full resync, whose dry run queues nothing', async () => {
      const { sync } = await createSync();
      backend.auditEvents.length = 0;
      const plan = await request(server).post(
        `${api}/syncs/${sync.id}/resync?dryRun=true`,
      );
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ ledgerReset: true, removes: 0 });
      expect(plan.body.adds).toBe(plan.body.audienceMembers);
      expect(
        (await request(server).post(`${api}/syncs/${sync.id}/resync?dryRun=1`))
          .status,
      ).toBe(400);
      expect(await count('sync_runs')).toBe(0);

      const resync = await request(server).post(
        `${api}/syncs/${sync.id}/resync`,
      );
      expect(resync.status).toBe(202);
      expect(resync.body).toMatchObject({ kind: 'resync', status: 'queued' });
      const repair = await request(server).post(
        `${api}/syncs/${sync.id}/repair`,
      );
      expect(repair.status).toBe(409);
      await backend.knex('sync_runs').update({ status: 'cancelled' });
      const repaired = await request(server).post(
        `${api}/syncs/${sync.id}/repair`,
      );
      expect(repaired.status).toBe(202);
      expect(repaired.body.kind).toBe('repair');
      expect(backend.auditEvents).toEqual([
        { eventId: 'sync-resync', outcome: 'success' },
        { eventId: 'sync-repair', outcome: 'fail' },
        { eventId: 'sync-repair', outcome: 'success' },
      ]);
    });

    it('approves only a held run', async () => {
      const { sync } = await createSync({ runNow: true });
      const [{ id }] = await backend.knex('sync_runs').select('id');
      const notHeld = await request(server).post(
        `${api}/syncs/${sync.id}/runs/${id}/approve`,
      );
      expect(notHeld.status).toBe(409);
      await backend.knex('sync_runs').update({ status: 'held' });
      const approved = await request(server).post(
        `${api}/syncs/${sync.id}/runs/${id}/approve`,
      );
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('queued');
      expect(
        (await request(server).post(`${api}/syncs/${sync.id}/runs/999/approve`))
          .status,
      ).toBe(404);
      const notARun = await request(server).post(
        `${api}/syncs/${sync.id}/runs/abc/approve`,
      );
      expect(notARun.status).toBe(400);
      expect(notARun.body.problems).toEqual([
        {
          field: 'runId',
          code: 'invalid_value',
          message: "'abc' is not a run id",
        },
      ]);
    });

    it('shows a run with its error sample and its errors by code', async () => {
      const { sync } = await createSync({ runNow: true });
      const [{ id }] = await backend.knex('sync_runs').select('id');
      await backend.knex('sync_run_errors').insert({
        run_id: id,
        member_key: 'u2',
        operation: 'add',
        code: 'invalid_email',
        message: 'Not an email',
        retryable: false,
      });
      await backend.knex('sync_run_error_counts').insert([
        { run_id: id, code: 'invalid_email', error_count: 3 },
        { run_id: id, code: 'INVALID_RECORD', error_count: 12 },
      ]);
      const res = await request(server).get(
        `${api}/syncs/${sync.id}/runs/${id}`,
      );
      const sample = {
        memberKey: 'u2',
        operation: 'add',
        code: 'invalid_email',
        message: 'Not an email',
        retryable: false,
      };
      expect(res.body.errors).toEqual([sample]);
      expect(res.body.errorSummary).toEqual([
        { code: 'INVALID_RECORD', count: 12, samples: [] },
        { code: 'invalid_email', count: 3, samples: [sample] },
      ]);
      expect(
        (await request(server).get(`${api}/syncs/${sync.id}/runs/12345`))
          .status,
      ).toBe(404);
    });

    it('deletes the sync and its ledger, leaving the destination members in place', async () => {
      const { sync } = await createSync({ runNow: true });
      await sentBefore(sync.id, 'user1@example.com');
      const client = backend.ads.members.get('ads')!.get('aud-1')!;
      client.set('user1@example.com', {});
      const res = await request(server).delete(`${api}/syncs/${sync.id}`);
      expect(res.status).toBe(204);
      expect(
        (await request(server).get(`${api}/syncs/${sync.id}`)).status,
      ).toBe(404);
      expect(await ledgerSize(sync.id)).toBe(0);
      expect(await count('sync_runs')).toBe(0);
      expect(backend.ads.membersOf('ads', 'aud-1')).toEqual([
        'user1@example.com',
      ]);
      expect(
        (await request(server).delete(`${api}/syncs/${sync.id}`)).status,
      ).toBe(404);
    });
  });

  describe('permissions', () => {
    it('refuses every mutation with 403 when denied, changing nothing and auditing the attempt', async () => {
      const { sync } = await createSync({ runNow: true });
      const [{ id: runId }] = await backend.knex('sync_runs').select('id');
      await backend.knex('sync_runs').update({ status: 'held' });
      const before = {
        syncs: await backend.knex('syncs').select(),
        runs: await backend.knex('sync_runs').select(),
        objects: backend.ads.objects.get('ads')!.length,
      };
      backend.permission.decision = AuthorizeResult.DENY;
      backend.auditEvents.length = 0;

      const attempts = [
        request(server).post(`${api}/syncs`).send(validSync),
        request(server)
          .patch(`${api}/syncs/${sync.id}`)
          .send({ mode: 'additive' }),
        request(server).post(`${api}/syncs/${sync.id}/pause`),
        request(server).post(`${api}/syncs/${sync.id}/resume`),
        request(server).post(`${api}/syncs/${sync.id}/run`),
        request(server).post(`${api}/syncs/${sync.id}/verify`),
        request(server).post(`${api}/syncs/${sync.id}/repair`),
        request(server).post(`${api}/syncs/${sync.id}/resync`),
        request(server).post(`${api}/syncs/${sync.id}/runs/${runId}/approve`),
        request(server).delete(`${api}/syncs/${sync.id}`),
        request(server)
          .post(`${api}/destinations/ads/objects`)
          .send({ name: 'Sneaky' }),
      ];
      for (const attempt of attempts) {
        const res = await attempt;
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
      expect(await backend.knex('syncs').select()).toEqual(before.syncs);
      expect(await backend.knex('sync_runs').select()).toEqual(before.runs);
      expect(backend.ads.objects.get('ads')!.length).toBe(before.objects);
      expect(backend.auditEvents.map(e => e.outcome)).toEqual(
        Array(attempts.length).fill('fail'),
      );
    });

    it('refuses reads with 403 when denied', async () => {
      const { sync } = await createSync();
      backend.permission.decision = AuthorizeResult.DENY;
      expect((await request(server).get(`${api}/syncs`)).status).toBe(403);
      expect(
        (await request(server).get(`${api}/syncs/${sync.id}`)).status,
      ).toBe(403);
      expect(
        (await request(server).get(`${api}/syncs/${sync.id}/runs`)).status,
      ).toBe(403);
    });
  });
});
