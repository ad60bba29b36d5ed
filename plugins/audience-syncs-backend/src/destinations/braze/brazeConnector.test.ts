import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startBrazeEmulator,
} from '@internal/destination-emulators';
import {
  AudienceMember,
  BatchRequest,
  DestinationError,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { brazeConnector } from './brazeConnector';
import { toDestinationError } from './brazeResponses';
import { testConnector } from '../../__testUtils__/testConnector';

const KEY = 'braze-unit-test-key';
const VIP = { id: 'vip', name: 'VIP customers' };
const CHURN = { id: 'churn-risk', name: 'Churn risk' };

let braze: RunningEmulator;

beforeAll(async () => {
  braze = await startBrazeEmulator({ apiKeys: [KEY] });
});

beforeEach(() => braze.reset());

afterAll(() => braze.close());

const { connect, connectError, batchError } = testConnector(brazeConnector, {
  settings: () => ({ baseUrl: braze.url, apiKey: KEY, objects: [VIP, CHURN] }),
  secrets: [KEY],
});

function target(
  field: 'external_id' | 'email' = 'external_id',
  fieldMappings: SyncTarget['fieldMappings'] = [],
  object = VIP,
): SyncTarget {
  return {
    object,
    identifier: { entityKey: field === 'email' ? 'email' : 'user_id', field },
    fieldMappings,
  };
}

const LTV = {
  source: { kind: 'trait' as const, name: 'lifetime_value' },
  destinationField: 'lifetime_value',
};
const FIRST_NAME = {
  source: { kind: 'attribute' as const, name: 'first_name' },
  destinationField: 'first_name',
};

function rows(ids: string[], fields: Record<string, unknown> = {}) {
  return ids.map(id => ({ memberKey: id, identifier: id, fields }));
}

function batch(
  operation: BatchRequest['operation'],
  values: PreparedRow[],
  t = target(),
): BatchRequest {
  return { operation, target: t, rows: values };
}

async function profile(externalId: string) {
  const res = await fetch(`${braze.url}/users/export/ids`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ external_ids: [externalId] }),
  });
  return (await res.json()).users[0];
}

function members(objectId: string) {
  braze.flush();
  return braze.members(objectId);
}

