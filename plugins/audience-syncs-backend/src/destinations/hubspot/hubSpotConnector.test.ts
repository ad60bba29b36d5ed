import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import {
  BatchRequest,
  DestinationClient,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { readMembershipUpdate, upsertRejections } from './hubspotResponses';
import { hubSpotConnector } from './hubSpotConnector';
import { testConnector } from '../../__testUtils__/testConnector';

const TOKEN = 'pat-na1-unit-test';
const NO_WRITE = 'pat-na1-read-only';
const NEWSLETTER = { id: '7', name: 'Newsletter' };

let hubspot: RunningEmulator;

beforeAll(async () => {
  hubspot = await startHubSpotEmulator({
    accessTokens: [TOKEN, NO_WRITE],
    tokenScopes: {
      [NO_WRITE]: ['crm.lists.read', 'crm.objects.contacts.read'],
    },
    lists: [
      { listId: NEWSLETTER.id, name: NEWSLETTER.name },
      { name: 'Everyone', processingType: 'DYNAMIC' },
      { name: 'Frozen', processingType: 'SNAPSHOT' },
      ...Array.from({ length: 500 }, (_, i) => ({ name: `Bulk ${i}` })),
    ],
    contacts: [{ email: 'ada@example.com', firstname: 'Ada' }],
    customProperties: ['plan_type'],
  });
});

beforeEach(() => hubspot.reset());

afterAll(() => hubspot.close());

const { connect, failure } = testConnector(hubSpotConnector, {
  settings: () => ({ baseUrl: hubspot.url, accessToken: TOKEN }),
  secrets: [TOKEN],
});

async function contact(
  email: string,
): Promise<Record<string, string | null> | undefined> {
  const res = await fetch(`${hubspot.url}/crm/v3/objects/contacts/batch/read`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      idProperty: 'email',
      inputs: [{ id: email }],
      properties: ['plan_type', 'firstname'],
    }),
  });
  return (await res.json()).results[0]?.properties;
}

const planMapping: SyncTarget['fieldMappings'] = [
  {
    source: { kind: 'attribute', name: 'plan_type' },
    destinationField: 'plan_type',
  },
];

function target(
  object = NEWSLETTER,
  fieldMappings: SyncTarget['fieldMappings'] = [],
): SyncTarget {
  return {
    object,
    identifier: { entityKey: 'email', field: 'email' },
    fieldMappings,
  };
}

