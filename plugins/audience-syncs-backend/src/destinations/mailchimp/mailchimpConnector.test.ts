import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  SeedMailchimpList,
  startMailchimpEmulator,
} from '@internal/destination-emulators';
import { FieldMapping } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  BatchRequest,
  md5Hex,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { mailchimpConnector } from './mailchimpConnector';
import { testConnector } from '../../__testUtils__/testConnector';

const KEY = '9f86d081884c7d659a2feaa0c55ad015-us6';
const LIST = 'ab12cd34ef';
const VIP = { id: '30001', name: 'VIP' };
const AUDIENCE: SeedMailchimpList = {
  id: LIST,
  name: 'Newsletter',
  mergeFields: [{ tag: 'LTV', name: 'Lifetime value', type: 'number' }],
  tags: [{ id: Number(VIP.id), name: VIP.name }],
};

let mc: RunningEmulator;

beforeAll(async () => {
  mc = await startMailchimpEmulator({ apiKeys: [KEY], lists: [AUDIENCE] });
});

beforeEach(() => mc.reset());

afterAll(() => mc.close());

const { connect, connectError, failure } = testConnector(mailchimpConnector, {
  settings: () => ({
    baseUrl: mc.url,
    apiKey: KEY,
    listId: LIST,
    newMemberStatus: 'subscribed',
  }),
  secrets: [KEY],
});

const mapping = (name: string, destinationField: string): FieldMapping => ({
  source: { kind: 'attribute', name },
  destinationField,
});

function target(fieldMappings: FieldMapping[] = [], object = VIP): SyncTarget {
  return {
    object,
    identifier: { entityKey: 'email', field: 'email_address' },
    fieldMappings,
  };
}

function rows(emails: string[], fields: Record<string, unknown> = {}) {
  return emails.map(email => ({ memberKey: email, identifier: email, fields }));
}

function batch(
  operation: BatchRequest['operation'],
  values: PreparedRow[],
  t = target(),
): BatchRequest {
  return { operation, target: t, rows: values };
}

/** The emulator's API, for checks and set-up the connector does not do. */
async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${mc.url}/3.0${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 204 ? undefined : res.json();
}

const contact = (email: string) =>
  api('GET', `/lists/${LIST}/members/${md5Hex(email)}`);