describe('BrazeConnector', () => {
  it('is the braze type, with attribute-value segments of users by external id or email', async () => {
    const connector = brazeConnector;
    expect(connector.type).toBe('braze');
    expect(connector.label).toBe('Braze');
    const client = await connect();
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'Segment (attribute value)',
      identifierFields: [
        {
          field: 'external_id',
          label: 'External ID',
          entityKeys: ['user_id'],
          hashed: false,
        },
        {
          field: 'email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: false,
      canReadMembers: false,
      batchSize: 50,
      rateLimit: { requests: 3000, perSeconds: 3 },
      concurrentBatches: 4,
    });
    expect(client.createObject).toBeUndefined();
  });

  describe('settings', () => {
    it.each([
      [{ baseUrl: undefined }, /baseUrl/],
      [{ baseUrl: 'rest.iad-01.braze.com' }, /^baseUrl: /],
      [{ apiKey: undefined }, /apiKey/],
      [{ apiKey: ' ' }, /^apiKey: /],
      [{ objects: undefined }, /objects/],
      [{ objects: [] }, /^objects: /],
      [
        { objects: [VIP, { id: 'vip' }] },
        /^objects\[1\]\.id: 'vip' is listed twice/,
      ],
      [{ objects: [{ id: 'x'.repeat(256) }] }, /^objects\[0\]\.id: /],
      [{ membershipAttribute: '$audiences' }, /^membershipAttribute: /],
      [{ membershipAttribute: 'external_id' }, /^membershipAttribute: /],
      [{ batchSize: 76 }, /^batchSize: /],
      [{ timeoutMs: 0 }, /^timeoutMs: /],
    ])('refuses %p, naming the setting', async (change, message) => {
      const error = await connectError(change as JsonObject);
      expect(error.message).toMatch(message);
    });

    it('sends 50 users per request by default, which accounts on the newer MAU plans take', async () => {
      const mau = await startBrazeEmulator({
        apiKeys: [KEY],
        maxObjectsPerRequest: 50,
      });
      try {
        const client = await connect({ baseUrl: mau.url });
        expect(client.capabilities.batchSize).toBe(50);
        const ids = Array.from({ length: 50 }, (_, i) => `u${i}`);
        await expect(
          client.applyBatch(batch('add', rows(ids))),
        ).resolves.toEqual({ rejected: [] });
        const over = await batchError(
          client,
          batch('add', rows([...ids, 'u50'])),
        );
        expect(over.message).toMatch(/at most 50/);
      } finally {
        await mau.close();
      }
    });

    it('takes up to 75 users per request for accounts on the legacy data-point plans', async () => {
      const client = await connect({ batchSize: 75 });
      expect(client.capabilities.batchSize).toBe(75);
    });
  });

  describe('listObjects', () => {
    it('lists the configured values once Braze accepts the key', async () => {
      const client = await connect();
      await expect(client.listObjects()).resolves.toEqual([VIP, CHURN]);
      // The key check is one request that changes nothing.
      expect(braze.stats().byStatus).toEqual({ '400': 1 });
    });

    it('names apiKey when Braze refuses the key', async () => {
      const client = await connect({ apiKey: 'revoked-key' });
      const error = await client.listObjects().then(
        () => undefined,
        (e: unknown) => e as DestinationError,
      );
      expect(error).toMatchObject({
        code: 'unauthorized',
        retryable: false,
        throttled: false,
      });
      expect(error!.message).toContain('apiKey');
      expect(error!.message).not.toContain('revoked-key');
    });
  });

  describe('prepare', () => {
    const member = (keys: AudienceMember['keys']): AudienceMember => ({
      memberKey: 'm-1',
      keys,
      fields: { lifetime_value: 1200, first_name: 'Ada' },
    });

    it.each([
      ['external_id', { user_id: '  crm-42 ' }, 'crm-42'],
      [
        'email',
        { email: ' Ada.Lovelace@Example.COM ' },
        'ada.lovelace@example.com',
      ],
    ] as const)(
      'sends %s raw, trimmed (emails lower-cased)',
      async (field, keys, identifier) => {
        const client = await connect();
        expect(
          client.prepare(member(keys), target(field, [LTV, FIRST_NAME])),
        ).toEqual({
          ok: true,
          row: {
            memberKey: 'm-1',
            identifier,
            fields: { lifetime_value: 1200, first_name: 'Ada' },
          },
        });
      },
    );

    it.each([
      [{}, 'external_id', [], 'missing_identifier'],
      [{ email: 'not-an-email' }, 'email', [], 'invalid_email'],
      [
        { user_id: 'u1' },
        'external_id',
        ['audiences'],
        'invalid_field_mapping',
      ],
      [
        { user_id: 'u1' },
        'external_id',
        ['external_id'],
        'invalid_field_mapping',
      ],
      [{ email: 'a@b.io' }, 'email', ['email'], 'invalid_field_mapping'],
      [{ user_id: 'u1' }, 'external_id', ['$ltv'], 'invalid_field_mapping'],
    ] as const)(
      'refuses %p matched on %s with fields %p: %s',
      async (keys, field, destinationFields, code) => {
        const client = await connect();
        const result = client.prepare(
          member(keys),
          target(
            field,
            destinationFields.map(destinationField => ({
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField,
            })),
          ),
        );
        expect(result).toMatchObject({ ok: false, code });
      },
    );

    it('refuses identifier fields Braze does not match on', async () => {
      const client = await connect();
      const result = client.prepare(member({ phone: '+14155550123' }), {
        ...target(),
        identifier: { entityKey: 'phone', field: 'phone' },
      });
      expect(result).toMatchObject({
        ok: false,
        code: 'unsupported_identifier',
      });
    });
  });

  describe('applyBatch', () => {
    it('adds the object id to the membership attribute with the mapped fields, and removes it again', async () => {
      const client = await connect();
      const t = target('external_id', [LTV, FIRST_NAME]);
      await expect(
        client.applyBatch(
          batch(
            'add',
            rows(['u1', 'u2'], { lifetime_value: 10, first_name: 'A' }),
            t,
          ),
        ),
      ).resolves.toEqual({ rejected: [] });
      await client.applyBatch(
        batch('add', rows(['u1']), target('external_id', [], CHURN)),
      );
      expect(await profile('u1')).toMatchObject({
        first_name: 'A',
        custom_attributes: {
          lifetime_value: 10,
          audiences: ['vip', 'churn-risk'],
        },
      });

      await client.applyBatch(batch('remove', rows(['u1', 'never-seen']), t));
      expect(members('vip')).toEqual(['u2']);
      expect(members('churn-risk')).toEqual(['u1']);
      // A remove never creates the users it names.
      expect(await profile('never-seen')).toBeUndefined();
    });

    it('updates fields of existing users only, leaving membership alone', async () => {
      const client = await connect();
      const t = target('external_id', [LTV]);
      await client.applyBatch(
        batch('add', rows(['u1'], { lifetime_value: 10 }), t),
      );
      await expect(
        client.applyBatch(
          batch('update', rows(['u1', 'u9'], { lifetime_value: 99 }), t),
        ),
      ).resolves.toEqual({ rejected: [] });
      expect((await profile('u1')).custom_attributes).toEqual({
        lifetime_value: 99,
        audiences: ['vip'],
      });
      expect(await profile('u9')).toBeUndefined();
      // Without field mappings an update has nothing to send.
      const before = braze.stats().requests;
      await client.applyBatch(batch('update', rows(['u1'])));
      expect(braze.stats().requests).toBe(before);
    });

    it('creates no users on add with updateExistingOnly', async () => {
      const client = await connect({ updateExistingOnly: true });
      await client.applyBatch(batch('add', rows(['u1'])));
      expect(members('vip')).toEqual([]);
      expect(await profile('u1')).toBeUndefined();
    });

    it('writes into the configured membershipAttribute', async () => {
      const other = await startBrazeEmulator({
        apiKeys: [KEY],
        membershipAttributes: ['signalsmith_segments'],
      });
      try {
        const client = await connect({
          membershipAttribute: 'signalsmith_segments',
          baseUrl: other.url,
        });
        await client.applyBatch(batch('add', rows(['u1'])));
        other.flush();
        expect(other.members('vip')).toEqual(['u1']);
      } finally {
        await other.close();
      }
    });

    it('maps errors[] indexes to rows, and a batch of refused rows only to all its rows', async () => {
      const client = await connect();
      const t = target('email');
      const good = {
        memberKey: 'good',
        identifier: 'good@example.com',
        fields: {},
      };
      const bad = (i: number) => ({
        memberKey: `bad-${i}`,
        identifier: `bad-${i}@localhost`,
        fields: {},
      });
      const partial = await client.applyBatch(
        batch('add', [bad(0), good, bad(1)], t),
      );
      expect(partial.rejected).toEqual([
        {
          memberKey: 'bad-0',
          code: 'invalid_user_object',
          message:
            "Braze refused the row: The value provided for the 'email' field is not a valid email.",
          retryable: false,
        },
        expect.objectContaining({ memberKey: 'bad-1' }),
      ]);
      const all = await client.applyBatch(batch('add', [bad(2), bad(3)], t));
      expect(all.rejected.map(r => r.memberKey)).toEqual(['bad-2', 'bad-3']);
      expect(members('vip')).toEqual(['good@example.com']);
    });

    it('fails for good on a batch over the size limit', async () => {
      const client = await connect();
      const error = await batchError(
        client,
        batch('add', rows(Array.from({ length: 76 }, (_, i) => `u${i}`))),
      );
      expect(error).toMatchObject({ code: 'braze_error', retryable: false });
      expect(error.message).toMatch(/at most 75/);
    });

    it('surfaces 429 as throttling with the wait of X-RateLimit-Retry-After', async () => {
      const client = await connect();
      braze.setRateLimit({ requests: 1, perSeconds: 30 });
      await client.applyBatch(batch('add', rows(['u1'])));
      const error = await batchError(client, batch('add', rows(['u2'])));
      expect(error).toMatchObject({
        code: 'throttled',
        throttled: true,
        retryable: true,
        retryAfterMs: 30_000,
      });
    });

    it('turns server errors into retryable errors and wrong keys into final ones naming apiKey', async () => {
      const client = await connect();
      braze.setFaults({ errorRate: 1 });
      const transient = await batchError(client, batch('add', rows(['u1'])));
      expect(transient).toMatchObject({
        code: 'braze_unavailable',
        retryable: true,
        throttled: false,
      });
      braze.setFaults({});
      const wrong = await connect({ apiKey: 'nope' });
      const refused = await batchError(wrong, batch('add', rows(['u1'])));
      expect(refused).toMatchObject({ code: 'unauthorized', retryable: false });
      expect(refused.message).toContain('apiKey');
    });

    it('points at baseUrl when it is not a Braze REST endpoint', async () => {
      const client = await connect({ baseUrl: `${braze.url}/not-braze` });
      const error = await batchError(client, batch('add', rows(['u1'])));
      expect(error).toMatchObject({ code: 'not_found', retryable: false });
      expect(error.message).toContain('baseUrl');
    });

    it('accepts any 2xx as success (the mocks use 200 and 201)', async () => {
      const other = await startBrazeEmulator({
        apiKeys: [KEY],
        successStatus: 200,
      });
      try {
        const client = await connect({ baseUrl: other.url });
        await expect(
          client.applyBatch(batch('add', rows(['u1']))),
        ).resolves.toEqual({ rejected: [] });
      } finally {
        await other.close();
      }
    });

    it('gives up after timeoutMs and on abort, retryable only for the time-out', async () => {
      const server = createServer(() => {});
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const slow = await connect({ timeoutMs: 100, baseUrl: url });
        expect(
          await batchError(slow, batch('add', rows(['u1']))),
        ).toMatchObject({
          code: 'timeout',
          retryable: true,
        });
        const client = await connect({ baseUrl: url });
        const controller = new AbortController();
        const pending = batchError(client, {
          ...batch('add', rows(['u1'])),
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 20);
        expect(await pending).toMatchObject({
          code: 'aborted',
          retryable: false,
        });
      } finally {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
      }
    });
  });

  describe('credentials in errors', () => {
    it('keeps the API key out of the error of a request that could not be sent', async () => {
      // A key pasted with a line break in it: fetch refuses the header and quotes its value.
      const client = await connect({ apiKey: `${KEY}\nrest-of-the-key` });
      const error = await batchError(client, batch('add', rows(['u1'])));
      expect(error.message).not.toContain('rest-of-the-key');
      expect(error).toMatchObject({ retryable: false, throttled: false });
      expect(braze.stats().requests).toBe(0);
    });
  });

  describe('rate-limit headers', () => {
    const throttled = (headers: Record<string, string>) =>
      toDestinationError({
        status: 429,
        headers: new Headers(headers),
        body: {},
        text: '',
      });

    it('falls back to X-RateLimit-Reset, then Retry-After, for the wait', () => {
      const reset = Math.ceil(Date.now() / 1000) + 10;
      const fromReset = throttled({ 'x-ratelimit-reset': String(reset) });
      expect(fromReset.retryAfterMs).toBeGreaterThan(8_000);
      expect(fromReset.retryAfterMs).toBeLessThanOrEqual(11_000);
      const fromRetryAfter = throttled({ 'retry-after': '2' });
      expect(fromRetryAfter.retryAfterMs).toBe(2000);
      expect(throttled({}).retryAfterMs).toBeUndefined();
    });
  });
});
