import { createHash } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startMailchimpEmulator } from './startMailchimpEmulator';

const KEY = '0123456789abcdef0123456789abcdef-us19';
const LIST = 'f3a9c1d2e4';
const VIP = { id: 20001, name: 'VIP' };
const md5 = (v: string) => createHash('md5').update(v).digest('hex');

let mc: RunningEmulator;

beforeAll(async () => {
  mc = await startMailchimpEmulator({
    apiKeys: [KEY],
    dataCenter: 'us19',
    lists: [
      {
        id: LIST,
        name: 'Newsletter',
        mergeFields: [{ tag: 'LTV', name: 'Lifetime value', type: 'number' }],
        tags: [VIP],
      },
    ],
  });
});

beforeEach(() => mc.reset());

afterAll(() => mc.close());

function auth(key = KEY) {
  return `Basic ${Buffer.from(`anystring:${key}`).toString('base64')}`;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  key: string | null = KEY,
) {
  const res = await fetch(`${mc.url}/3.0${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: auth(key) }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    json: text ? JSON.parse(text) : undefined,
  };
}

function subscribe(members: unknown[], extra: Record<string, unknown> = {}) {
  return call('POST', `/lists/${LIST}`, {
    members,
    update_existing: true,
    ...extra,
  });
}

const contact = (email: string, extra: Record<string, unknown> = {}) => ({
  email_address: email,
  status: 'subscribed',
  ...extra,
});

function changeTag(
  id: number,
  changes: { members_to_add?: string[]; members_to_remove?: string[] },
) {
  return call('POST', `/lists/${LIST}/segments/${id}`, changes);
}

describe('Mailchimp emulator', () => {
  describe('auth', () => {
    it('takes the key as the Basic password and refuses others with 401 problem+json', async () => {
      expect((await call('GET', '/ping')).json).toEqual({
        health_status: "Everything's Chimpy!",
      });
      for (const key of ['0123456789abcdef0123456789abcdef-us6', null]) {
        const res = await call('GET', '/lists', undefined, key);
        expect(res.status).toBe(401);
        expect(res.type).toMatch(/^application\/problem\+json/);
        expect(res.json).toMatchObject({
          type: 'https://mailchimp.com/developer/marketing/docs/errors/',
          title: 'API Key Invalid',
          status: 401,
          instance: expect.any(String),
        });
      }
    });

    it('refuses to start with a key of another data center', async () => {
      await expect(
        startMailchimpEmulator({ apiKeys: ['abc-us1'], dataCenter: 'us2' }),
      ).rejects.toThrow(/-us2/);
    });
  });

  describe('audiences and merge fields', () => {
    it('lists, creates and reads audiences with their stats', async () => {
      const created = await call('POST', '/lists', {
        name: 'Customers',
        contact: { company: 'SignalSmith', country: 'DE' },
        permission_reminder: 'You bought from us.',
        campaign_defaults: { from_name: 'S', from_email: 's@x.io' },
        email_type_option: false,
      });
      expect(created.status).toBe(200);
      const lists = await call('GET', '/lists?count=10');
      expect(lists.json.lists.map((l: { name: string }) => l.name)).toEqual([
        'Newsletter',
        'Customers',
      ]);
      await subscribe([contact('a@x.io')]);
      expect((await call('GET', `/lists/${LIST}`)).json.stats).toMatchObject({
        member_count: 1,
        total_contacts: 1,
      });
      const invalid = await call('POST', '/lists', { name: 'No contact' });
      expect(invalid.status).toBe(400);
      expect(
        invalid.json.errors.map((e: { field: string }) => e.field),
      ).toEqual([
        'contact',
        'campaign_defaults',
        'permission_reminder',
        'email_type_option',
      ]);
      expect((await call('GET', '/lists/nope')).status).toBe(404);
    });

    it('has the default merge fields plus seeded and created ones', async () => {
      const created = await call('POST', `/lists/${LIST}/merge-fields`, {
        name: 'Plan',
        type: 'text',
        tag: 'PLAN',
      });
      expect(created.json).toMatchObject({ tag: 'PLAN', type: 'text' });
      const fields = await call('GET', `/lists/${LIST}/merge-fields?count=50`);
      expect(
        fields.json.merge_fields.map((f: { tag: string }) => f.tag),
      ).toEqual([
        'FNAME',
        'LNAME',
        'ADDRESS',
        'PHONE',
        'BIRTHDAY',
        'LTV',
        'PLAN',
      ]);
      const duplicate = await call('POST', `/lists/${LIST}/merge-fields`, {
        name: 'Plan again',
        type: 'text',
        tag: 'plan',
      });
      expect(duplicate.status).toBe(400);
    });
  });

  describe('batch subscribe', () => {
    it('creates and updates members, with the status for new ones and typed merge fields', async () => {
      const first = await subscribe([
        contact('Ada@Example.com', {
          status: 'transactional',
          merge_fields: { FNAME: 'Ada', LTV: '1200.5', UNKNOWN: 'x' },
        }),
      ]);
      expect(first.json).toMatchObject({
        total_created: 1,
        total_updated: 0,
        error_count: 0,
        errors: [],
      });
      expect(first.json.new_members[0]).toMatchObject({
        id: md5('ada@example.com'),
        email_address: 'Ada@Example.com',
        status: 'transactional',
        merge_fields: { FNAME: 'Ada', LTV: 1200.5, LNAME: '' },
      });
      // With update_existing, an existing member takes the status given.
      const second = await subscribe([
        contact('ada@example.com', {
          status: 'transactional',
          merge_fields: { LNAME: 'Lovelace' },
        }),
      ]);
      expect(second.json.total_updated).toBe(1);
      const member = await call(
        'GET',
        `/lists/${LIST}/members/${md5('ada@example.com')}`,
      );
      expect(member.json).toMatchObject({
        status: 'transactional',
        merge_fields: { FNAME: 'Ada', LNAME: 'Lovelace', LTV: 1200.5 },
      });
    });

    it('reports refused members in errors[] by email_address with HTTP 200', async () => {
      await subscribe([contact('b@x.io')]);
      const res = await call('POST', `/lists/${LIST}`, {
        members: [
          contact('a@x.io'),
          contact('x@fake'),
          contact('b@x.io'),
          // Batch subscribe has no status_if_new: every member needs a status.
          { email_address: 'c@x.io', status_if_new: 'subscribed' },
          contact('d@x.io', { merge_fields: { LTV: 'lots' } }),
        ],
        update_existing: false,
      });
      expect(res.status).toBe(200);
      expect(res.json.total_created).toBe(1);
      expect(res.json.error_count).toBe(4);
      expect(res.json.errors).toEqual([
        expect.objectContaining({
          email_address: 'x@fake',
          error:
            'x@fake looks fake or invalid, please enter a real email address.',
          error_code: 'ERROR_GENERIC',
          field: 'email_address',
        }),
        expect.objectContaining({
          email_address: 'b@x.io',
          error_code: 'ERROR_CONTACT_EXISTS',
        }),
        expect.objectContaining({
          email_address: 'c@x.io',
          field: 'status',
        }),
        expect.objectContaining({
          email_address: 'd@x.io',
          error: 'Your merge fields were invalid.',
          field: 'merge_fields.LTV',
        }),
      ]);
    });

    it('takes 500 members and refuses 501 with 400 Invalid Resource', async () => {
      const members = (n: number) =>
        Array.from({ length: n }, (_, i) => contact(`m${i}@x.io`));
      expect((await subscribe(members(500))).json.total_created).toBe(500);
      const tooMany = await subscribe(members(501));
      expect(tooMany.status).toBe(400);
      expect(tooMany.json).toMatchObject({
        title: 'Invalid Resource',
        errors: [{ field: 'members', message: expect.stringMatching(/500/) }],
      });
      expect(mc.stats().rejectedByLimit).toBe(1);
    });

    it('upserts one member at members/{md5 of the lower-cased email}', async () => {
      const hash = md5('ada@example.com');
      const put = await call('PUT', `/lists/${LIST}/members/${hash}`, {
        email_address: 'ada@example.com',
        status_if_new: 'pending',
      });
      expect(put.json).toMatchObject({ id: hash, status: 'pending' });
      const mismatch = await call('PUT', `/lists/${LIST}/members/${hash}`, {
        email_address: 'bob@example.com',
        status_if_new: 'pending',
      });
      expect(mismatch.status).toBe(400);
      expect(
        (await call('GET', `/lists/${LIST}/members/${md5('nobody@x.io')}`))
          .status,
      ).toBe(404);
    });
  });

  describe('tags', () => {
    it('creates tags as static segments, lists them, and reads back their members', async () => {
      const created = await call('POST', `/lists/${LIST}/segments`, {
        name: 'Churn risk',
        static_segment: [],
      });
      expect(created.json).toMatchObject({
        name: 'Churn risk',
        type: 'static',
        member_count: 0,
      });
      await call('POST', `/lists/${LIST}/segments`, {
        name: 'Saved',
        options: { match: 'any', conditions: [] },
      });
      const statics = await call('GET', `/lists/${LIST}/segments?type=static`);
      expect(
        statics.json.segments.map((s: { name: string }) => s.name),
      ).toEqual(['VIP', 'Churn risk']);
      expect(mc.objects()).toEqual([
        { id: String(VIP.id), name: 'VIP' },
        { id: String(created.json.id), name: 'Churn risk' },
      ]);
      const duplicate = await call('POST', `/lists/${LIST}/segments`, {
        name: 'vip',
        static_segment: [],
      });
      expect(duplicate.status).toBe(400);
      const both = await call('POST', `/lists/${LIST}/segments`, {
        name: 'Both',
        static_segment: [],
        options: {},
      });
      expect(both.status).toBe(400);
    });

    it('adds and removes members in batches, idempotently, ignoring emails not on the audience', async () => {
      await subscribe([
        contact('a@x.io'),
        contact('b@x.io'),
        contact('c@x.io'),
      ]);
      const added = await changeTag(VIP.id, {
        members_to_add: ['a@x.io', 'B@X.io', 'stranger@x.io'],
      });
      expect(added.json).toMatchObject({
        total_added: 2,
        total_removed: 0,
        error_count: 1,
        errors: [{ email_addresses: ['stranger@x.io'] }],
      });
      const again = await changeTag(VIP.id, {
        members_to_add: ['a@x.io', 'c@x.io'],
        members_to_remove: ['b@x.io', 'nobody@x.io'],
      });
      expect(again.json).toMatchObject({ total_added: 1, total_removed: 1 });
      await changeTag(VIP.id, { members_to_remove: ['b@x.io'] });
      expect(mc.members(String(VIP.id))).toEqual(['a@x.io', 'c@x.io']);
      const members = await call(
        'GET',
        `/lists/${LIST}/segments/${VIP.id}/members`,
      );
      expect(
        members.json.members.map(
          (m: { email_address: string }) => m.email_address,
        ),
      ).toEqual(['a@x.io', 'c@x.io']);
    });

    it('takes 500 emails per side and refuses 501', async () => {
      const emails = (n: number) =>
        Array.from({ length: n }, (_, i) => `m${i}@x.io`);
      expect(
        (await changeTag(VIP.id, { members_to_add: emails(500) })).status,
      ).toBe(200);
      const tooMany = await changeTag(VIP.id, {
        members_to_remove: emails(501),
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.errors[0].field).toBe('members_to_remove');
      expect((await changeTag(999, { members_to_add: [] })).status).toBe(404);
    });

    it('changes one member’s tags, creating a tag on first use', async () => {
      await subscribe([contact('a@x.io')]);
      const hash = md5('a@x.io');
      const res = await call('POST', `/lists/${LIST}/members/${hash}/tags`, {
        tags: [
          { name: 'Beta', status: 'active' },
          { name: 'VIP', status: 'active' },
        ],
        is_syncing: true,
      });
      expect(res.status).toBe(204);
      await call('POST', `/lists/${LIST}/members/${hash}/tags`, {
        tags: [{ name: 'VIP', status: 'inactive' }],
      });
      const member = await call('GET', `/lists/${LIST}/members/${hash}`);
      expect(member.json.tags).toEqual([
        { id: expect.any(Number), name: 'Beta' },
      ]);
      expect(mc.members(String(VIP.id))).toEqual([]);
    });
  });

  describe('throttling', () => {
    it('answers 429 problem+json to the 11th simultaneous request of a key, without rate-limit headers', async () => {
      mc.setFaults({ latencyMs: 150 });
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => call('GET', '/ping')),
      );
      const throttled = answers.filter(a => a.status === 429);
      expect(throttled).toHaveLength(2);
      expect(throttled[0].json).toMatchObject({
        title: 'Too Many Requests',
        status: 429,
      });
      expect(answers.filter(a => a.status === 200)).toHaveLength(10);
      expect(mc.stats().throttled).toBe(2);
      // Once the open requests are answered, there is room again.
      mc.setFaults({});
      expect((await call('GET', '/ping')).status).toBe(200);
    });

    it('can throttle with the bare 403 seen under heavy load', async () => {
      const other = await startMailchimpEmulator({
        apiKeys: [KEY],
        dataCenter: 'us19',
        maxConnections: 1,
        throttleStatus: 403,
        faults: { latencyMs: 100 },
      });
      try {
        const get = () =>
          fetch(`${other.url}/3.0/ping`, {
            headers: { authorization: auth() },
          });
        const [a, b] = await Promise.all([get(), get()]);
        expect([a.status, b.status].sort()).toEqual([200, 403]);
      } finally {
        await other.close();
      }
    });

    it('throttles with the same 429 under a rate limit set for tests', async () => {
      mc.setRateLimit({ requests: 1, perSeconds: 60 });
      await call('GET', '/ping');
      const res = await call('GET', '/ping');
      expect(res.status).toBe(429);
      expect(res.json.title).toBe('Too Many Requests');
    });
  });
});
