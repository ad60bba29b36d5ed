import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  RunningEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import {
  BatchRequest,
  DestinationClient,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  REQUEST_LIMIT_WAIT_MS,
  toDestinationError,
} from './salesforceResponses';
import { salesforceConnector } from './salesforceConnector';
import { testConnector } from '../../__testUtils__/testConnector';

const TOKEN = '00DEm!unit-test-session';
const CLIENT = { clientId: 'unit-app', clientSecret: 'unit-app-secret' };
const EXTERNAL_ID = 'Customer_Id__c';

let salesforce: RunningEmulator;

beforeAll(async () => {
  salesforce = await startSalesforceEmulator({
    accessTokens: [TOKEN],
    clientCredentials: [CLIENT],
    org: {
      contacts: [
        {
          FirstName: 'Ada',
          LastName: 'Lovelace',
          Email: 'Ada@Example.com',
          [EXTERNAL_ID]: 'cus_1',
        },
        { LastName: 'Twin A', Email: 'twin@example.com' },
        { LastName: 'Twin B', Email: 'twin@example.com' },
        { LastName: 'Long', Email: 'long@example.com' },
        { LastName: "O'Brien", Email: "o'brien@example.com" },
      ],
      leads: [
        {
          LastName: 'Hopper',
          Company: 'Navy',
          Email: 'grace@example.com',
          [EXTERNAL_ID]: 'cus_2',
        },
        {
          LastName: 'Converted',
          Company: 'X',
          Email: 'converted@example.com',
          IsConverted: true,
        },
      ],
      campaigns: [{ Name: 'Spring' }, { Name: 'Twice' }, { Name: 'Twice' }],
    },
    customFields: ['Plan__c'],
    queryBatchSize: 2,
  });
});

beforeEach(() => salesforce.reset());

afterAll(() => salesforce.close());

const { connect, failure } = testConnector(salesforceConnector, {
  settings: () => ({
    instanceUrl: salesforce.url,
    accessToken: TOKEN,
    externalIdField: EXTERNAL_ID,
  }),
  secrets: [TOKEN, CLIENT.clientSecret],
});