describe('MailchimpConnector', () => {
  it('is the mailchimp type: tags of an audience, filled by email, with merge fields', async () => {
    const connector = mailchimpConnector;
    expect(connector.type).toBe('mailchimp');
    expect(connector.label).toBe('Mailchimp');
    const client = await connect();
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'Audience/Tag',
      identifierFields: [
        {
          field: 'email_address',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: 500,
      concurrentBatches: 4,
    });
  });

  describe('settings', () => {
    it.each([
      [{ apiKey: undefined }, /apiKey/],
      [
        { apiKey: '9f86d081884c7d659a2feaa0c55ad015' },
        /^apiKey: .*data center/,
      ],
      [{ listId: undefined }, /listId/],
      [{ listId: 'a/b' }, /^listId: /],
      [{ newMemberStatus: 'unsubscribed' }, /^newMemberStatus: /],
      [{ maxConcurrentRequests: 11 }, /^maxConcurrentRequests: /],
      [{ maxConcurrentRequests: 0 }, /^maxConcurrentRequests: /],
      [{ baseUrl: 'us6.api.mailchimp.com' }, /^baseUrl: /],
      [{ timeoutMs: 0 }, /^timeoutMs: /],
    ])('refuses %p, naming the setting', async (change, message) => {
      const error = await connectError(change as JsonObject);
      expect(error.message).toMatch(message);
    });

    it('reaches the data center of the key with Basic auth by default', async () => {
      const fetchSpy = jest
        .spyOn(global, 'fetch')
        .mockResolvedValue(
          new Response(JSON.stringify({ segments: [], total_items: 0 })),
        );
      try {
        const client = await connect({ baseUrl: undefined });
        await client.listObjects();
        const [url, init] = fetchSpy.mock.calls[0];
        expect(String(url)).toBe(
          `https://us6.api.mailchimp.com/3.0/lists/${LIST}/segments?type=static&count=1000&offset=0`,
        );
        const header = (init?.headers as Record<string, string>).authorization;
        expect(
          Buffer.from(header.replace(/^Basic /, ''), 'base64').toString(),
        ).toBe(`audience-syncs:${KEY}`);
      } finally {
        fetchSpy.mockRestore();
      }
    });
  });

  describe('objects', () => {
    it('lists the audience’s tags page by page, not its saved segments', async () => {
      const many = await startMailchimpEmulator({
        apiKeys: [KEY],
        lists: [
          {
            id: LIST,
            name: 'Big',
            tags: Array.from({ length: 1001 }, (_, i) => ({
              id: 40_000 + i,
              name: `Tag ${i}`,
            })),
          },
        ],
      });
      try {
        const client = await connect({ baseUrl: many.url });
        const objects = await client.listObjects();
        expect(objects).toHaveLength(1001);
        expect(objects[1000]).toEqual({ id: '41000', name: 'Tag 1000' });
      } finally {
        await many.close();
      }
      await api('POST', `/lists/${LIST}/segments`, {
        name: 'Saved',
        options: { match: 'all', conditions: [] },
      });
      const client = await connect();
      await expect(client.listObjects()).resolves.toEqual([VIP]);
    });

    it('creates a tag as an empty static segment, and refuses a name in use', async () => {
      const client = await connect();
      const created = await client.createObject!('Churn risk');
      expect(created).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'Churn risk',
      });
      await expect(client.listObjects()).resolves.toEqual([VIP, created]);
      const duplicate = await failure(client.createObject!('vip'));
      expect(duplicate).toMatchObject({
        code: 'invalid_request',
        retryable: false,
      });
      expect(duplicate.message).toMatch(/already exists/);
    });

    it('names listId when the audience does not exist', async () => {
      const client = await connect({ listId: 'nothere' });
      const error = await failure(client.listObjects());
      expect(error).toMatchObject({
        code: 'object_not_found',
        retryable: false,
      });
      expect(error.message).toContain("audience 'nothere'");
      expect(error.message).toContain('listId');
    });
  });

  describe('prepare', () => {
    it('sends the email trimmed and lower-cased, with the mapped fields', async () => {
      const client = await connect();
      const result = client.prepare(
        {
          memberKey: 'm-1',
          keys: { email: ' Ada.Lovelace@Example.COM ' },
          fields: { first_name: 'Ada', ltv: 12 },
        },
        target([mapping('first_name', 'FNAME'), mapping('ltv', 'LTV')]),
      );
      expect(result).toEqual({
        ok: true,
        row: {
          memberKey: 'm-1',
          identifier: 'ada.lovelace@example.com',
          fields: { FNAME: 'Ada', LTV: 12 },
        },
      });
    });

    it.each([
      [{}, [], 'missing_identifier'],
      [{ email: 'nope' }, [], 'invalid_email'],
      [{ email: 'a@b.io' }, ['Customer Value'], 'invalid_field_mapping'],
      [{ email: 'a@b.io' }, ['EMAIL'], 'invalid_field_mapping'],
    ] as const)('refuses %p with fields %p: %s', async (keys, fields, code) => {
      const client = await connect();
      const result = client.prepare(
        { memberKey: 'm-1', keys, fields: {} },
        target(fields.map(f => mapping('x', f))),
      );
      expect(result).toMatchObject({ ok: false, code });
    });

    it('matches on email only', async () => {
      const client = await connect();
      expect(
        client.prepare(
          { memberKey: 'm-1', keys: { user_id: 'u1' }, fields: {} },
          {
            ...target(),
            identifier: { entityKey: 'user_id', field: 'email_address' },
          },
        ),
      ).toMatchObject({ ok: false, code: 'unsupported_identifier' });
    });
  });

  describe('applyBatch', () => {
    it('upserts contacts with newMemberStatus, tags them, and untags them on remove', async () => {
      await api('POST', `/lists/${LIST}`, {
        members: [{ email_address: 'old@x.io', status: 'unsubscribed' }],
      });
      const client = await connect({ newMemberStatus: 'pending' });
      await expect(
        client.applyBatch(batch('add', rows(['new@x.io', 'old@x.io']))),
      ).resolves.toEqual({ rejected: [] });
      expect(mc.members(VIP.id)).toEqual(['new@x.io', 'old@x.io']);
      expect(await contact('new@x.io')).toMatchObject({ status: 'pending' });
      // An existing contact keeps its status: a sync never resubscribes anyone.
      expect(await contact('old@x.io')).toMatchObject({
        status: 'unsubscribed',
      });

      await expect(
        client.applyBatch(batch('remove', rows(['old@x.io', 'stranger@x.io']))),
      ).resolves.toEqual({ rejected: [] });
      expect(mc.members(VIP.id)).toEqual(['new@x.io']);
      // Removal is from the tag only: the contact stays in the audience.
      expect(await contact('old@x.io')).toMatchObject({
        status: 'unsubscribed',
      });
    });

    it('gives new contacts the status batch subscribe requires, and writes existing ones’ fields without touching their status', async () => {
      await api('POST', `/lists/${LIST}`, {
        members: [{ email_address: 'old@x.io', status: 'unsubscribed' }],
      });
      const client = await connect({ newMemberStatus: 'subscribed' });
      const t = target([mapping('first_name', 'FNAME')]);
      await expect(
        client.applyBatch(
          batch('add', rows(['new@x.io', 'old@x.io'], { FNAME: 'Ada' }), t),
        ),
      ).resolves.toEqual({ rejected: [] });
      expect(await contact('new@x.io')).toMatchObject({
        status: 'subscribed',
        merge_fields: { FNAME: 'Ada' },
      });
      expect(await contact('old@x.io')).toMatchObject({
        status: 'unsubscribed',
        merge_fields: { FNAME: 'Ada' },
      });
      expect(mc.members(VIP.id)).toEqual(['new@x.io', 'old@x.io']);
    });

    it('sends mapped fields as merge fields shaped for their types', async () => {
      const client = await connect();
      const t = target([
        mapping('first_name', 'fname'),
        mapping('ltv', 'LTV'),
        mapping('birthday', 'BIRTHDAY'),
      ]);
      await client.applyBatch(
        batch(
          'add',
          rows(['ada@x.io'], {
            fname: 'Ada',
            LTV: '1200.5',
            BIRTHDAY: new Date('1990-12-10T00:00:00Z'),
          }),
          t,
        ),
      );
      expect((await contact('ada@x.io')).merge_fields).toMatchObject({
        FNAME: 'Ada',
        LTV: 1200.5,
        BIRTHDAY: '12/10',
      });
      await client.applyBatch(
        batch('update', rows(['ada@x.io'], { fname: null, LTV: 99 }), t),
      );
      expect((await contact('ada@x.io')).merge_fields).toMatchObject({
        FNAME: '',
        LTV: 99,
      });
      expect(mc.members(VIP.id)).toEqual(['ada@x.io']);
    });

    it('fails for good, naming it, on a merge field the audience lacks, and sees one added since', async () => {
      const client = await connect();
      const t = target([mapping('plan', 'PLAN')]);
      const error = await failure(
        client.applyBatch(batch('add', rows(['a@x.io'], { PLAN: 'pro' }), t)),
      );
      expect(error).toMatchObject({
        code: 'unknown_merge_field',
        retryable: false,
      });
      expect(error.message).toMatch(
        /no merge field PLAN \(it has FNAME, LNAME/,
      );
      expect(mc.members(VIP.id)).toEqual([]);

      await api('POST', `/lists/${LIST}/merge-fields`, {
        name: 'Plan',
        type: 'text',
        tag: 'PLAN',
      });
      await client.applyBatch(
        batch('add', rows(['a@x.io'], { PLAN: 'pro' }), t),
      );
      expect((await contact('a@x.io')).merge_fields.PLAN).toBe('pro');
    });

    it('rejects the contacts Mailchimp refuses, by email, and tags the others', async () => {
      const client = await connect();
      const result = await client.applyBatch(
        batch('add', [
          { memberKey: 'bad', identifier: 'bad@localhost', fields: {} },
          ...rows(['good@x.io']),
        ]),
      );
      expect(result.rejected).toEqual([
        {
          memberKey: 'bad',
          code: 'invalid_contact',
          message:
            'Mailchimp refused the contact: bad@localhost looks fake or invalid, please enter a real email address.',
          retryable: false,
        },
      ]);
      expect(mc.members(VIP.id)).toEqual(['good@x.io']);
    });

    it('sends nothing for updates without field mappings', async () => {
      const client = await connect();
      await client.applyBatch(batch('update', rows(['a@x.io'])));
      expect(mc.stats().requests).toBe(0);
    });

    it('names the tag when it does not exist', async () => {
      const client = await connect();
      const error = await failure(
        client.applyBatch(
          batch(
            'remove',
            rows(['a@x.io']),
            target([], { id: '999', name: 'Gone' }),
          ),
        ),
      );
      expect(error).toMatchObject({
        code: 'object_not_found',
        retryable: false,
      });
      expect(error.message).toContain("tag 'Gone' (999)");
    });

    it('refuses more than 500 contacts for good', async () => {
      const client = await connect();
      const error = await failure(
        client.applyBatch(
          batch(
            'add',
            rows(Array.from({ length: 501 }, (_, i) => `m${i}@x.io`)),
          ),
        ),
      );
      expect(error).toMatchObject({
        code: 'invalid_request',
        retryable: false,
      });
      expect(error.message).toContain('members');
    });
  });

  describe('connections and errors', () => {
    it('keeps its requests under the connection limit however many batches run at once', async () => {
      const limited = await startMailchimpEmulator({
        apiKeys: [KEY],
        lists: [AUDIENCE],
        maxConnections: 3,
        faults: { latencyMs: 60 },
      });
      try {
        const client = await connect({
          maxConcurrentRequests: 3,
          baseUrl: limited.url,
        });
        const batches = Array.from({ length: 9 }, (_, i) =>
          client.applyBatch(batch('add', rows([`m${i}@x.io`]))),
        );
        await expect(Promise.all(batches)).resolves.toHaveLength(9);
        expect(limited.stats().throttled).toBe(0);
        expect(limited.members(VIP.id)).toHaveLength(9);

        // A client allowed more connections than the account has meets Mailchimp's 429.
        const greedy = await connect({
          maxConcurrentRequests: 6,
          baseUrl: limited.url,
        });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            greedy.applyBatch(batch('remove', rows([`m${i}@x.io`]))),
          ),
        );
        const errors = outcomes
          .filter(o => o.status === 'rejected')
          .map(o => (o as PromiseRejectedResult).reason);
        expect(errors).toHaveLength(3);
        for (const error of errors) {
          expect(error).toMatchObject({
            code: 'throttled',
            throttled: true,
            retryable: true,
            retryAfterMs: 1000,
          });
        }
      } finally {
        await limited.close();
      }
    });

    it('reads a bare 403 as throttling too', async () => {
      const bare = await startMailchimpEmulator({
        apiKeys: [KEY],
        lists: [AUDIENCE],
        throttleStatus: 403,
        rateLimit: { requests: 1, perSeconds: 60 },
      });
      try {
        const client = await connect({ baseUrl: bare.url });
        await client.listObjects();
        const error = await failure(client.listObjects());
        expect(error).toMatchObject({ code: 'throttled', throttled: true });
      } finally {
        await bare.close();
      }
    });

    it('names apiKey when Mailchimp refuses it, and retries server errors', async () => {
      const wrong = await connect({
        apiKey: 'ffffffffffffffffffffffffffffffff-us6',
      });
      const refused = await failure(wrong.listObjects());
      expect(refused).toMatchObject({ code: 'unauthorized', retryable: false });
      expect(refused.message).toContain('apiKey');
      expect(refused.message).not.toContain('ffffffff');

      mc.setFaults({ errorRate: 1 });
      const client = await connect();
      const transient = await failure(
        client.applyBatch(batch('add', rows(['a@x.io']))),
      );
      expect(transient).toMatchObject({
        code: 'mailchimp_unavailable',
        retryable: true,
        throttled: false,
      });
    });

    it('keeps the key out of the error of a request that could not be sent', async () => {
      // The key written into baseUrl as its password: fetch refuses the URL and quotes it.
      const client = await connect({
        baseUrl: mc.url.replace('://', `://audience-syncs:${KEY}@`),
      });
      const error = await failure(client.listObjects());
      expect(error).toMatchObject({ retryable: false, throttled: false });
      expect(mc.stats().requests).toBe(0);
    });

    it('gives up after timeoutMs, and stops waiting for a connection when the batch is cancelled', async () => {
      mc.setFaults({ timeoutRate: 1 });
      const slow = await connect({ timeoutMs: 100, maxConcurrentRequests: 1 });
      const controller = new AbortController();
      const first = failure(slow.applyBatch(batch('add', rows(['a@x.io']))));
      const queued = failure(
        slow.applyBatch({
          ...batch('remove', rows(['a@x.io'])),
          signal: controller.signal,
        }),
      );
      controller.abort();
      expect(await queued).toMatchObject({ code: 'aborted', retryable: false });
      expect(await first).toMatchObject({ code: 'timeout', retryable: true });
      // The cancelled batch never took a connection.
      expect(mc.stats().requests).toBe(1);
    });
  });
});