function rows(
  client: DestinationClient,
  t: SyncTarget,
  members: Array<[string, string, Record<string, unknown>?]>,
): PreparedRow[] {
  return members.map(([memberKey, email, fields = {}]) => {
    const result = client.prepare({ memberKey, keys: { email }, fields }, t);
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

describe('HubSpotConnector', () => {
  it('is the hubspot type, filling Lists by email with any contact property', async () => {
    const connector = hubSpotConnector;
    expect([connector.type, connector.label]).toEqual(['hubspot', 'HubSpot']);
    const client = await connect({ requestsPerTenSeconds: 190 });
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'List',
      identifierFields: [
        {
          field: 'email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: 100,
      rateLimit: { requests: 95, perSeconds: 10 },
    });
  });

  it.each([
    [{ baseUrl: 'api.hubapi.com' }, /^baseUrl: /],
    [{ apiVersion: 'v4' }, /^apiVersion: /],
    [{ requestsPerTenSeconds: 1 }, /^requestsPerTenSeconds: /],
    [{ timeoutMs: -1 }, /^timeoutMs: /],
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

  it('prepares lower-cased emails with the mapped properties, and refuses the rest', async () => {
    const client = await connect();
    expect(
      client.prepare(
        {
          memberKey: 'm',
          keys: { email: ' Ada@Example.COM ' },
          fields: { plan_type: 'pro' },
        },
        target(NEWSLETTER, planMapping),
      ),
    ).toEqual({
      ok: true,
      row: {
        memberKey: 'm',
        identifier: 'ada@example.com',
        fields: { plan_type: 'pro' },
      },
    });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { email: 'ada' }, fields: {} },
        target(),
      ),
    ).toMatchObject({ ok: false, code: 'invalid_email' });
    expect(
      client.prepare({ memberKey: 'm', keys: {}, fields: {} }, target()),
    ).toMatchObject({ ok: false, code: 'missing_identifier' });
    expect(
      client.prepare(
        { memberKey: 'm', keys: { user_id: 'u' }, fields: {} },
        { ...target(), identifier: { entityKey: 'user_id', field: 'email' } },
      ),
    ).toMatchObject({ ok: false, code: 'unsupported_identifier' });
  });

  it('lists the MANUAL and SNAPSHOT contact lists, paging through search', async () => {
    const client = await connect();
    const lists = await client.listObjects();
    expect(lists).toHaveLength(502);
    expect(lists.slice(0, 2)).toEqual([
      NEWSLETTER,
      { id: expect.any(String), name: 'Frozen' },
    ]);
    expect(lists.map(l => l.name)).not.toContain('Everyone');
  });

  it('creates MANUAL lists, and fills a manageable list that has the name already', async () => {
    const client = await connect();
    const vip = await client.createObject!('VIP');
    expect(vip).toEqual({ id: expect.any(String), name: 'VIP' });
    await expect(client.createObject!('VIP')).resolves.toEqual(vip);
    await expect(client.createObject!('newsletter')).resolves.toEqual(
      NEWSLETTER,
    );
    const dynamic = await failure(client.createObject!('Everyone'));
    expect(dynamic).toMatchObject({ code: 'object_exists', retryable: false });
  });

  it('upserts contacts with their mapped properties and adds them to the list, rejecting contacts HubSpot refuses', async () => {
    const client = await connect();
    const t = target(NEWSLETTER, planMapping);
    const result = await client.applyBatch(
      batch(
        'add',
        t,
        rows(client, t, [
          ['ada', 'ada@example.com', { plan_type: 'pro' }],
          ['grace', 'Grace@Example.com', { plan_type: null }],
          ['grace-twin', 'grace@example.com', { plan_type: 'free' }],
        ]),
      ),
    );
    expect(result).toEqual({ rejected: [] });
    expect(hubspot.members(NEWSLETTER.id)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    expect(await contact('ada@example.com')).toMatchObject({
      plan_type: 'pro',
      firstname: 'Ada',
    });
    expect(await contact('grace@example.com')).toMatchObject({
      plan_type: 'free',
    });

    const unknown = target(NEWSLETTER, [
      {
        source: { kind: 'attribute', name: 'plan_type' },
        destinationField: 'nickname',
      },
    ]);
    const refused = await client.applyBatch(
      batch(
        'add',
        unknown,
        rows(client, unknown, [['lin', 'lin@example.com', { plan_type: 'x' }]]),
      ),
    );
    expect(refused.rejected).toEqual([
      {
        memberKey: 'lin',
        code: 'PROPERTY_DOESNT_EXIST',
        message:
          'HubSpot refused the contact: Property "nickname" does not exist',
        retryable: false,
      },
    ]);
    expect(hubspot.members(NEWSLETTER.id)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
  });

  it('speaks the legacy v3 paths, and reads the recordIdsAdded spelling of membership answers', async () => {
    const legacy = await startHubSpotEmulator({
      accessTokens: [TOKEN],
      lists: [{ listId: '1', name: 'L' }],
      addedKeySpelling: 'recordIdsAdded',
    });
    try {
      const client = await connect({ apiVersion: 'v3', baseUrl: legacy.url });
      const t = target({ id: '1', name: 'L' });
      await expect(
        client.applyBatch(
          batch('add', t, rows(client, t, [['a', 'a@example.com']])),
        ),
      ).resolves.toEqual({ rejected: [] });
      expect(legacy.members('1')).toEqual(['a@example.com']);
    } finally {
      await legacy.close();
    }
    expect(
      readMembershipUpdate({
        recordIdsAdded: [1, '2'],
        recordIdsMissing: ['3'],
      }),
    ).toEqual({ added: ['1', '2'], removed: [], missing: ['3'] });
    expect(
      readMembershipUpdate({ recordsIdsAdded: ['4'], recordIdsRemoved: ['5'] }),
    ).toEqual({ added: ['4'], removed: ['5'], missing: [] });
  });

  it('removes members by email, without creating contacts for emails HubSpot does not know', async () => {
    const client = await connect();
    const t = target();
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
          ['ada', 'ADA@example.com'],
          ['nobody', 'nobody@example.com'],
        ]),
      ),
    );
    expect(result).toEqual({ rejected: [] });
    expect(hubspot.members(NEWSLETTER.id)).toEqual(['grace@example.com']);
    expect(await contact('nobody@example.com')).toBeUndefined();
  });

  it('writes properties on update without touching the list, and sends nothing without mappings', async () => {
    const client = await connect();
    const t = target(NEWSLETTER, planMapping);
    await expect(
      client.applyBatch(
        batch(
          'update',
          t,
          rows(client, t, [
            ['ada', 'ada@example.com', { plan_type: 'enterprise' }],
          ]),
        ),
      ),
    ).resolves.toEqual({ rejected: [] });
    expect(await contact('ada@example.com')).toMatchObject({
      plan_type: 'enterprise',
    });
    expect(hubspot.members(NEWSLETTER.id)).toEqual([]);
    const before = hubspot.stats().requests;
    await client.applyBatch(
      batch(
        'update',
        target(),
        rows(client, target(), [['ada', 'ada@example.com']]),
      ),
    );
    expect(hubspot.stats().requests).toBe(before);
  });

  it('surfaces 429 as throttling for the window HubSpot names, and 5xx as retryable', async () => {
    const client = await connect();
    hubspot.setRateLimit({ requests: 1, perSeconds: 10 });
    await client.listObjects().catch(() => undefined);
    const throttled = await failure(client.listObjects());
    expect(throttled).toMatchObject({
      code: 'throttled',
      throttled: true,
      retryable: true,
      retryAfterMs: 10_000,
    });
    expect(throttled.message).toContain('TEN_SECONDLY_ROLLING');
    hubspot.setRateLimit(null);
    hubspot.setFaults({ errorRate: 1 });
    expect(await failure(client.listObjects())).toMatchObject({
      code: 'hubspot_unavailable',
      retryable: true,
      throttled: false,
    });
  });

  it('fails clearly on a wrong token or missing scopes', async () => {
    const wrong = await connect({ accessToken: 'pat-na1-revoked' });
    const unauthorized = await failure(wrong.listObjects());
    expect(unauthorized).toMatchObject({
      code: 'unauthorized',
      retryable: false,
    });
    expect(unauthorized.message).toContain('accessToken');
    expect(unauthorized.message).not.toContain('pat-na1-revoked');
    const readOnly = await connect({ accessToken: NO_WRITE });
    const t = target();
    const forbidden = await failure(
      readOnly.applyBatch(
        batch('add', t, rows(readOnly, t, [['a', 'a@example.com']])),
      ),
    );
    expect(forbidden).toMatchObject({ code: 'forbidden', retryable: false });
    expect(forbidden.message).toContain('crm.objects.contacts.write');
  });

  it('fails the batch for good when the list is gone', async () => {
    const client = await connect();
    const t = target({ id: '999', name: 'Gone' });
    expect(
      await failure(
        client.applyBatch(
          batch('add', t, rows(client, t, [['a', 'a@example.com']])),
        ),
      ),
    ).toMatchObject({
      code: 'object_not_found',
      retryable: false,
    });
  });

  it('maps upsert errors to rows by trace id or by the ids they name, and rejects rows HubSpot left out', () => {
    const row = (memberKey: string, identifier: string): PreparedRow => ({
      memberKey,
      identifier,
      fields: {},
    });
    const inputs = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com'];
    const byEmail = new Map(inputs.map((e, i) => [e, [row(`m${i}`, e)]]));
    byEmail.get('a@x.com')!.push(row('m0-twin', 'a@x.com'));
    const rejected = upsertRejections(
      {
        results: [{ id: '1', properties: { email: 'D@x.com' } }],
        errors: [
          {
            category: 'VALIDATION_ERROR',
            message: 'bad a',
            context: { objectWriteTraceId: ['0'] },
          },
          {
            category: 'CONFLICT',
            message: 'busy b',
            context: { ids: ['B@x.com'] },
          },
        ],
      },
      inputs,
      byEmail,
    );
    expect(rejected.map(r => [r.memberKey, r.code, r.retryable])).toEqual([
      ['m0', 'VALIDATION_ERROR', false],
      ['m0-twin', 'VALIDATION_ERROR', false],
      ['m1', 'CONFLICT', true],
      ['m2', 'not_written', true],
    ]);
  });
});