async function soql(query: string): Promise<any[]> {
  const res = await fetch(
    `${salesforce.url}/services/data/v67.0/query?q=${encodeURIComponent(
      query,
    )}`,
    { headers: { authorization: `Bearer ${TOKEN}` } },
  );
  const body = await res.json();
  const records = [...body.records];
  let next = body.nextRecordsUrl;
  while (next) {
    const page = await (
      await fetch(`${salesforce.url}${next}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    records.push(...page.records);
    next = page.nextRecordsUrl;
  }
  return records;
}

function target(
  object: { id: string; name: string },
  identifier: SyncTarget['identifier'] = { entityKey: 'email', field: 'Email' },
  fieldMappings: SyncTarget['fieldMappings'] = [],
): SyncTarget {
  return { object, identifier, fieldMappings };
}

function rows(
  client: DestinationClient,
  t: SyncTarget,
  members: Array<[string, string, Record<string, unknown>?]>,
): PreparedRow[] {
  return members.map(([memberKey, value, fields = {}]) => {
    const result = client.prepare(
      { memberKey, keys: { [t.identifier.entityKey]: value }, fields },
      t,
    );
    if (!result.ok) throw new Error(result.reason);
    return result.row;
  });
}

function batch(
  operation: BatchRequest['operation'],
  t: SyncTarget,
  r: PreparedRow[],
): BatchRequest {
  return { operation, target: t, rows: r };
}

describe('SalesforceConnector', () => {
  it('is the salesforce type, filling Campaigns by Email or an external id, with any Contact field', async () => {
    const connector = salesforceConnector;
    expect([connector.type, connector.label]).toEqual([
      'salesforce',
      'Salesforce',
    ]);
    const client = await connect({ apiRequestsPerDay: 10_000 });
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'Campaign',
      identifierFields: [
        {
          field: 'Email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
        {
          field: EXTERNAL_ID,
          label: `External ID (${EXTERNAL_ID})`,
          entityKeys: ['user_id'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: 200,
      rateLimit: { requests: 2500, perSeconds: 86_400 },
    });
    const emailOnly = await connect({
      externalIdField: undefined as unknown as string,
    });
    expect(emailOnly.capabilities.identifierFields.map(f => f.field)).toEqual([
      'Email',
    ]);
    expect(emailOnly.capabilities.rateLimit).toBeUndefined();
  });

  it.each([
    [{ instanceUrl: 'acme.my.salesforce.com' }, /^instanceUrl: /],
    [{ accessToken: undefined }, /^accessToken: required/],
    [{ clientId: 'x', clientSecret: 'y' }, /^accessToken: set either/],
    [{ accessToken: undefined, clientId: 'x' }, /^clientSecret: required/],
    [{ apiVersion: 'v41.0' }, /^apiVersion: /],
    [{ externalIdField: 'Customer Id' }, /^externalIdField: /],
    [{ apiRequestsPerDay: 2 }, /^apiRequestsPerDay: /],
    [{ timeoutMs: 0 }, /^timeoutMs: /],
  ])(
    'refuses the settings %p, naming the setting',
    async (settings, message) => {
      const error = await connect(settings as JsonObject).catch(
        (e: Error) => e,
      );
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(TOKEN);
    },
  );

  it('prepares lower-cased emails and trimmed external ids, with the mapped fields, and refuses the rest', async () => {
    const client = await connect();
    const campaign = { id: 'c', name: 'C' };
    const byEmail = target(campaign, { entityKey: 'email', field: 'Email' }, [
      {
        source: { kind: 'attribute', name: 'plan_type' },
        destinationField: 'Plan__c',
      },
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'Description',
      },
    ]);
    expect(
      client.prepare(
        {
          memberKey: 'm',
          keys: { email: ' Ada@Example.COM ' },
          fields: { plan_type: 'pro' },
        },
        byEmail,
      ),
    ).toEqual({
      ok: true,
      row: {
        memberKey: 'm',
        identifier: 'ada@example.com',
        fields: { Plan__c: 'pro', Description: null },
      },
    });
    const byId = target(campaign, { entityKey: 'user_id', field: EXTERNAL_ID });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { user_id: ' cus_1 ' }, fields: {} },
        byId,
      ),
    ).toMatchObject({
      ok: true,
      row: { identifier: 'cus_1' },
    });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { email: 'nope' }, fields: {} },
        byEmail,
      ),
    ).toMatchObject({ ok: false, code: 'invalid_email' });
    expect(
      client.prepare({ memberKey: 'm', keys: {}, fields: {} }, byEmail),
    ).toMatchObject({ ok: false, code: 'missing_identifier' });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { user_id: 'x'.repeat(256) }, fields: {} },
        byId,
      ),
    ).toMatchObject({ ok: false, code: 'invalid_external_id' });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { phone: '+14155550123' }, fields: {} },
        target(campaign, { entityKey: 'phone', field: 'Phone' }),
      ),
    ).toMatchObject({ ok: false, code: 'unsupported_identifier' });
  });

  it('lists every campaign, paging, and finds or creates one by name', async () => {
    const client = await connect();
    const listed = await client.listObjects();
    expect(listed.map(o => o.name)).toEqual(['Spring', 'Twice', 'Twice']);
    const spring = listed[0];
    await expect(client.createObject!('spring')).resolves.toEqual(spring);
    const vip = await client.createObject!('VIP');
    expect(vip).toEqual({ id: expect.stringMatching(/^701/), name: 'VIP' });
    expect(
      (await soql(`SELECT IsActive FROM Campaign WHERE Id = '${vip.id}'`))[0]
        .IsActive,
    ).toBe(true);
    const twice = await failure(client.createObject!('Twice'));
    expect(twice).toMatchObject({ code: 'ambiguous_object', retryable: false });
  });

  it('adds Contacts, and Leads where no Contact has the email, rejecting nobody and several people', async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign);
    const sent = rows(client, t, [
      ['ada', 'ADA@example.com'],
      ['grace', 'grace@example.com'],
      ['nobody', 'nobody@example.com'],
      ['twin', 'twin@example.com'],
      ['converted', 'converted@example.com'],
      ['ada-again', 'ada@example.com'],
      ['obrien', "O'Brien@example.com"],
    ]);
    const result = await client.applyBatch(batch('add', t, sent));
    expect(result.rejected).toEqual([
      {
        memberKey: 'nobody',
        code: 'record_not_found',
        message: expect.stringContaining('No Contact or unconverted Lead'),
        retryable: false,
      },
      {
        memberKey: 'twin',
        code: 'ambiguous_record',
        message: expect.stringContaining('2 Contacts'),
        retryable: false,
      },
      {
        memberKey: 'converted',
        code: 'record_not_found',
        message: expect.any(String),
        retryable: false,
      },
    ]);
    expect(salesforce.members(campaign.id)).toEqual([
      'ada@example.com',
      'grace@example.com',
      "o'brien@example.com",
    ]);
    const members = await soql(
      `SELECT ContactId, LeadId FROM CampaignMember WHERE CampaignId = '${campaign.id}'`,
    );
    expect(members.filter(m => m.ContactId)).toHaveLength(2);
    expect(members.filter(m => m.LeadId)).toHaveLength(1);
    // Adding again meets DUPLICATE_VALUE, which is success.
    await expect(
      client.applyBatch(batch('add', t, sent.slice(0, 2))),
    ).resolves.toEqual({ rejected: [] });
  });

  it('matches only Contacts when matchLeads is false', async () => {
    const client = await connect({ matchLeads: false });
    const campaign = await client.createObject!('VIP');
    const t = target(campaign);
    const result = await client.applyBatch(
      batch('add', t, rows(client, t, [['grace', 'grace@example.com']])),
    );
    expect(result.rejected[0]).toMatchObject({
      code: 'record_not_found',
      message: expect.stringContaining('No Contact in'),
    });
  });

  it('adds and removes by the external id field', async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign, { entityKey: 'user_id', field: EXTERNAL_ID });
    const sent = rows(client, t, [
      ['1', 'cus_1'],
      ['2', 'cus_2'],
      ['3', 'cus_404'],
    ]);
    const result = await client.applyBatch(batch('add', t, sent));
    expect(result.rejected.map(r => [r.memberKey, r.code])).toEqual([
      ['3', 'record_not_found'],
    ]);
    expect(salesforce.members(campaign.id)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    await expect(client.applyBatch(batch('remove', t, sent))).resolves.toEqual({
      rejected: [],
    });
    expect(salesforce.members(campaign.id)).toEqual([]);
  });

  it('writes mapped fields to the Contact or Lead on add and update, rejecting rows Salesforce refuses', async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign, { entityKey: 'email', field: 'Email' }, [
      {
        source: { kind: 'attribute', name: 'plan_type' },
        destinationField: 'Plan__c',
      },
    ]);
    const added = await client.applyBatch(
      batch(
        'add',
        t,
        rows(client, t, [
          ['ada', 'ada@example.com', { plan_type: 'pro' }],
          ['grace', 'grace@example.com', { plan_type: 'free' }],
        ]),
      ),
    );
    expect(added).toEqual({ rejected: [] });
    expect(
      (
        await soql(
          "SELECT Plan__c FROM Contact WHERE Email = 'ada@example.com'",
        )
      )[0].Plan__c,
    ).toBe('pro');
    expect(
      (
        await soql("SELECT Plan__c FROM Lead WHERE Email = 'grace@example.com'")
      )[0].Plan__c,
    ).toBe('free');

    const updated = await client.applyBatch(
      batch(
        'update',
        t,
        rows(client, t, [
          ['ada', 'ada@example.com', { plan_type: 'enterprise' }],
        ]),
      ),
    );
    expect(updated).toEqual({ rejected: [] });
    expect(
      (
        await soql(
          "SELECT Plan__c FROM Contact WHERE Email = 'ada@example.com'",
        )
      )[0].Plan__c,
    ).toBe('enterprise');

    const unknownField = target(
      campaign,
      { entityKey: 'email', field: 'Email' },
      [
        {
          source: { kind: 'attribute', name: 'plan_type' },
          destinationField: 'Nickname__c',
        },
      ],
    );
    const refused = await client.applyBatch(
      batch(
        'add',
        unknownField,
        rows(client, unknownField, [
          ['long', 'long@example.com', { plan_type: 'x' }],
        ]),
      ),
    );
    expect(refused.rejected).toEqual([
      {
        memberKey: 'long',
        code: 'INVALID_FIELD',
        message: expect.stringContaining("No such column 'Nickname__c'"),
        retryable: false,
      },
    ]);
    // A row whose fields were refused is not added either.
    expect(salesforce.members(campaign.id)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
  });

  it('sends nothing for updates of syncs without field mappings', async () => {
    const client = await connect();
    const before = salesforce.stats().requests;
    const t = target({ id: 'c', name: 'C' });
    await expect(
      client.applyBatch(
        batch('update', t, rows(client, t, [['ada', 'ada@example.com']])),
      ),
    ).resolves.toEqual({ rejected: [] });
    expect(salesforce.stats().requests).toBe(before);
  });

  it('removes members by looking up their CampaignMember ids, and treats non-members as removed', async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign);
    await client.applyBatch(
      batch(
        'add',
        t,
        rows(client, t, [
          ['ada', 'ada@example.com'],
          ['grace', 'grace@example.com'],
        ]),
      ),
    );
    const result = await client.applyBatch(
      batch(
        'remove',
        t,
        rows(client, t, [
          ['ada', 'ada@example.com'],
          ['nobody', 'nobody@example.com'],
          ['long', 'long@example.com'],
        ]),
      ),
    );
    expect(result).toEqual({ rejected: [] });
    expect(salesforce.members(campaign.id)).toEqual(['grace@example.com']);
  });

  it('splits long lookups into several queries that fit a URL', async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign);
    const long = Array.from({ length: 150 }, (_, i): [string, string] => [
      `m${i}`,
      `${'x'.repeat(40)}.${i}@example.com`,
    ]);
    const before = salesforce.stats().requests;
    const result = await client.applyBatch(
      batch('add', t, rows(client, t, [['ada', 'ada@example.com'], ...long])),
    );
    expect(result.rejected).toHaveLength(150);
    expect(salesforce.members(campaign.id)).toEqual(['ada@example.com']);
    // Several Contact lookups and several Lead lookups, then one write.
    expect(salesforce.stats().requests - before).toBeGreaterThan(4);
  });

  it('rejects rows whose records another transaction holds as retryable', async () => {
    const [ada] = await soql(
      "SELECT Id FROM Contact WHERE Email = 'ada@example.com'",
    );
    const locked = await startSalesforceEmulator({
      accessTokens: [TOKEN],
      org: {
        contacts: [
          { Id: ada.Id, LastName: 'Lovelace', Email: 'ada@example.com' },
          { LastName: 'Free', Email: 'free@example.com' },
        ],
      },
      lockedRecordIds: [ada.Id],
    });
    try {
      const client = await salesforceConnector.connect(
        {
          id: 's',
          type: 'salesforce',
          name: 'S',
          owner: 'group:default/x',
          settings: new ConfigReader({
            instanceUrl: locked.url,
            accessToken: TOKEN,
          }),
        },
        { logger: mockServices.logger.mock() },
      );
      const campaign = await client.createObject!('VIP');
      const t = target(campaign);
      const result = await client.applyBatch(
        batch(
          'add',
          t,
          rows(client, t, [
            ['ada', 'ada@example.com'],
            ['free', 'free@example.com'],
          ]),
        ),
      );
      expect(result.rejected).toEqual([
        {
          memberKey: 'ada',
          code: 'UNABLE_TO_LOCK_ROW',
          message: expect.stringContaining('exclusive access'),
          retryable: true,
        },
      ]);
      expect(locked.members(campaign.id)).toEqual(['free@example.com']);
    } finally {
      await locked.close();
    }
  });

  it("fails the batch for good when the campaign is gone, or the member status is not the campaign's", async () => {
    const client = await connect();
    const campaign = await client.createObject!('VIP');
    const t = target(campaign);
    const sent = rows(client, t, [['ada', 'ada@example.com']]);
    const badStatus = await connect({ memberStatus: 'Attended' });
    expect(
      await failure(badStatus.applyBatch(batch('add', t, sent))),
    ).toMatchObject({
      code: 'invalid_member_status',
      retryable: false,
      message: expect.stringContaining('memberStatus'),
    });
    const deleted = await fetch(
      `${salesforce.url}/services/data/v67.0/sobjects/Campaign/${campaign.id}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(deleted.status).toBe(204);
    expect(
      await failure(client.applyBatch(batch('add', t, sent))),
    ).toMatchObject({ code: 'object_not_found', retryable: false });
  });

  it('surfaces REQUEST_LIMIT_EXCEEDED as throttling with a long wait, and server errors as retryable', async () => {
    const client = await connect();
    const t = target({ id: 'c', name: 'C' });
    // Listing takes two calls: three campaigns in pages of two.
    salesforce.setRateLimit({ requests: 2, perSeconds: 86_400 });
    await client.listObjects();
    const throttled = await failure(client.listObjects());
    expect(throttled).toMatchObject({
      code: 'throttled',
      throttled: true,
      retryable: true,
      retryAfterMs: REQUEST_LIMIT_WAIT_MS,
    });
    expect(throttled.message).toContain('api-usage=2/2');
    salesforce.setRateLimit(null);
    salesforce.setFaults({ errorRate: 1 });
    const failed = await failure(
      client.applyBatch(
        batch('add', t, rows(client, t, [['ada', 'ada@example.com']])),
      ),
    );
    expect(failed.retryable).toBe(true);
    expect(['salesforce_unavailable', 'row_locked']).toContain(failed.code);
  });

  it('fails clearly on a refused session token, naming the setting', async () => {
    const client = await connect({ accessToken: 'expired-session' });
    const error = await failure(client.listObjects());
    expect(error).toMatchObject({
      code: 'unauthorized',
      retryable: false,
      throttled: false,
    });
    expect(error.message).toContain('accessToken');
    expect(error.message).not.toContain('expired-session');
  });

  it('gets sessions by the client-credentials flow, and a new one when the old expires', async () => {
    const logger = mockServices.logger.mock();
    const client = await connect(
      { accessToken: undefined as unknown as string, ...CLIENT },
      logger,
    );
    await expect(client.listObjects()).resolves.toHaveLength(3);
    // The emulator forgets issued sessions on reset: the next call gets a new one.
    salesforce.reset();
    await expect(client.listObjects()).resolves.toHaveLength(3);
    const wrong = await connect({
      accessToken: undefined as unknown as string,
      clientId: 'unit-app',
      clientSecret: 'wrong-secret',
    });
    const error = await failure(wrong.listObjects());
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(error.message).toContain('clientId and clientSecret');
    expect(error.message).not.toContain('wrong-secret');
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain(
      CLIENT.clientSecret,
    );
  });

  it.each([
    'https://attacker.example/services/data/v67.0/query/01gD0000002HU6KIAW-2000',
    // Appended to the instance URL, these would change its host.
    '.attacker.example/services/data/v67.0/query/01gD0000002HU6KIAW-2000',
    '@attacker.example/services/data/v67.0/query/01gD0000002HU6KIAW-2000',
  ])(
    'refuses to follow a nextRecordsUrl that leaves the instance: %p',
    async nextRecordsUrl => {
      const requests: string[] = [];
      const instance = createServer((req, res) => {
        requests.push(`${req.headers.host}${req.url}`);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            totalSize: 4000,
            done: false,
            nextRecordsUrl,
            records: [{ Id: '701000000000001', Name: 'VIP' }],
          }),
        );
      });
      await new Promise<void>(done => instance.listen(0, '127.0.0.1', done));
      try {
        const { port } = instance.address() as AddressInfo;
        const client = await connect({
          instanceUrl: `http://127.0.0.1:${port}`,
        });
        const error = await failure(client.listObjects());
        expect(error).toMatchObject({
          code: 'unexpected_response',
          retryable: false,
        });
        expect(error.message).toMatch(
          /nextRecordsUrl that leaves the instance 127\.0\.0\.1:\d+/,
        );
        expect(requests).toHaveLength(1);
      } finally {
        await new Promise(done => instance.close(done));
      }
    },
  );

  it('keeps a client-credentials session token out of errors and logs, even where Salesforce quotes it', async () => {
    const session = '00DEm!issued-session-token-4711';
    const instance = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/services/oauth2/token') {
        res.end(
          JSON.stringify({ access_token: session, token_type: 'Bearer' }),
        );
        return;
      }
      res.statusCode = 400;
      res.end(
        JSON.stringify([
          {
            errorCode: 'INVALID_FIELD',
            message: `No such column; request with session ${req.headers.authorization}`,
          },
        ]),
      );
    });
    await new Promise<void>(done => instance.listen(0, '127.0.0.1', done));
    try {
      const { port } = instance.address() as AddressInfo;
      const logger = mockServices.logger.mock();
      const client = await connect(
        {
          instanceUrl: `http://127.0.0.1:${port}`,
          accessToken: undefined as unknown as string,
          ...CLIENT,
        },
        logger,
      );
      const error = await failure(client.listObjects());
      expect(error.message).toContain('No such column');
      expect(error.message).not.toContain(session);
      const logged = JSON.stringify([
        logger.debug.mock.calls,
        logger.info.mock.calls,
        logger.warn.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logged).not.toContain(session);
    } finally {
      await new Promise(done => instance.close(done));
    }
  });

  it('follows a nextRecordsUrl on the instance, as a path or a full URL', async () => {
    const instance = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      const first = req.url!.startsWith('/services/data/v67.0/query?');
      res.end(
        JSON.stringify(
          first
            ? {
                done: false,
                nextRecordsUrl: `http://${req.headers.host}/services/data/v67.0/query/01g-2000`,
                records: [{ Id: '701000000000001', Name: 'A' }],
              }
            : { done: true, records: [{ Id: '701000000000002', Name: 'B' }] },
        ),
      );
    });
    await new Promise<void>(done => instance.listen(0, '127.0.0.1', done));
    try {
      const { port } = instance.address() as AddressInfo;
      const client = await connect({ instanceUrl: `http://127.0.0.1:${port}` });
      await expect(client.listObjects()).resolves.toEqual([
        { id: '701000000000001', name: 'A' },
        { id: '701000000000002', name: 'B' },
      ]);
    } finally {
      await new Promise(done => instance.close(done));
    }
  });

  it('maps Salesforce error answers to what the engine should do', () => {
    const context = {
      authSettings: 'accessToken',
      externalIdField: 'Customer_Id__c',
    };
    const map = (status: number, body: unknown) =>
      toDestinationError(
        { status, headers: new Headers(), body, text: JSON.stringify(body) },
        context,
      );
    expect(
      map(400, [
        {
          errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
          message:
            'trigger: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access',
        },
      ]),
    ).toMatchObject({ code: 'row_locked', retryable: true });
    expect(
      map(503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'later' }]),
    ).toMatchObject({ code: 'salesforce_unavailable', retryable: true });
    expect(
      map(403, [{ errorCode: 'API_DISABLED_FOR_ORG', message: 'no API' }]),
    ).toMatchObject({ code: 'forbidden', retryable: false });
    expect(
      map(404, [{ errorCode: 'NOT_FOUND', message: 'gone' }]),
    ).toMatchObject({ code: 'not_found', retryable: false });
    expect(
      map(400, [
        { errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached' },
      ]),
    ).toMatchObject({ code: 'too_many_rows', retryable: false });
    const field = map(400, [
      {
        errorCode: 'INVALID_FIELD',
        message: "No such column 'Customer_Id__c' on entity 'Lead'",
      },
    ]);
    expect(field.message).toContain(
      "check the destination's externalIdField setting",
    );
  });
});
