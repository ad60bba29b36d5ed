import { RunningEmulator } from '../framework/types';
import { startHubSpotEmulator } from './startHubSpotEmulator';

const TOKEN = 'pat-na1-test';
const READ_ONLY = 'pat-na1-read-only';

let hubspot: RunningEmulator;

beforeAll(async () => {
  hubspot = await startHubSpotEmulator({
    accessTokens: [TOKEN, READ_ONLY],
    tokenScopes: {
      [READ_ONLY]: ['crm.lists.read', 'crm.objects.contacts.read'],
    },
    lists: [
      { listId: '7', name: 'Newsletter' },
      { name: 'Everyone', processingType: 'DYNAMIC' },
    ],
    contacts: [{ email: 'ada@example.com', firstname: 'Ada', plan__c: 'pro' }],
  });
});

beforeEach(() => hubspot.reset());

afterAll(() => hubspot.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
) {
  const res = await fetch(`${hubspot.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

function upsert(
  emails: string[],
  properties: Record<string, unknown> = {},
  path = '/crm/v3/objects/contacts/batch/upsert',
) {
  return call('POST', path, {
    inputs: emails.map((email, i) => ({
      id: email,
      idProperty: 'email',
      objectWriteTraceId: String(i),
      properties: { email, ...properties },
    })),
  });
}

describe('HubSpot emulator', () => {
  it('refuses a missing or wrong token with 401 INVALID_AUTHENTICATION, and missing scopes with 403', async () => {
    const wrong = await call('POST', '/crm/v3/lists/search', {}, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({
      status: 'error',
      category: 'INVALID_AUTHENTICATION',
    });
    const scoped = await call(
      'PUT',
      '/crm/v3/lists/7/memberships/add',
      ['101'],
      READ_ONLY,
    );
    expect(scoped.status).toBe(403);
    expect(scoped.json).toMatchObject({
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.lists.write'] } }],
    });
    expect(
      (await call('POST', '/crm/v3/lists/search', {}, READ_ONLY)).status,
    ).toBe(200);
  });

  it('creates MANUAL lists on both path families, finds them by name and searches them', async () => {
    const created = await call('POST', '/crm/lists/2026-03', {
      name: 'VIP',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    });
    expect(created.status).toBe(200);
    expect(created.json.list).toMatchObject({
      name: 'VIP',
      processingType: 'MANUAL',
      objectTypeId: '0-1',
      listVersion: 1,
    });
    const byName = await call(
      'GET',
      '/crm/v3/lists/object-type-id/0-1/name/vip',
    );
    expect(byName.json.list.listId).toBe(created.json.list.listId);
    const duplicate = await call('POST', '/crm/v3/lists', {
      name: 'VIP',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.subCategory).toBe('ILS.DUPLICATE_LIST_NAMES');
    const search = await call('POST', '/crm/v3/lists/search', {
      processingTypes: ['MANUAL'],
      count: 1,
    });
    expect(search.json).toMatchObject({ hasMore: true, total: 2, offset: 1 });
    expect(search.json.lists.map((l: any) => l.name)).toEqual(['Newsletter']);
    expect(hubspot.objects().map(o => o.name)).toEqual([
      'Newsletter',
      'Everyone',
      'VIP',
    ]);
    expect((await call('GET', '/crm/v3/lists/999')).status).toBe(404);
  });

  it('upserts contacts by email, answering 207 with errors named by objectWriteTraceId', async () => {
    const res = await upsert(
      ['Grace@Example.com', 'not-an-email', 'ada@example.com'],
      { firstname: 'X' },
    );
    expect(res.status).toBe(207);
    expect(res.json.numErrors).toBe(1);
    expect(res.json.errors[0]).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: 'Property value "not-an-email" is not a valid email',
      context: { objectWriteTraceId: ['1'] },
    });
    // Results come back in id order, not input order.
    expect(
      res.json.results.map((r: any) => [
        r.properties.email,
        r.new,
        r.objectWriteTraceId,
      ]),
    ).toEqual([
      ['ada@example.com', false, '2'],
      ['grace@example.com', true, '0'],
    ]);
    const unknown = await upsert(['ada@example.com'], { nickname: 'x' });
    expect(unknown.json.errors[0]).toMatchObject({
      subCategory: 'PROPERTY_DOESNT_EXIST',
      context: { objectWriteTraceId: ['0'], propertyName: ['nickname'] },
    });
    const ok = await upsert(
      ['ada@example.com'],
      { plan__c: 'enterprise' },
      '/crm/objects/2026-03/contacts/batch/upsert',
    );
    expect(ok.status).toBe(200);
    expect(ok.json.results[0].properties).toMatchObject({
      email: 'ada@example.com',
      firstname: 'X',
      plan__c: 'enterprise',
    });
  });

  it('refuses more than 100 inputs per batch call', async () => {
    const emails = Array.from({ length: 101 }, (_, i) => `m${i}@example.com`);
    const res = await upsert(emails);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      category: 'VALIDATION_ERROR',
      message: expect.stringContaining('is 100'),
    });
    expect(hubspot.stats().rejectedByLimit).toBe(1);
    const duplicate = await upsert(['a@example.com', 'A@example.com']);
    expect(duplicate.status).toBe(400);
  });

  it('reads contacts by email, reporting missing ones as OBJECT_NOT_FOUND', async () => {
    const res = await call('POST', '/crm/v3/objects/contacts/batch/read', {
      idProperty: 'email',
      inputs: [{ id: 'ADA@example.com' }, { id: 'nobody@example.com' }],
      properties: ['email'],
    });
    expect(res.status).toBe(207);
    expect(res.json.results.map((r: any) => r.properties.email)).toEqual([
      'ada@example.com',
    ]);
    expect(res.json.errors[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['nobody@example.com'] },
    });
  });

  it('adds and removes list members by record id, ignoring members and reporting missing ids', async () => {
    const [ada, grace] = (
      await upsert(['ada@example.com', 'grace@example.com'])
    ).json.results.map((r: any) => r.id);
    const added = await call('PUT', '/crm/v3/lists/7/memberships/add', [
      ada,
      grace,
      '999',
    ]);
    expect(added.json).toEqual({
      recordIdsMissing: ['999'],
      recordIdsRemoved: [],
      recordsIdsAdded: [ada, grace],
    });
    const again = await call('PUT', '/crm/lists/2026-03/7/memberships/add', [
      ada,
    ]);
    expect(again.json).toEqual({ recordIdsRemoved: [], recordsIdsAdded: [] });
    expect(hubspot.members('7')).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    const removed = await call('PUT', '/crm/v3/lists/7/memberships/remove', [
      grace,
      grace,
    ]);
    expect(removed.json).toEqual({
      recordIdsRemoved: [grace],
      recordsIdsAdded: [],
    });
    expect(hubspot.members('7')).toEqual(['ada@example.com']);
    const both = await call(
      'PUT',
      '/crm/v3/lists/7/memberships/add-and-remove',
      { recordIdsToAdd: [grace], recordIdsToRemove: [ada] },
    );
    expect(both.json).toEqual({
      recordIdsRemoved: [ada],
      recordsIdsAdded: [grace],
    });
    const page = await call('GET', '/crm/v3/lists/7/memberships');
    expect(page.json.results.map((r: any) => r.recordId)).toEqual([grace]);
    expect((await call('GET', '/crm/v3/lists/7')).json.list).toMatchObject({
      listVersion: 5,
      additionalProperties: { hs_list_size: '1' },
    });
  });

  it('refuses membership changes of DYNAMIC lists and bodies that are not id arrays', async () => {
    const dynamic = hubspot.objects().find(o => o.name === 'Everyone')!;
    const res = await call(
      'PUT',
      `/crm/v3/lists/${dynamic.id}/memberships/add`,
      ['101'],
    );
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('DYNAMIC');
    expect(
      (await call('PUT', '/crm/v3/lists/7/memberships/add', { ids: ['101'] }))
        .status,
    ).toBe(400);
  });

  it('throttles with 429 RATE_LIMIT, naming the policy and the window in headers', async () => {
    hubspot.setRateLimit({ requests: 2, perSeconds: 10 });
    const first = await call('GET', '/crm/v3/lists/7');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('1');
    await call('GET', '/crm/v3/lists/7');
    const throttled = await call('GET', '/crm/v3/lists/7');
    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    expect(
      throttled.headers.get('x-hubspot-ratelimit-interval-milliseconds'),
    ).toBe('10000');
    expect(throttled.headers.get('x-hubspot-ratelimit-max')).toBe('2');
    expect(throttled.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    hubspot.advanceClock(10_000);
    expect((await call('GET', '/crm/v3/lists/7')).status).toBe(200);
  });

  it('can answer membership adds with the recordIdsAdded spelling', async () => {
    const other = await startHubSpotEmulator({
      accessTokens: [TOKEN],
      lists: [{ listId: '1', name: 'L' }],
      contacts: [{ email: 'a@example.com' }],
      addedKeySpelling: 'recordIdsAdded',
    });
    try {
      const res = await fetch(`${other.url}/crm/v3/lists/1/memberships/add`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(['101']),
      });
      expect(await res.json()).toEqual({
        recordIdsRemoved: [],
        recordIdsAdded: ['101'],
      });
    } finally {
      await other.close();
    }
  });

  it('answers injected faults with 500 or 503 and the HubSpot error body', async () => {
    hubspot.setFaults({ errorRate: 1, seed: 2 });
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const res = await call('GET', '/crm/v3/lists/7');
      expect(res.json.status).toBe('error');
      statuses.add(res.status);
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });
});
